"""The rules as data: every CC- and SD- record quotes its clause from the seed documents, and
every ownership id of the catalog is registered, cited by a preset and documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from propmgmt_rules import RULES, get_rule
from propmgmt_rules.ownership import CC, SD
from propmgmt_rules.ownership.rules import CC_RULES, SD_RULES

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
CATALOG = ROOT / "spec" / "RULES.md"
NOISE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)|</?P>")


def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip("../shared/seeds is not beside this checkout")
    text = files[0].read_text(encoding="utf-8", errors="replace")
    return re.sub(r"\s+", "", NOISE.sub("", text))


def _catalog_ids(prefixes: tuple[str, ...]) -> set[str]:
    ids = set()
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([A-Z]{1,3}-[A-Z0-9.\-]+)`", line)
        if m and m.group(1).startswith(prefixes):
            ids.add(m.group(1))
    return ids


@pytest.mark.parametrize(("rules", "seed"), [(CC_RULES, "000"), (SD_RULES, "001")],
                         ids=["CC", "SD"])
def test_every_clause_is_quoted_from_its_source_document(rules: tuple, seed: str) -> None:
    source = _seed(seed)
    for rule in rules:
        for fragment in re.split(r"[。;:,]", rule.text):
            fragment = fragment.strip()
            if len(fragment) >= 4:
                assert fragment in source, f"{rule.id}: {fragment!r} is not in seed {seed}"


def test_every_cc_sd_com_id_of_the_catalog_is_registered() -> None:
    wanted = _catalog_ids(("CC-", "SD-", "COM-"))
    assert len(wanted) == 60
    assert wanted <= set(RULES)


def test_each_preset_adopts_its_own_documents_rules() -> None:
    assert {r.id for r in CC_RULES} <= CC.rules
    assert {r.id for r in SD_RULES} <= SD.rules
    assert not any(r.startswith("SD-") for r in CC.rules)
    assert not any(r.startswith("CC-") for r in SD.rules)


def test_a_rule_record_has_its_source_clause_text_and_interpretation() -> None:
    rule = get_rule("CC-9.2")
    assert rule.source.startswith("000 part 1")
    assert rule.clause == "九.2"
    assert "三個月以后" in rule.text
    assert rule.interpretation is not None
    assert "previous registered visit" in rule.interpretation
    assert get_rule("SD-7.4").area == "ownership"
    assert get_rule("COM-POOL").area == "commission"
