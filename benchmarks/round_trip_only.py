"""Pydantic's round trip of a job's documents, for instruction counts (``instructions.sh``).

    python benchmarks/round_trip_only.py KIND FILE N MODE

``prep``: read the first N lines of FILE, decide them and read the decisions back from their
JSON (``load_decision``); ``trip``: the same, then pydantic's round trip of those documents
(``model_validate_json`` of each line, ``model_dump_json`` of each decision read back). The
instructions of ``trip`` less those of ``prep`` are the round trip's."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from propmgmt_rules.cases import CASE_KINDS, load_decision


def main(kind: str, path: str, n: int, mode: str) -> None:
    k = CASE_KINDS[kind]
    lines = Path(path).read_bytes().splitlines()[:n]
    decisions = [load_decision(d.to_json_bytes()) for line in lines
                 for d in k.evaluate(k.model.model_validate_json(line))]
    if mode == "trip":
        for line in lines:
            k.model.model_validate_json(line)
        for d in decisions:
            d.model_dump_json()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
