"""Ownership benchmark: settle a generated registration book with each rulebook.

For 10^4, 10^5 and 10^6 rows (about 0.3 clients per row, 40 consultants, households,
referrals, deals and the rest in the proportions below), each size and each garbage-collector
policy in its own process:

* ``validate``: pydantic alone validating those rows (``RegistrationBook.model_validate`` on
  the JSON-like dicts, ISO strings for instants);
* ``settle CC`` / ``settle SD``: ``settle(book, as_of=as_of, rulebook=rulebook)``, every
  household and every deal decided (the book's index is rebuilt for each rulebook, so each
  run pays for it);
* ``read outcomes``: then reading every decision's outcome, as a payroll run does (a
  decision builds its outcome when it is first read), and the ratio with it;
* the ratio settle / validate (target: at most 2), the time per row (n log n or better: the
  time per row must not grow faster than log n), and the process's peak memory (target: under
  2 GB; it includes the generated dicts, the validated book and one rulebook's decisions).

Both are measured in the same process under the same policy, best of ``repeat`` runs (1 at
10^6), each after a full collection: ``default``, the collector as Python sets it up;
``frozen``, the caller's ``gc.freeze()`` after that collection, before validating (the input
is frozen) and before settling (the book is): long-lived data leaves the collector's
generations, common practice for a large book a service keeps in memory. The library itself
never touches the collector.

Run: ``python benchmarks/run.py ownership`` (``--quick``: 10^3, 10^4 and 10^5 rows);
``python benchmarks/bench_ownership.py --read-all N``: the cost of then reading every decision
in full (its JSON), for decisions whose trace and explanation are written on first use;
``--job-phases N``: where a case of the ``ownership`` JSON Lines job goes (N cases).
"""

from __future__ import annotations

import gc
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
SH = timezone(timedelta(hours=8))
START = datetime(2024, 1, 1, 9, 0, tzinfo=SH)
DAYS = 720
CONSULTANTS = [f"P{i:02d}" for i in range(40)]

# rows per 1000: receptions 600 (10% by phone, 5% unverified), relations 40, deals 40,
# deal changes 4, recognitions 8, change requests 6, staff referrals 6, company referrals 4,
# introductions 4 (and 2 departures per book) ~= 712 + the clients' first visits
SHARE = {"relations": 0.04, "deals": 0.04, "deal_changes": 0.004, "recognitions": 0.008,
         "change_requests": 0.006, "staff_referrals": 0.006, "company_referrals": 0.004,
         "introductions": 0.004}


def _iso(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).isoformat()


