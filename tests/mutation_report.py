"""``make mutate``'s summary: per guarded module, what is checked and every survivor not yet judged.

Reads mutmut's verdicts in ``mutants/*.meta`` (after ``mutmut run``; which of them came from the
committed cache is in ``mutants/mutation_restored.json``, see ``tests/mutation_cache.py``) and
the reviewed list of equivalent mutants in ``tests/mutation_equivalents.md`` (a table row per
mutant: its name, then the one-line reason it cannot change behaviour). Prints, per module, the
mutants, how many were killed, judged equivalent, survived (or had no test, timed out), were not
run yet, and how many of the results came from the cache; then each open survivor with its diff.
Without ``mutants/`` (a fresh clone) it prints the committed cache as it stands, unchecked
against the current code. ``mutation_report.py MODULE...`` limits it to those modules.
Exits 1 when there is an open survivor, a mutant not run yet, or no result.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.mutation_cache import (  # noqa: E402
    MUTANTS,
    NOT_RUN,
    RESTORED,
    RESULTS,
    ROOT,
    guarded_files,
    load_meta,
    module_name,
)

EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.md"
_ROW = re.compile(r"^\|\s*`(?P<name>[^`]+__mutmut_\d+)`\s*\|\s*(?P<reason>[^|]+?)\s*\|")


def equivalents() -> dict[str, str]:
    """Mutant name -> reason, from the reviewed file (rows without a reason do not count)."""
    if not EQUIVALENTS.exists():
        return {}
    found = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m and m.group("reason").strip(" -"):
            found[m.group("name")] = m.group("reason")
    return found


def verdict(code: int | None) -> str:
    """mutmut's name for an exit code; caught by the type check counts as killed."""
    from mutmut.stats import status_by_exit_code

    if code in NOT_RUN:
        return "not run"
    status = status_by_exit_code[code]
    return "killed" if status == "caught by type check" else status


def live_results(module: str, path: str) -> dict[str, int | None]:
    return load_meta(path).get("exit_code_by_key", {})


def cached_results(module: str) -> tuple[dict[str, int | None], int]:
    """The committed cache of a module: its results, and how many of its mutants have none."""
    file = RESULTS / f"{module}.json"
    cache = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
    found: dict[str, int | None] = {}
    for func, entry in cache.get("functions", {}).items():
        for number, code in entry["results"].items():
            found[f"{module}.{func}__mutmut_{number}"] = code
    return found, cache.get("mutants", 0) - len(found)


def diff_of(name: str) -> list[str]:
    exe = Path(sys.executable).with_name("mutmut")
    shown = subprocess.run([str(exe), "show", name], cwd=ROOT, capture_output=True, text=True)
    return [line for line in shown.stdout.splitlines() if re.match(r"^[-+]\s", line)][:6]


def main(argv: list[str]) -> int:
    live = MUTANTS.is_dir() and any(load_meta(p) for p in guarded_files())
    restored = set(json.loads(RESTORED.read_text())) if live and RESTORED.exists() else set()
    judged = equivalents()
    modules = {module_name(p): p for p in guarded_files() if not argv or module_name(p) in argv}
    rows: dict[str, Counter[str]] = {}
    open_survivors: dict[str, list[str]] = defaultdict(list)
    judged_here: dict[str, list[str]] = defaultdict(list)
    killed_but_listed: list[str] = []
    seen: set[str] = set()
    for module, path in sorted(modules.items(), key=lambda kv: kv[0]):
        if live:
            results, never = live_results(module, path), 0
        else:
            results, never = cached_results(module)
        c: Counter[str] = Counter({"not run": never, "mutants": len(results) + never})
        for name, code in results.items():
            seen.add(name)
            status = verdict(code)
            if status not in {"killed", "not run"} and name in judged:
                status = "equivalent"
                judged_here[module].append(name)
            if status == "killed" and name in judged:
                killed_but_listed.append(name)
            c[status] += 1
            c["cached"] += name in restored
            if status not in {"killed", "not run", "equivalent"}:
                open_survivors[module].append(f"{name}: {status}")
        rows[module] = c
    print(
        "mutation results from mutants/ (mutmut run; `cached`: restored from tests/mutation_results)"
        if live
        else "no mutants/: the committed cache tests/mutation_results as it stands, unchecked "
        "against the current code (`make mutate-resume` checks it)"
    )
    width = max(len(m) for m in rows)
    print(f"{'module':<{width}}  mutants  killed  equivalent  survivors  not-run  cached")
    for module, c in rows.items():
        survivors = len(open_survivors.get(module, []))
        print(
            f"{module:<{width}}  {c['mutants']:>7}  {c['killed']:>6}  {c['equivalent']:>10}"
            f"  {survivors:>9}  {c['not run']:>7}  {c['cached'] if live else '-':>6}"
        )
    for module, names in judged_here.items():
        print(f"\n== {module}: {len(names)} equivalent (tests/mutation_equivalents.md)")
        for n in names:
            print(f"  {n.rsplit('.', 1)[1]}: {judged[n]}")
    listed = [n for n in judged if any(n.startswith(m + ".") for m in rows)]
    gone = [n for n in listed if n not in seen] if live else []
    if gone or killed_but_listed:
        print(
            f"\nlisted as equivalent but gone or killed (remove the rows): {gone + killed_but_listed}"
        )
    total = sum(len(v) for v in open_survivors.values())
    for module in sorted(open_survivors):
        print(f"\n== {module}: {len(open_survivors[module])} survivors")
        for entry in open_survivors[module]:
            print(f"  {entry}")
            for line in diff_of(entry.split(":")[0]) if live else []:
                print(f"      {line}")
    print(f"\n{total} survivors not listed in {EQUIVALENTS.relative_to(ROOT)}")
    unchecked = sum(c["not run"] for c in rows.values())
    if unchecked:
        print(f"{unchecked} mutants not run yet: `make mutate-resume` goes on from here")
    if not any(c["mutants"] for c in rows.values()):
        print("no mutation results: run `make mutate-resume` first")
        return 1
    return 1 if total or unchecked else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
