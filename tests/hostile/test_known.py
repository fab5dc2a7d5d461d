"""Each known hostile-input defect, as the right behaviour it should have (issue 10).

The defects of issue 10 already assigned to the areas' engineers, and the numbered entries of
the shared findings file, each as an example written from the issue's wording. They are
strict expected failures until the area's fix lands: then the test passes, the strict xfail
turns red, and the mark (and the entry in ``known.py``) is removed. Tests without a mark hold
what already works.
"""

from __future__ import annotations

import io
import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from propmgmt_rules.cases import CASE_KINDS, validate_case
from propmgmt_rules.cli import main
from propmgmt_rules.errors import InputError, problems_of
from propmgmt_rules.limits import MAX_SPAN_TEXT_LENGTH

from .corpus import example_cases
from .support import FileWatch, misbehaviour

SH = ZoneInfo("Asia/Shanghai")
EXAMPLES = {(kind, where): raw for kind, where, raw in example_cases()}

SPAN_REGEX = ("issue 10 item 1 (time): span texts have no length limit and the rest-day "
              "pattern backtracks (3 + 1000 spaces + x: 20-30 s)")
DONE_BEFORE = "issue 10 item 6 (time): a time case whose done_at is before its start is 'met'"
NUMERALS = "issue 10 item 6 (time): malformed Chinese numerals are read as numbers"
ARRIVED_BEFORE = ("issue 10 item 6 (repairs): a visit that arrived before the request was "
                  "received is 'met'")
QUOTA_PERIOD = ("issue 10 item 6 (repairs): a quota period whose start is after its end "
                "reports every role 'met'")
EMPTY_OWN = "issue 10 item 6 (ownership): empty ids, clients and consultants are accepted"
EMPTY_COMP = "issue 10 (complaints, repairs): empty ids are accepted"
POLICY_EMPTY = "issue 10 item 6 (complaints): a case with \"policy\": [] gives no decision"
FLOAT_MONEY = "issue 10 item 6: money given as a float is accepted"


def fields(exc: BaseException) -> list[str]:
    return [p.field for p in problems_of(exc)]


def refused(call: Any, field: str) -> list[str]:
    """Call; it must raise a clear error naming ``field`` (returns every field named)."""
    with pytest.raises((InputError, ValidationError)) as info:
        call()
    named = fields(info.value)
    assert any(field in f for f in named), named
    return named


def cli(kind: str, raw: Any, watch: bool = False) -> tuple[int, list[dict[str, Any]]]:
    """Run the command line on ``raw`` as a JSON Lines file; with ``watch``, assert that it
    opens no file but the case file it is given."""
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "case.jsonl"
        batch.write_text(json.dumps(raw, ensure_ascii=False) + "\n", encoding="utf-8")
        out = io.StringIO()
        with FileWatch(allowed=[batch]) as files:
            status = main([kind, str(batch), "--json"], out=out, err=io.StringIO())
        if watch:
            assert files.opened == []
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def cli_refuses(kind: str, raw: Any, field: str, watch: bool = False) -> None:
    status, records = cli(kind, raw, watch)
    assert status == 1, records
    (record,) = records
    named = [e["field"] for e in record["errors"]]
    assert any(field in f for f in named), record["errors"]


def _time_case(**change: Any) -> dict[str, Any]:
    return {"id": "t", "start": "2025-03-03T10:00:00+08:00", "span": "2 days",
            "calendar": "china-2025", **change}


# -- time -------------------------------------------------------------------------------------


def test_a_span_text_longer_than_the_limit_is_refused_naming_the_limit() -> None:
    text = "3" + " " * (MAX_SPAN_TEXT_LENGTH - 1) + "x"
    with pytest.raises(InputError) as info:
        validate_case("time", _time_case(span=text))
    assert fields(info.value) == ["span"]
    assert str(MAX_SPAN_TEXT_LENGTH) in str(info.value)


def test_a_pathological_span_within_the_limit_is_a_clear_error() -> None:
    refused(lambda: validate_case("time", _time_case(span="3" + " " * 60 + "x")), "span")


@pytest.mark.parametrize("zone", [
    pytest.param("/etc/localtime"),
    pytest.param("../../../../../../../../../../etc/passwd"),
    pytest.param("/proc/self/environ"),
    pytest.param("Etc/GMT+25"),
    "Nowhere/Land",
])
def test_only_iana_zone_names_are_accepted_and_no_file_is_read(zone: str) -> None:
    with FileWatch() as watch:
        problem = misbehaviour(lambda: refused(
            lambda: validate_case("time", _time_case(calendar={"name": "c", "timezone": zone})),
            "calendar.timezone"))
    assert problem is None
    assert watch.opened == []


def test_a_zone_path_in_an_inline_complaint_policy_is_a_clear_error() -> None:
    from propmgmt_rules.complaints import NANJING

    policy = NANJING.model_dump(mode="json")
    policy["calendar"] = {"name": "c", "timezone": "/etc/localtime"}
    raw = EXAMPLES[("complaint", "upgrade_pause_extension.json#2")] | {"policy": policy}
    cli_refuses("complaint", raw, "policy.calendar.timezone", watch=True)  # no file but the case