def generate(n_rows: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """A realistic book of about ``n_rows`` rows, as JSON-like dicts."""
    rnd = random.Random(seed)
    others = {k: int(n_rows * v) for k, v in SHARE.items()}
    n_receptions = n_rows - sum(others.values()) - 2
    n_clients = max(2, int(n_rows * 0.3))
    clients = [f"C{i:07d}" for i in range(n_clients)]
    leaving = CONSULTANTS[:2]
    leave_at = DAYS * 24 * 60 - 10 * 24 * 60
    minutes = DAYS * 24 * 60
    receptions: list[dict[str, Any]] = []
    first_visit: dict[str, int] = {}
    for i in range(n_receptions):
        # every client visits once; the others are returns, mostly soon after the first
        client = clients[i] if i < n_clients else clients[rnd.randrange(n_clients)]
        if client in first_visit:
            at = first_visit[client] + int(rnd.expovariate(1 / (40 * 24 * 60)))
        else:
            at = rnd.randrange(minutes - 60 * 24 * 60)
            first_visit[client] = at
        at = min(at, minutes - 1)
        consultant = rnd.choice(CONSULTANTS)
        if consultant in leaving and at >= leave_at:
            consultant = CONSULTANTS[2 + rnd.randrange(38)]
        row: dict[str, Any] = {"id": f"R{i:07d}", "client": client, "consultant": consultant,
                               "at": _iso(at)}
        u = rnd.random()
        if u < 0.10:
            row["channel"] = "phone"
        elif u < 0.15:
            row["verified"] = False
        elif u < 0.16:
            row["context"] = {"on_duty_for": rnd.choice(CONSULTANTS)}
        elif u < 0.17:
            row["context"] = {"forgot_consultant": True}
        elif u < 0.18:
            row["context"] = {"brought_by": rnd.choice(clients[: min(i + 1, n_clients)])}
        elif u < 0.185:
            row["context"] = {"asked_for": consultant}
        receptions.append(row)
    seen = clients[: min(n_receptions, n_clients)]

    def pick() -> str:
        return seen[rnd.randrange(len(seen))]

    def after_first(c: str, spread_days: int = 60) -> str:
        return _iso(first_visit[c] + rnd.randrange(spread_days * 24 * 60))

    relations = []
    for i in range(others["relations"]):
        a, b = pick(), pick()
        if a == b:
            continue
        relations.append({"id": f"L{i}", "a": a, "b": b,
                          "kind": "spouse" if rnd.random() < 0.7 else "parent_child",
                          "known_at": after_first(a)})
    deals = []
    for i in range(others["deals"]):
        buyer = pick()
        deals.append({"id": f"D{i}", "buyers": [buyer], "unit": f"{rnd.randrange(30)}-{i}",
                      "at": after_first(buyer, 45),
                      "commission": f"{rnd.randrange(100_000, 9_000_000) / 100:.2f}"})
    deal_changes = []
    for i in range(others["deal_changes"]):
        d = deals[rnd.randrange(len(deals))]
        kind = rnd.choice(["rename", "unit_change", "swap"])
        change: dict[str, Any] = {"id": f"X{i}", "deal": d["id"], "kind": kind,
                                  "at": (datetime.fromisoformat(d["at"])
                                         + timedelta(days=rnd.randrange(1, 30))).isoformat()}
        if kind == "rename":
            change["new_buyers"] = [pick()]
        elif kind == "swap":
            change["swapped_with"] = deals[rnd.randrange(len(deals))]["id"]
        deal_changes.append(change)
    recognitions = [{"id": f"G{i}", "client": c, "consultant": rnd.choice(CONSULTANTS),
                     "at": after_first(c)} for i, c in
                    ((i, pick()) for i in range(others["recognitions"]))]
    change_requests = [{"id": f"Q{i}", "client": c, "at": after_first(c, 5),
                        "fault": rnd.choice(["none", "general", "serious"]),
                        "assigned_to": rnd.choice(CONSULTANTS)} for i, c in
                       ((i, pick()) for i in range(others["change_requests"]))]
    staff_referrals = []
    for i in range(others["staff_referrals"]):
        c = pick()
        visit = START + timedelta(minutes=first_visit[c])
        staff_referrals.append({"id": f"S{i}", "client": c, "introducer": f"STAFF{i % 17}",
                                "registered_at": (visit - timedelta(days=3)).isoformat(),
                                "agreed_date": visit.date().isoformat(),
                                "confirmed": True, "signed": rnd.random() < 0.9})
    company_referrals = [{"id": f"K{i}", "client": c,
                          "at": _iso(first_visit[c] - 24 * 60)} for i, c in
                         ((i, pick()) for i in range(others["company_referrals"]))]
    introductions = []
    for i in range(others["introductions"]):
        c, by = pick(), pick()
        introductions.append({"id": f"I{i}", "client": c, "by_client": by,
                              "consultant": rnd.choice(CONSULTANTS),
                              "at": _iso(first_visit[c] - 2 * 24 * 60)})
    departures = [{"id": f"Z{i}", "consultant": c, "at": _iso(leave_at),
                   "successor": CONSULTANTS[10 + i]} for i, c in enumerate(leaving)]
    return {"receptions": receptions, "relations": relations, "deals": deals,
            "deal_changes": deal_changes, "recognitions": recognitions,
            "change_requests": change_requests, "staff_referrals": staff_referrals,
            "company_referrals": company_referrals, "introductions": introductions,
            "departures": departures}


def _one(n_rows: int, policy: str, repeat: int) -> dict[str, Any]:
    """Measure one size under one collector policy in this process; returns the numbers."""
    sys.path.insert(0, str(SRC))
    from propmgmt_rules.ownership import CC, SD, RegistrationBook, settle

    data = generate(n_rows)
    rows = sum(len(v) for v in data.values())
    frozen = policy == "frozen"

    def clean_slate() -> None:
        """Before each timed run: collect the previous run's garbage; under the frozen
        policy, then freeze what is alive (the input, then the book). Freezing after the
        collection matters: a full collection after a freeze would leave the collector
        counting on an almost empty old generation and collecting it far more often."""
        gc.collect()
        if frozen:
            gc.freeze()

    t_validate = float("inf")
    book = None
    for _ in range(repeat):
        book = None
        clean_slate()
        t0 = time.perf_counter()
        book = RegistrationBook.model_validate(data)
        t_validate = min(t_validate, time.perf_counter() - t0)
    assert book is not None
    del data
    as_of = START + timedelta(days=DAYS)
    out: dict[str, Any] = {"rows": rows, "clients": len(book.clients()), "policy": policy,
                           "validate_s": t_validate}
    for rb in (CC, SD):
        best = best_read = float("inf")
        for _ in range(repeat):
            book.__dict__.pop("_index", None)  # each run pays for the index
            clean_slate()
            t0 = time.perf_counter()
            decisions = settle(book, as_of=as_of, rulebook=rb)
            t1 = time.perf_counter()
            for d in decisions:  # a payroll run reads every outcome (built on first read)
                d.outcome  # noqa: B018
            t2 = time.perf_counter()
            best = min(best, t1 - t0)
            best_read = min(best_read, t2 - t1)
            out[f"decisions_{rb.name}"] = len(decisions)
            out[f"escalations_{rb.name}"] = sum(1 for d in decisions
                                                if d.escalation is not None)
            del decisions
        out[f"settle_{rb.name}_s"] = best
        out[f"read_{rb.name}_s"] = best_read
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _read_all(n_rows: int) -> dict[str, Any]:
    """The cost of reading every decision in full: ``settle`` then each decision's JSON (its
    trace and explanation written on that first use), under the default collector policy."""
    sys.path.insert(0, str(SRC))
    from propmgmt_rules.ownership import CC, SD, RegistrationBook, settle

    book = RegistrationBook.model_validate(generate(n_rows))
    as_of = START + timedelta(days=DAYS)
    out: dict[str, Any] = {"rows": n_rows}
    for rb in (CC, SD):
        book.__dict__.pop("_index", None)
        gc.collect()
        t0 = time.perf_counter()
        decisions = settle(book, as_of=as_of, rulebook=rb)
        t1 = time.perf_counter()
        size = sum(len(d.to_json()) for d in decisions)
        t2 = time.perf_counter()
        out[rb.name] = {"settle_s": t1 - t0, "json_s": t2 - t1, "json_mb": size / 1e6}
        del decisions
    return out


def explained(n_rows: int, repeat: int = 5) -> dict[str, float]:
    """Issue 12: the explained decision against its bare answer, for every decision of a
    book of ``n_rows`` rows: ``bare`` is ``settle`` then every outcome read (the answer);
    ``explained`` the same then every explanation read in English and Chinese. Alternate
    runs, best of ``repeat`` each, in the process's CPU time."""
    sys.path.insert(0, str(SRC))
    from propmgmt_rules.ownership import CC, SD, RegistrationBook, settle

    book = RegistrationBook.model_validate(generate(n_rows))
    as_of = START + timedelta(days=DAYS)
    out: dict[str, float] = {}
    for rb in (CC, SD):
        bare = full = float("inf")
        for _ in range(repeat):
            gc.collect()
            t0 = time.process_time()
            decisions = settle(book, as_of=as_of, rulebook=rb)
            for d in decisions:
                d.outcome  # noqa: B018
            t1 = time.process_time()
            bare = min(bare, t1 - t0)
            del decisions
            gc.collect()
            t0 = time.process_time()
            decisions = settle(book, as_of=as_of, rulebook=rb)
            for d in decisions:
                d.outcome  # noqa: B018
                d.explanation.en  # noqa: B018
                d.explanation.zh  # noqa: B018
            t1 = time.process_time()
            full = min(full, t1 - t0)
            out[f"decisions_{rb.name}"] = len(decisions)
            del decisions
        out[f"bare_{rb.name}_us"] = bare / out[f"decisions_{rb.name}"] * 1e6
        out[f"explained_{rb.name}_us"] = full / out[f"decisions_{rb.name}"] * 1e6
    return out


def write_cases(path: Path, n: int, rows: int = 40) -> None:
    """``n`` ownership cases, one JSON object per line: each a book of about ``rows`` rows of
    the generator (its own seed; no departures), its rulebook (CC and SD in turn) and its
    settlement."""
    as_of = START + timedelta(days=DAYS)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            book = generate(rows, seed=i)
            book["departures"] = []  # the generator's departures are for large books
            case = {"id": f"k{i}", "rulebook": "SD" if i % 2 else "CC", "book": book,
                    "settle_as_of": as_of.isoformat()}
            f.write(json.dumps(case, ensure_ascii=False) + "\n")


def job(n: int, repeat: int = 5) -> dict[str, float]:
    """Issue 12: ``propmgmt-rules ownership CASES.jsonl --json`` run in this process against
    pydantic's own JSON round trip of the same documents (``OwnershipCase.model_validate_json``
    of each line, ``model_dump_json`` of each decision, read back from its JSON beforehand),
    alternate runs,
    best of ``repeat`` each, CPU seconds per case (``bench_cli.job_against_round_trip``)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from bench_cli import job_against_round_trip

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        write_cases(path, n)
        return job_against_round_trip("ownership", path, repeat)


def job_phases(n: int, repeat: int = 3) -> dict[str, float]:
    """Where a case of the ``ownership`` job goes, CPU µs a case (best of ``repeat`` over
    ``n`` cases of :func:`write_cases`): each line read by the library's JSON reader
    (``parse_json``) and validated from its data, the settlement (the engine's decisions,
    built whole as the job builds them: their trace and outcome written, the explanation's
    lines kept), ``write`` (what is left to write: nothing, since decisions are built whole;
    ``d.__dict__`` as before), the explanation rendered (en and zh), its JSON (``to_json``);
    and pydantic's own ``model_validate_json`` of each line, for comparison. Every decision
    is the job's (``ownership.cases.evaluate``)."""
    sys.path.insert(0, str(SRC))
    from propmgmt_rules.ownership.cases import OwnershipCase, evaluate
    from propmgmt_rules.validation import parse_json

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        write_cases(path, n)
        lines = path.read_bytes().splitlines()
    names = ("json", "validate", "settle", "write", "render", "dump", "validate_json")
    best = dict.fromkeys(names, float("inf"))
    clock = time.process_time
    for _ in range(repeat):
        spent = dict.fromkeys(names, 0.0)
        gc.collect()
        for line in lines:
            t0 = clock()
            raw = parse_json(line, "(line)")
            t1 = clock()
            case = OwnershipCase.model_validate(raw)
            t2 = clock()
            decisions = evaluate(case)
            t3 = clock()
            for d in decisions:
                d.__dict__  # noqa: B018
            t4 = clock()
            for d in decisions:
                d.explanation.en  # noqa: B018
            t5 = clock()
            for d in decisions:
                d.to_json()
            t6 = clock()
            OwnershipCase.model_validate_json(line)
            t7 = clock()
            for name, a, b in zip(names, (t0, t1, t2, t3, t4, t5, t6), (t1, t2, t3, t4, t5, t6, t7),
                                  strict=True):
                spent[name] += b - a
        for name in names:
            best[name] = min(best[name], spent[name])
    return {name: v / n * 1e6 for name, v in best.items()}


def issue12(quick: bool = False) -> int:
    """The issue 12 targets: explained <= 3x bare; the job <= 3x pydantic's round trip."""
    status = 0
    print("| rows | decisions CC / SD | bare CC µs | explained CC µs | ratio | bare SD µs | "
          "explained SD µs | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ((2_000,) if quick else (10_000, 100_000)):
        r = explained(n, 3 if n >= 100_000 else 5)
        rc = r["explained_CC_us"] / r["bare_CC_us"]
        rs = r["explained_SD_us"] / r["bare_SD_us"]
        print(f"| {n:,} | {r['decisions_CC']:,.0f} / {r['decisions_SD']:,.0f} | "
              f"{r['bare_CC_us']:.1f} | "
              f"{r['explained_CC_us']:.1f} | {rc:.2f} | {r['bare_SD_us']:.1f} | "
              f"{r['explained_SD_us']:.1f} | {rs:.2f} |", flush=True)
        status |= max(rc, rs) > 3
    print("\n| cases | decisions / case | validate_json µs | dump_json µs | round trip µs | "
          "the job µs | job / round trip |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in ((200,) if quick else (1_000, 5_000)):
        j = job(n)
        trip = j["validate"] + j["dump"]
        print(f"| {n:,} | {j['decisions_per_case']:.1f} | {j['validate'] * 1e6:.0f} | "
              f"{j['dump'] * 1e6:.0f} | {trip * 1e6:.0f} | {j['job'] * 1e6:.0f} | "
              f"{j['job'] / trip:.2f} |", flush=True)
        status |= j["job"] / trip > 3
    return int(status)


def main(quick: bool = False) -> int:
    sizes = [1_000, 10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    print("| rows | clients | GC | validate (s) | settle CC (s) | ratio | settle SD (s) | ratio | "
          "read outcomes CC / SD (s) | with them: ratio CC / SD | "
          "µs/row CC | µs/row SD | decisions CC / SD | escalations CC / SD | peak RSS (MB) |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    status = 0
    per_row: dict[str, list[float]] = {"default": [], "frozen": []}
    for n in sizes:
        for policy in ("default", "frozen"):
            repeat = 1 if n >= 1_000_000 else 3 if n >= 100_000 else 5
            proc = subprocess.run([sys.executable, __file__, "--one", str(n), policy,
                                   str(repeat)], capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            rc = r["settle_CC_s"] / r["validate_s"]
            rs = r["settle_SD_s"] / r["validate_s"]
            us_cc = r["settle_CC_s"] / r["rows"] * 1e6
            us_sd = r["settle_SD_s"] / r["rows"] * 1e6
            per_row[policy].append(max(us_cc, us_sd))
            print(f"| {r['rows']:,} | {r['clients']:,} | {policy} | {r['validate_s']:.3f} | "
                  f"{r['settle_CC_s']:.3f} | {rc:.2f} | {r['settle_SD_s']:.3f} | {rs:.2f} | "
                  f"{r['read_CC_s']:.3f} / {r['read_SD_s']:.3f} | "
                  f"{(r['settle_CC_s'] + r['read_CC_s']) / r['validate_s']:.2f} / "
                  f"{(r['settle_SD_s'] + r['read_SD_s']) / r['validate_s']:.2f} | "
                  f"{us_cc:.1f} | {us_sd:.1f} | "
                  f"{r['decisions_CC']:,} / {r['decisions_SD']:,} | "
                  f"{r['escalations_CC']:,} / {r['escalations_SD']:,} | {r['peak_mb']:.0f} |",
                  flush=True)
            if n == sizes[-1] and (max(rc, rs) > 2 or r["peak_mb"] > 2048):
                status = 1
    bound = math.log(sizes[-1]) / math.log(sizes[0])
    for policy, values in per_row.items():
        growth = values[-1] / values[0]
        print(f"\n{policy}: time per row grows {growth:.2f}x over {sizes[0]:,} -> "
              f"{sizes[-1]:,} rows (linear: 1.0x; n log n: {bound:.2f}x)")
        if growth > bound:
            status = 1
    return status


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(_one(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--read-all":
        print(json.dumps(_read_all(int(sys.argv[2]))))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--job-phases":
        print(json.dumps({k: round(v) for k, v in job_phases(int(sys.argv[2])).items()}))
        sys.exit(0)
    if "--issue12" in sys.argv:
        sys.exit(issue12(quick="--quick" in sys.argv))
    sys.exit(main(quick="--quick" in sys.argv))
