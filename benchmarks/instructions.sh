#!/bin/bash
# A JSON Lines job's instructions a line against pydantic's round trip of the same documents,
# counted by callgrind (noise-free where timings are not; needs valgrind). From the repository:
#   bash benchmarks/instructions.sh KIND CASES.jsonl N1 N2      (N1 < N2 lines of the file)
# The job: (Ir(N2 lines) - Ir(N1 lines)) / (N2 - N1), start-up removed. The round trip:
# (Ir(round_trip_only.py trip) - Ir(round_trip_only.py prep)) / N2. Numbers in
# docs/performance.md (issue 12, sixth round).
set -euo pipefail
kind=$1; file=$2; n1=$3; n2=$4
py=${PYTHON:-python}
here=$(cd "$(dirname "$0")" && pwd)
ir() {
  PYTHONHASHSEED=0 PYTHONPATH="$here/../src" valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
head -n "$n1" "$file" > "$tmp/a.jsonl"; head -n "$n2" "$file" > "$tmp/b.jsonl"
ja=$(ir "$py" -m propmgmt_rules "$kind" "$tmp/a.jsonl" --json)
jb=$(ir "$py" -m propmgmt_rules "$kind" "$tmp/b.jsonl" --json)
prep=$(ir "$py" "$here/round_trip_only.py" "$kind" "$tmp/b.jsonl" "$n2" prep)
trip=$(ir "$py" "$here/round_trip_only.py" "$kind" "$tmp/b.jsonl" "$n2" trip)
job=$(( (jb - ja) / (n2 - n1) )); rt=$(( (trip - prep) / n2 ))
"$py" -c "print(f'$kind: the job {$job:,} instructions a line, the round trip {$rt:,}: {$job / $rt:.2f}x')"