@pytest.mark.parametrize("span", ["1000000000000 hours", "10000000000000 hours",
                                  "1" + "0" * 30 + " days", "100000000 months",
                                  "3650000 working days"])
def test_a_deadline_beyond_the_representable_range_is_an_error_naming_the_span(
        span: str) -> None:
    from propmgmt_rules.time import china_calendar, deadline

    start = datetime(2025, 3, 3, 10, tzinfo=SH)
    refused(lambda: deadline(start, span, china_calendar([2025])), "span")
    cli_refuses("time", _time_case(span=span), "span")


@pytest.mark.parametrize(("field", "instant"), [
    ("start", "9999-12-31T23:59:00+08:00"), ("start", "1899-12-31T23:59:00+08:00"),
    ("start", "2200-01-01T08:00:00+08:00"), ("done_at", "9999-12-31T23:59:00+08:00")])
def test_a_time_case_instant_beyond_the_years_of_facts_is_an_error_naming_it(
        field: str, instant: str) -> None:
    cli_refuses("time", _time_case(**{field: instant}), field)


def test_a_time_case_instant_within_the_years_of_facts_is_decided() -> None:
    status, (record,) = cli("time", _time_case(start="2199-12-31T23:59:00+00:00"))
    assert status == 0, record
    assert record["outcome"]["due"].startswith("2200-01-0")


def test_done_before_the_start_is_an_error_naming_done_at() -> None:
    raw = _time_case(done_at="2025-03-01T10:00:00+08:00")
    refused(lambda: CASE_KINDS["time"].evaluate(validate_case("time", raw)), "done_at")


@pytest.mark.parametrize("span", ["一二三个工作日", "十十十天", "百百个月"])
def test_malformed_chinese_numerals_are_refused(span: str) -> None:
    refused(lambda: validate_case("time", _time_case(span=span)), "span")


@pytest.mark.parametrize("span", ["三个工作日", "十五天", "二十个工作日", "两个月"])
def test_well_formed_chinese_numerals_are_read(span: str) -> None:
    assert validate_case("time", _time_case(span=span))


def test_a_calendar_preset_is_accepted_by_name_by_deadline() -> None:
    from propmgmt_rules.time import china_calendar, deadline

    start = datetime(2025, 9, 30, 16, tzinfo=SH)
    assert deadline(start, "3个工作日", "china-official") == deadline(
        start, "3个工作日", china_calendar([2024, 2025, 2026]))


def test_china_calendar_takes_one_year() -> None:
    from propmgmt_rules.time import china_calendar

    assert china_calendar(2025) == china_calendar([2025])  # type: ignore[arg-type]


def test_span_parse_refuses_with_an_input_error_naming_the_span() -> None:
    from propmgmt_rules.time import Span

    for text in ("soon", "-1 days", None):
        refused(lambda t=text: Span.parse(t), "span")  # type: ignore[misc]


# -- every area: the edges of time ------------------------------------------------------------


