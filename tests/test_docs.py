"""The docs can never lie: every ```pycon block of docs/*.md and every docstring example of
the package runs here, and a page without examples fails."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import propmgmt_rules

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# Pages that explain without code (they still must exist and be linked from the index).
PROSE_ONLY = {"index.md", "performance.md", "rules.md"}  # rules.md: generated


def _pages() -> list[Path]:
    return sorted(DOCS.glob("**/*.md"))


def _modules() -> list[str]:
    names = [propmgmt_rules.__name__]
    for info in pkgutil.walk_packages(propmgmt_rules.__path__, propmgmt_rules.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return names


def test_docs_folder_has_pages() -> None:
    assert (DOCS / "index.md").is_file()
    assert len(_pages()) >= 2


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_doc_page_examples_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    if page.name in PROSE_ONLY:
        return
    assert blocks, f"{page.name} has no ```pycon example: every page shows runnable examples"
    parser = doctest.DocTestParser()
    globs: dict[str, object] = {}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for n, block in enumerate(blocks, 1):
        test = parser.get_doctest(block, globs, f"{page.name}[{n}]", str(page), 0)
        assert test.examples, f"{page.name} block {n} has no >>> example"
        runner.run(test, clear_globs=False)
        globs.update(test.globs)  # a page is one session: later blocks see earlier names
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of {page.name} failed (see output)"


def test_index_links_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in _pages():
        if page.name != "index.md":
            assert str(page.relative_to(DOCS)) in index, f"docs/index.md does not link {page.name}"


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) in {name} failed"
