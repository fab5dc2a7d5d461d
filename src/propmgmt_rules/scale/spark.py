"""The same partitions on Spark: ``df.groupBy(key).applyInPandas(fn, OUTPUT_SCHEMA)``.

For teams whose data already lives in Spark. Each group of rows is one partition (a sales
office's book, a batch of complaints or of repair cases); :func:`apply_in_pandas` turns a job
of :mod:`.parts` into the function Spark calls on each group's pandas DataFrame, and its
result into rows: one per decision (its JSON), or one row with the partition's error. This
module imports neither pyspark nor pandas (the function receives the DataFrame Spark gives
it); it needs ``pyspark`` with ``pandas`` and ``pyarrow`` where it runs.

The input table has a column naming the partition (``part_column``), a column holding one
record per row as a JSON object (``record_column``), and, to settle books, the book's list
each record belongs to (``kind_column``: ``receptions``, ``deals``, ...)::

    from propmgmt_rules.scale import Settle
    from propmgmt_rules.scale.spark import OUTPUT_SCHEMA, apply_in_pandas

    decisions = (rows.groupBy("office")
                 .applyInPandas(apply_in_pandas(Settle(as_of, "SD"), part_column="office"),
                                schema=OUTPUT_SCHEMA))

>>> from datetime import datetime, timezone
>>> from propmgmt_rules.scale import Settle
>>> part_from_records(['{"id": "R1", "client": "C1", "consultant": "A",'
...                    ' "at": "2025-03-01T10:00:00+08:00"}'], ["receptions"])
{'receptions': [{'id': 'R1', 'client': 'C1', 'consultant': 'A', 'at': '2025-03-01T10:00:00+08:00'}]}
>>> job = Settle(datetime(2025, 4, 1, tzinfo=timezone.utc), "SD")
>>> rows = rows_of(job.run("north", part_from_records(
...     ['{"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00"}'],
...     ["receptions"])))
>>> rows[0][:3]
('north', -1, None)
>>> print(rows[0][3])
{"kind": "input", "field": "receptions[R1].at", "message": "Input should have timezone info",
 "error_type": "ValidationError"}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from typing import Any, Final

from ..errors import InputError
from .parts import Job, PartError, PartResult, Settle

__all__ = ["OUTPUT_SCHEMA", "apply_in_pandas", "part_from_records", "rows_of"]

OUTPUT_SCHEMA: Final = "part string, item long, decision string, error string"
"""The schema of the rows :func:`apply_in_pandas` returns: the partition, the decision's
place in it (``-1`` on an error row), the decision's JSON, the partition's error as JSON."""

_COLUMNS: Final = ("part", "item", "decision", "error")


def part_from_records(records: Iterable[str], kinds: Iterable[str] | None = None) -> Any:
    """A partition from its records (each a JSON object): with ``kinds``, a book (the
    records grouped by list, in order), else the list of records. A record that is not a
    JSON object raises :class:`~propmgmt_rules.errors.InputError` naming its place."""
    texts = list(records)
    lists = None if kinds is None else list(kinds)
    parsed: list[Any] = []
    for n, text in enumerate(texts):
        where = f"{lists[n]}[{n}]" if lists is not None else f"[{n}]"
        try:
            value = json.loads(text)
        except (ValueError, RecursionError, TypeError) as exc:
            raise InputError(where, f"not a JSON object: {str(exc)[:200]}") from None
        if not isinstance(value, dict):
            raise InputError(where, "must be a JSON object", type(value).__name__)
        parsed.append(value)
    if lists is None:
        return parsed
    if len(lists) != len(parsed):
        raise InputError("kinds", "one list name per record")
    book: dict[str, list[Any]] = {}
    for kind, value in zip(lists, parsed, strict=True):
        book.setdefault(str(kind), []).append(value)
    return book


def rows_of(result: PartResult) -> list[tuple[str, int, str | None, str | None]]:
    """A partition's result as rows of :data:`OUTPUT_SCHEMA`: one per decision, in order, or
    one error row."""
    if result.error is not None:
        return [(result.key, -1, None, json.dumps(asdict(result.error), ensure_ascii=False))]
    texts = result.json or tuple(d.to_json() for d in result.decisions)
    return [(result.key, n, text, None) for n, text in enumerate(texts)]


def apply_in_pandas(job: Job, *, part_column: str = "part", record_column: str = "record",
                    kind_column: str = "kind") -> Callable[[Any], Any]:
    """The function for ``groupBy(part_column).applyInPandas(fn, OUTPUT_SCHEMA)``: runs
    ``job`` on each group (a book when ``job`` is :class:`~.parts.Settle`, its rows grouped
    by ``kind_column``; else the list of records) and returns its rows."""

    def apply(frame: Any) -> Any:
        import pandas as pd  # there where Spark runs it

        key = str(frame[part_column].iloc[0]) if len(frame) else ""
        records: Sequence[str] = list(frame[record_column])
        try:
            kinds = list(frame[kind_column]) if isinstance(job, Settle) else None
            result = job.run(key, part_from_records(records, kinds))
        except InputError as exc:
            result = PartResult(key, error=PartError.of(exc))
        return pd.DataFrame(rows_of(result), columns=list(_COLUMNS))

    return apply
