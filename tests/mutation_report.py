"""``make mutate``'s summary: mutants per guarded module, and every survivor not yet judged.

Reads ``mutmut results --all true`` (run after ``mutmut run``) and the reviewed list of
equivalent mutants in ``tests/mutation_equivalents.md`` (a table row per mutant: its name,
then the one-line reason it cannot change behaviour). Prints, per module, how many mutants
were killed, survived, had no test, or timed out, then the survivors that are not listed
as equivalent, with their diff, and the test time each module took (from mutmut's
``mutants/*.meta``). Exits 1 when there is any such survivor, any mutant not checked yet (an
interrupted or partial run), or no result.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.md"
_LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+?)\s*$")
_ROW = re.compile(r"^\|\s*`(?P<name>[^`]+__mutmut_\d+)`\s*\|\s*(?P<reason>[^|]+?)\s*\|")
BAD = {"survived", "no tests", "timeout", "suspicious", "segfault"}


def mutmut(*args: str) -> str:
    exe = Path(sys.executable).with_name("mutmut")
    done = subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True)
    return done.stdout


def module_of(name: str) -> str:
    return name.split(".x", 1)[0] if ".x" in name else name.rsplit(".", 1)[0]


def seconds_per_module() -> dict[str, float]:
    """Test time spent per module, summed over its checked mutants (best effort)."""
    spent: dict[str, float] = defaultdict(float)
    for meta in (ROOT / "mutants").rglob("*.meta"):
        try:
            durations = json.loads(meta.read_text(encoding="utf-8")).get("durations_by_key", {})
        except (OSError, ValueError):
            continue
        for name, seconds in durations.items():
            spent[module_of(name)] += float(seconds or 0)
    return spent


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


def main() -> int:
    results = [
        m.groupdict()
        for m in map(_LINE.match, mutmut("results", "--all", "true").splitlines())
        if m
    ]
    if not results:
        print("no mutation results: run `mutmut run` first")
        return 1
    judged = equivalents()
    per_module: dict[str, Counter[str]] = defaultdict(Counter)
    open_survivors: dict[str, list[str]] = defaultdict(list)
    for r in results:
        module, status = module_of(r["name"]), r["status"]
        if status in BAD and r["name"] in judged:
            status = "equivalent"
        per_module[module][status] += 1
        if status in BAD:
            open_survivors[module].append(r["name"])
    width = max(len(m) for m in per_module)
    spent = seconds_per_module()
    print(
        f"{'module':<{width}}  mutants  killed  equivalent  survived  no-tests  timeout"
        "  unchecked  test-min"
    )
    for module in sorted(per_module):
        c = per_module[module]
        print(
            f"{module:<{width}}  {sum(c.values()):>7}  {c['killed']:>6}  {c['equivalent']:>10}"
            f"  {c['survived']:>8}  {c['no tests']:>8}  {c['timeout']:>7}"
            f"  {c['not checked']:>9}  {spent.get(module, 0) / 60:>8.1f}"
        )
    stale = sorted(set(judged) - {r["name"] for r in results})
    if stale:
        print(f"\n{len(stale)} listed equivalents no longer exist (remove them): {stale[:5]}")
    total = sum(len(v) for v in open_survivors.values())
    for module in sorted(open_survivors):
        print(f"\n== {module}: {len(open_survivors[module])} survivors")
        for name in open_survivors[module]:
            diff = [
                line
                for line in mutmut("show", name).splitlines()
                if line.startswith(("+ ", "- ", "+\t", "-\t")) or re.match(r"^[-+]\s", line)
            ]
            print(f"  {name}")
            for line in diff[:6]:
                print(f"      {line}")
    print(f"\n{total} survivors not listed in {EQUIVALENTS.relative_to(ROOT)}")
    unchecked = sum(c["not checked"] for c in per_module.values())
    if unchecked:
        print(f"{unchecked} mutants not checked yet: the run is not complete (`mutmut run`)")
    return 1 if total or unchecked else 0


if __name__ == "__main__":
    raise SystemExit(main())
