"""How the repair decisions read (issue 11, item 9): English texts in English, Chinese texts in
simplified Chinese with Chinese names for roles; instants as "Fri 7 Mar 14:00" / 「3月7日(周五)
14:00」 and the end of a day as 24:00 of that day (the JSON keeps the instant)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

from propmgmt_rules.decision import Decision
from propmgmt_rules.repairs import CATALOG, revisit_window
from propmgmt_rules.repairs.cases import RepairCase, evaluate

from .helpers import at, repair

_IDS = re.compile(r"(?<![A-Za-z0-9])(?:(?:OM|SQ|MI|T)-[A-Z0-9.-]*[A-Z0-9]|4\.4\.8 ?条?a)(?![a-z])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


def _example_cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for f in sorted(resources.files("propmgmt_rules.examples.repair").iterdir(),
                    key=lambda p: p.name):
        text = f.read_text(encoding="utf-8")
        if f.name.endswith(".jsonl"):
            out += [(f"{f.name}:{i}", json.loads(line))
                    for i, line in enumerate(text.splitlines()) if line.strip()]
        elif f.name.endswith(".json"):
            data = json.loads(text)
            out += [(f"{f.name}:{i}", d) for i, d in
                    enumerate(data if isinstance(data, list) else [data])]
    return out


def _check(d: Decision, data: list[str]) -> None:
    en, zh = _IDS.sub("", d.explanation.en), _IDS.sub("", d.explanation.zh)
    for s in sorted(data, key=len, reverse=True):  # the case's own texts: names, descriptions
        en, zh = en.replace(s, ""), zh.replace(s, "")
    assert not _CJK.search(en), d.explanation.en
    assert not _LATIN.search(zh), d.explanation.zh
    for text in (d.explanation.en, d.explanation.zh):
        assert not _ISO.search(text), text


@pytest.mark.parametrize(("name", "data"), _example_cases(), ids=lambda x: str(x)[:30])
def test_every_bundled_repair_decision_reads_in_its_own_language(name: str,
                                                                 data: dict[str, Any]) -> None:
    case = RepairCase.model_validate(data)
    texts = [s for s in _strings(data) if len(s) > 1]
    for d in evaluate(case):
        _check(d, texts)


def test_om_rv2_the_window_reads_as_the_end_of_its_last_day() -> None:
    """A leak repaired on Friday 7 March: 3 days (T-DAYS), last day Monday 10 March, due at
    its end, written as 24:00 of that Monday."""
    d = revisit_window(repair(category="leak"), policy=CATALOG, as_of=at(3, 9))
    en, zh = d.explanation.en.splitlines(), d.explanation.zh.splitlines()
    assert en[0] == ("R1 (water leak, category 'leak') was completed Fri 7 Mar 2025 15:00: "
                     "revisit within 3 days (OM-RV2, T-DAYS).")
    assert en[1] == "Revisit by the end of Mon 10 Mar, the window's last day."
    assert en[2] == ("Revisit the repair — revisiting staff: pending, 2 days left, due "
                     "Mon 10 Mar 24:00 (OM-RV2).")
    assert zh[0] == "R1(漏水项目)于2025年3月7日(周五)15:00维修完毕:应在3日内回访(OM-RV2、T-DAYS)。"
    assert zh[1] == "回访期限最后一日为3月10日(周一),当日24:00前回访。"
    assert d.outcome.due.isoformat() == "2025-03-11T00:00:00+08:00"  # the JSON keeps the instant