@pytest.mark.parametrize(("kind", "where", "path", "field"), [
    ("complaint", "invalid_and_conflicting.json#1", ("complaint", "received_at"),
     "complaint.received_at"),
    ("ownership", "batch.jsonl#1", ("questions", 0, "as_of"), "questions[0].as_of"),
    ("repair", "leak_from_call_to_redo.json#1", ("completed", 0, "completed_at"),
     "completed[0].completed_at"),
])
@pytest.mark.parametrize("instant", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_extreme_instants_are_errors_naming_the_field(kind: str, where: str,
                                                     path: tuple[Any, ...], field: str,
                                                     instant: str) -> None:
    from .corpus import replaced

    cli_refuses(kind, replaced(EXAMPLES[(kind, where)], path, instant), field)


def test_extreme_as_of_in_the_api_is_an_error_naming_as_of() -> None:
    from propmgmt_rules.complaints import PROCEDURE_5, status

    case = validate_case("complaint", EXAMPLES[("complaint", "upgrade_pause_extension.json#1")])
    refused(lambda: status(case.complaint, case.history,  # type: ignore[attr-defined]
                           datetime.max.replace(tzinfo=UTC), PROCEDURE_5), "as_of")


# -- ownership --------------------------------------------------------------------------------


def _own(**book: Any) -> dict[str, Any]:
    return {"id": "o", "rulebook": "CC", "book": {"receptions": [
        {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"}],
        **book}, "questions": [{"client": "C1", "as_of": "2025-03-02T00:00:00+08:00"}]}


@pytest.mark.parametrize(("record", "field"), [("id", "id"), ("client", "client"),
                                               ("consultant", "consultant")])
@pytest.mark.parametrize("empty", ["", "   "])
def test_ownership_empty_ids_clients_and_consultants_are_refused(record: str, field: str,
                                                                 empty: str) -> None:
    raw = _own()
    raw["book"]["receptions"][0][record] = empty
    refused(lambda: validate_case("ownership", raw), field)


@pytest.mark.parametrize("rules", [True, 0, [[]], [{"x": 1}]])
def test_ownership_rulebook_rules_of_the_wrong_type_are_refused(rules: Any) -> None:
    raw = _own() | {"rulebook": {"name": "X", "version": "1", "rules": rules}}
    refused(lambda: validate_case("ownership", raw), "rulebook.rules")


def test_a_rulebook_preset_is_accepted_by_name_by_rotate() -> None:
    from propmgmt_rules.ownership import SD
    from propmgmt_rules.ownership.rotation import NewClient, RotationState, rotate

    state = RotationState(order=("A", "B"))
    assert rotate(state, NewClient(), rulebook="SD") == rotate(state, NewClient(), rulebook=SD)  # type: ignore[arg-type]


def test_a_commission_given_as_a_float_is_refused() -> None:
    raw = _own(deals=[{"id": "D1", "buyers": ["C1"], "unit": "1", "at":
                       "2025-03-05T10:00:00+08:00", "commission": 10000.5}])
    refused(lambda: validate_case("ownership", raw), "commission")


def test_a_commission_written_as_a_json_number_is_read_exactly() -> None:
    raw = _own(deals=[{"id": "D1", "buyers": ["C1"], "unit": "1", "at":
                       "2025-03-05T10:00:00+08:00", "commission": "__N__"}])
    raw["questions"] = [{"deal": "D1"}]
    text = json.dumps(raw).replace('"__N__"', "10000.10")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deal.json"
        path.write_text(text, encoding="utf-8")
        out = io.StringIO()
        assert main(["ownership", str(path), "--json"], out=out) == 0
    (decision,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sum(float(line["amount"]) for line in decision["outcome"]["lines"]) == 10000.10


# -- complaints ---------------------------------------------------------------------------------


def test_a_complaint_case_with_no_policy_is_an_error_naming_policy() -> None:
    raw = EXAMPLES[("complaint", "upgrade_pause_extension.json#1")] | {"policy": []}
    cli_refuses("complaint", raw, "policy")


def test_a_complaint_with_an_empty_id_is_refused() -> None:
    raw = json.loads(json.dumps(EXAMPLES[("complaint", "upgrade_pause_extension.json#1")]))
    raw["complaint"]["id"] = "  "
    refused(lambda: validate_case("complaint", raw), "complaint.id")


def test_a_complaint_policy_is_accepted_by_name_by_status() -> None:
    from propmgmt_rules.complaints import NANJING, status

    case = validate_case("complaint", EXAMPLES[("complaint", "upgrade_pause_extension.json#2")])
    c, h = case.complaint, case.history  # type: ignore[attr-defined]
    at = datetime(2025, 3, 10, tzinfo=SH)
    assert status(c, h, at, "nanjing").to_json() == status(c, h, at, NANJING).to_json()  # type: ignore[arg-type]


def test_evaluate_many_names_the_bad_item() -> None:
    from propmgmt_rules.complaints import NANJING, evaluate_many

    case = validate_case("complaint", EXAMPLES[("complaint", "upgrade_pause_extension.json#2")])
    good = (case.complaint, case.history)  # type: ignore[attr-defined]
    with pytest.raises(InputError) as info:
        evaluate_many([good, ("not a complaint", [])], datetime(2025, 3, 10, tzinfo=SH),
                      NANJING)
    assert "1" in info.value.field


def test_a_loss_given_as_a_float_is_refused() -> None:
    raw = json.loads(json.dumps(EXAMPLES[("complaint", "upgrade_pause_extension.json#1")]))
    raw["complaint"]["loss_amount"] = 1.5
    refused(lambda: validate_case("complaint", raw), "complaint.loss_amount")


# -- repairs ----------------------------------------------------------------------------------


def test_a_visit_arriving_before_the_request_is_an_error_naming_arrived_at() -> None:
    raw = json.loads(json.dumps(EXAMPLES[("repair", "leak_from_call_to_redo.json#1")]))
    raw["requests"][0]["arrived_at"] = "2000-03-07T13:50:00+08:00"
    refused(lambda: CASE_KINDS["repair"].evaluate(validate_case("repair", raw)), "arrived_at")


def test_an_inverted_quota_period_is_an_error_naming_the_period() -> None:
    from propmgmt_rules.repairs import quota_check

    case = validate_case("repair", EXAMPLES[("repair", "monthly_quotas_and_plan.json#1")])
    refused(lambda: quota_check(case.completed, case.revisits,  # type: ignore[attr-defined]
                                period=(date(2025, 3, 31), date(2025, 3, 1))), "period")


def test_a_repair_policy_is_accepted_by_name_by_revisit_due() -> None:
    from propmgmt_rules.repairs import CATALOG, CompletedRepair, revisit_due

    done = CompletedRepair(id="R1", completed_at=datetime(2025, 3, 7, 15, tzinfo=SH),
                           category="leak")
    assert revisit_due(done, policy="catalog") == revisit_due(done, policy=CATALOG)


def test_a_repair_request_with_a_blank_id_is_refused() -> None:
    raw = json.loads(json.dumps(EXAMPLES[("repair", "leak_from_call_to_redo.json#1")]))
    raw["requests"][0]["id"] = "   "
    refused(lambda: validate_case("repair", raw), "requests[0].id")
