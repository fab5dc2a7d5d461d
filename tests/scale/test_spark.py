"""The same partitions on Spark (issue 14, part 2): ``groupBy(office).applyInPandas`` in
local mode gives every office's decisions as ``run_local`` does, and a bad book's error.

Skipped where pyspark (with pandas and pyarrow) or Java is not installed: pyspark is not a
dependency of the project nor of its test extra (``pip install 'propmgmt-rules[spark]'``)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from propmgmt_rules.scale import EvaluateComplaints, Settle, run_local
from propmgmt_rules.scale.spark import OUTPUT_SCHEMA, apply_in_pandas

from .data import book_as_of, book_rows, complaint_items, complaints_as_of

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("pyspark needs Java", allow_module_level=True)

AS_OF = book_as_of()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("propmgmt-rules-scale-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    try:
        yield session
    finally:
        session.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _decided(rows: list[Any]) -> dict[str, dict[str, Any]]:
    """The rows Spark returned, per partition: the decisions in order, or the error."""
    out: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["part"], r["item"])):
        part = out.setdefault(row["part"], {"json": [], "error": None})
        if row["error"] is not None:
            part["error"] = json.loads(row["error"])
        else:
            part["json"].append(row["decision"])
    return out


def test_books_grouped_by_office_give_the_single_process_decisions(spark: Any) -> None:
    books: dict[str, Any] = {f"office-{n}": book_rows(800, seed=40 + n) for n in range(3)}
    books["office-bad"] = {"receptions": [{"id": "R12", "client": "C1", "consultant": "A",
                                           "at": "2025-03-01T10:00:00"}]}
    table = [(office, kind, json.dumps(record)) for office, book in books.items()
             for kind, records in book.items() for record in records]
    rows = spark.createDataFrame(table, "office string, kind string, record string")
    job = Settle(AS_OF, "SD")
    got = _decided(rows.groupBy("office")
                   .applyInPandas(apply_in_pandas(job, part_column="office"),
                                  schema=OUTPUT_SCHEMA).collect())
    expected = run_local(job, books)
    assert sorted(got) == sorted(books)
    for office, result in expected.items():
        if result.ok:
            assert got[office]["json"] == list(result.json)
            assert got[office]["error"] is None
    assert got["office-bad"]["error"]["field"] == "receptions[R12].at"
    assert got["office-bad"]["json"] == []


def test_complaints_grouped_by_desk_give_the_single_process_decisions(spark: Any) -> None:
    desks = {f"desk-{n}": complaint_items(60, seed=50 + n) for n in range(3)}
    table = [(desk, json.dumps(item, ensure_ascii=False)) for desk, items in desks.items()
             for item in items]
    rows = spark.createDataFrame(table, "desk string, record string")
    job = EvaluateComplaints(complaints_as_of(), "procedure5")
    got = _decided(rows.groupBy("desk")
                   .applyInPandas(apply_in_pandas(job, part_column="desk"),
                                  schema=OUTPUT_SCHEMA).collect())
    for desk, result in run_local(job, desks).items():
        assert got[desk]["json"] == list(result.json)

