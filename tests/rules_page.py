"""``python -m tests.rules_page [--write]``: the generated page ``docs/rules.md``.

Every rule of the registry, from its id to its code, its tests and its docs in one hop each:

* its code: the functions of its registry record's ``decided_in``;
* its tests: the test files that cite its id;
* its docs: the sections of ``docs/*.md`` with an executed example that cite its id (the
  sections that name it in their heading first).

``tests/test_rules_page.py`` checks that the page is what this writes today; after adding a
rule, moving its code, or citing it in a test or a docs section, regenerate it (from the
project's root) with::

    python -m tests.rules_page --write
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TESTS = ROOT / "tests"
PAGE = DOCS / "rules.md"
ID = re.compile(
    r"(?<![A-Za-z0-9.\-])((?:T|CC|CA|OM|SD|CQ|CP|MI|SQ|VK|COM)-[A-Z0-9](?:[A-Z0-9.\-]*[A-Z0-9])?)"
    r"(?![A-Za-z0-9\-])")
MAX_TESTS = 8
MAX_SECTIONS = 4
AREAS = (("time", "Time (`T-`)"), ("commission", "Money and commission (`COM-`)"),
         ("ownership", "Ownership (`CC-`, `SD-`)"), ("complaints", "Complaints (section 3)"),
         ("repairs", "Repairs (section 4)"), ("fees", "Fees and move-in (section 5)"))


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading (GitHub's rule)."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _sections() -> list[tuple[str, str, str, bool]]:
    """(page, heading, text, has an example) of every section of the docs but this page."""
    out: list[tuple[str, str, str, bool]] = []
    for page in sorted(DOCS.glob("*.md")):
        if page == PAGE:
            continue
        heading, lines = page.stem, []
        fence = False
        for line in [*page.read_text(encoding="utf-8").splitlines(), "# (end)"]:
            if line.startswith("```"):
                fence = not fence
            if not fence and re.match(r"#{1,4} ", line):
                text = "\n".join(lines)
                out.append((page.name, heading, text, "```pycon" in text))
                heading, lines = line.lstrip("#").strip(), []
            lines.append(line)
    return out


def _tests() -> dict[str, list[str]]:
    """The test files citing each rule id."""
    cited: dict[str, list[str]] = {}
    for path in sorted(TESTS.rglob("*.py")):
        if "snapshots" in path.parts:
            continue
        name = path.relative_to(ROOT).as_posix()
        for rid in sorted(set(ID.findall(path.read_text(encoding="utf-8")))):
            cited.setdefault(rid, []).append(name)
    return cited


def _code(path: str) -> str:
    return f"`{path.removeprefix('propmgmt_rules.')}`"


def render() -> str:
    """The page, as the registry, the tests and the docs say today."""
    sys.path.insert(0, str(ROOT / "src"))
    from propmgmt_rules import RULES

    tests = _tests()
    sections = _sections()
    out = [
        "# Rules: from an id to its code, its tests and its docs",
        "",
        "Generated from the rule registry, the tests and the docs by `python -m tests.rules_page "
        "--write` (from the project's root); `tests/test_rules_page.py` fails when it is out of "
        "date. **Code**: the functions that decide the rule (the record's `decided_in`, under "
        "`propmgmt_rules.`); **tests**: the test files citing the id; **docs**: the sections with "
        "an executed example citing it. `propmgmt-rules rules` lists the rules with their "
        "Chinese wording.",
        "",
    ]
    for area, title in AREAS:
        rules = [r for r in RULES.values() if r.area == area]
        if not rules:
            continue
        out += [f"## {title}", "", "| id | summary | code | tests | docs |",
                "|---|---|---|---|---|"]
        for r in rules:
            summary = r.summary.split(". ")[0].rstrip(".").replace("|", "\\|")
            if len(summary) > 90:
                summary = summary[:87].rstrip() + "..."
            code = "<br>".join(_code(p) for p in r.decided_in)
            files = tests.get(r.id, [])
            shown = [f"[{Path(f).name}](../{f})" for f in files[:MAX_TESTS]]
            if len(files) > MAX_TESTS:
                shown.append(f"and {len(files) - MAX_TESTS} more")
            pattern = re.compile(rf"(?<![A-Za-z0-9.\-]){re.escape(r.id)}(?![A-Za-z0-9\-])")
            found = [(page, heading) for page, heading, text, example in sections
                     if example and pattern.search(text)]
            found.sort(key=lambda s: not pattern.search(s[1]))
            docs = [f"[{page} § {heading.replace('|', '/')}]({page}#{_slug(heading)})"
                    if heading != page.removesuffix(".md") else f"[{page}]({page})"
                    for page, heading in found[:MAX_SECTIONS]]
            out.append(f"| `{r.id}` | {summary} | {code} | {'<br>'.join(shown) or '-'} | "
                       f"{'<br>'.join(docs) or '-'} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.rules_page", description=__doc__)
    ap.add_argument("--write", action="store_true", help="write docs/rules.md")
    args = ap.parse_args(argv)
    text = render()
    current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    if args.write:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
        return 0
    if current != text:
        print("docs/rules.md is out of date: python -m tests.rules_page --write")
        return 1
    print("docs/rules.md is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
