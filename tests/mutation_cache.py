"""Mutation results that outlive ``mutants/``: the committed cache in ``tests/mutation_results/``.

mutmut 3.8 keeps its verdicts in ``mutants/<file>.meta`` (an exit code per mutant and a hash of
each mutated function's source) and the tests that reach each function in
``mutants/mutmut-stats.json``. That directory is untracked, and a complete run takes hours,
longer than a work session. So each session stores what it checked here, one JSON file per
guarded module, and the next one starts from it:

``restore``  generates the mutants and collects the tests per function exactly as ``mutmut run``
             does (``prepare``), then writes the cached exit codes into the ``.meta`` files, but
             only for a function whose source hash AND tests key are unchanged. The tests key
             hashes the names of the tests that reach the function and the text of their files,
             the conftest files above them and the ``tests/support`` modules they import: a changed
             function, a changed or new test reaching it, re-runs. A result recorded under another
             mutmut version or ``[tool.mutmut]`` setup is dropped whole.
``save``     records every checked mutant of ``mutants/`` under its function's current keys, and
             keeps the cached entries that are still valid (a partial run loses nothing).
``pending``  prints the unchecked mutants matching a pattern (``make mutate-module``).

Not in the key, as in mutmut itself: code outside the mutated function and the YAML texts and
data (a full ``make mutate`` rechecks everything from scratch).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "tests" / "mutation_results"
MUTANTS = ROOT / "mutants"
STATS = MUTANTS / "mutmut-stats.json"
KEYS = MUTANTS / "mutation_keys.json"  # the keys the results in mutants/ were checked under
RESTORED = MUTANTS / "mutation_restored.json"  # mutant names whose result came from the cache
NOT_RUN = {None, 2}  # 2: interrupted by the user
_SUPPORT = re.compile(r"^\s*(?:from|import)\s+tests\.support\.(\w+)", re.MULTILINE)


def module_name(path: str | Path) -> str:
    return str(path)[: -len(".py")].replace("/", ".")


def guarded_files() -> list[str]:
    return list(_mutmut_setup()["only_mutate"])


def _mutmut_setup() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["mutmut"]


def setup_key() -> str:
    """mutmut's version and how it runs the tests: results under another setup do not count."""
    from importlib.metadata import version

    setup = {k: v for k, v in _mutmut_setup().items() if k != "only_mutate"}
    text = json.dumps([version("mutmut"), setup], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"<missing>"


def files_of_tests(test_ids: list[str]) -> list[str]:
    """The files whose text decides these tests: their own, the conftests above, the helpers."""
    files = {t.split("::", 1)[0] for t in test_ids}
    for name in list(files):
        parent = Path(name).parent
        while parent.parts and parent.parts[0] == "tests":
            files.add(str(parent / "conftest.py"))
            parent = parent.parent
        files.update(
            f"tests/support/{m}.py" for m in _SUPPORT.findall(_read(ROOT / name).decode())
        )
    return sorted(files)


def key_of_tests(test_ids: list[str]) -> str:
    h = hashlib.sha256()
    for test in sorted(test_ids):
        h.update(test.encode() + b"\0")
    for name in files_of_tests(test_ids):
        h.update(name.encode() + b"\0" + _read(ROOT / name) + b"\0")
    return h.hexdigest()[:16]


def current_keys() -> dict[str, str]:
    """Mangled function name (``module.x_func``) -> tests key, from mutmut's test mapping."""
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    return {f: key_of_tests(t) for f, t in stats["tests_by_mangled_function_name"].items()}


def load_meta(path: str) -> dict:
    meta = MUTANTS / (path + ".meta")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def save_meta(path: str, meta: dict) -> None:
    (MUTANTS / (path + ".meta")).write_text(json.dumps(meta, indent=4), encoding="utf-8")


def function_of(mutant: str) -> tuple[str, int]:
    """``handlers.workdays.x_add__mutmut_3`` -> (``x_add``, 3)."""
    mangled, _, number = mutant.partition("__mutmut_")
    return mangled.rsplit(".", 1)[1], int(number)


def load_cache(module: str) -> dict:
    path = RESULTS / f"{module}.json"
    cache = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if cache.get("setup") != setup_key():
        return {"setup": setup_key(), "functions": {}}
    return cache


def git_head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


def prepare() -> None:
    """What ``mutmut run`` does before it runs a mutant: the mutated copy and the test mapping."""
    from mutmut import __main__ as mm

    mm.set_mutant_under_test("mutant_generation")
    MUTANTS.mkdir(exist_ok=True)
    with mm.CatchOutput(spinner_title="Generating mutants"):
        mm.copy_src_dir()
        mm.copy_also_copy_files()
        mm.setup_source_paths()
        mm.store_lines_covered_by_tests()
        mm.create_mutants(1)
    mm.collect_or_load_stats(mm.get_mutant_runner(1), apply_config_invalidation=True)


def restore() -> int:
    prepare()
    restored = apply_cache(current_keys())
    print(f"restored {len(restored)} mutant results from {RESULTS.relative_to(ROOT)}")
    return 0


def apply_cache(keys: dict[str, str]) -> list[str]:
    """Put the cached results of unchanged functions and tests into ``mutants/*.meta``."""
    checked_under = json.loads(KEYS.read_text(encoding="utf-8")) if KEYS.exists() else {}
    restored: list[str] = []
    for path in guarded_files():
        module, meta = module_name(path), load_meta(path)
        if not meta:
            continue
        cached = load_cache(module)["functions"]
        codes = meta["exit_code_by_key"]
        for mutant in codes:
            func, number = function_of(mutant)
            key = keys.get(f"{module}.{func}", "")
            old = checked_under.get(f"{module}.{func}")
            if codes[mutant] is not None and old is not None and old != key:
                codes[mutant] = None  # checked here under other tests: stale
            entry = cached.get(func, {})
            fresh = (
                entry.get("source") == meta["hash_by_function_name"].get(func)
                and entry.get("tests") == key
            )
            if codes[mutant] is None and fresh and str(number) in entry["results"]:
                codes[mutant] = entry["results"][str(number)]
                restored.append(mutant)
        save_meta(path, meta)
    KEYS.write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
    RESTORED.write_text(json.dumps(sorted(restored)), encoding="utf-8")
    return restored


def save() -> int:
    record(current_keys(), git_head())
    print(f"saved the mutation results to {RESULTS.relative_to(ROOT)}")
    return 0


def record(keys: dict[str, str], commit: str) -> None:
    """Write the checked mutants of ``mutants/`` into the cache, keeping its still valid rest.

    A result is recorded under the tests key it was checked with: the one ``restore`` noted
    (a test edited since then does not make it current), else the current one."""
    if not KEYS.exists():
        KEYS.write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
    keys = {**keys, **json.loads(KEYS.read_text(encoding="utf-8"))}
    RESULTS.mkdir(exist_ok=True)
    for path in guarded_files():
        module, meta = module_name(path), load_meta(path)
        if not meta:
            continue
        cache = load_cache(module)
        kept = {}
        for func, source in meta["hash_by_function_name"].items():
            key = keys.get(f"{module}.{func}", "")
            entry = cache["functions"].get(func, {})
            results = {}
            if entry.get("source") == source and entry.get("tests") == key:
                results = dict(entry["results"])
            for mutant, code in meta["exit_code_by_key"].items():
                f, number = function_of(mutant)
                if f == func and code not in NOT_RUN:
                    results[str(number)] = code
            if results:
                old_commit = entry.get("commit") if results == entry.get("results") else None
                kept[func] = {
                    "source": source,
                    "tests": key,
                    "mutants": sum(function_of(m)[0] == func for m in meta["exit_code_by_key"]),
                    "commit": old_commit or commit,
                    "results": dict(sorted(results.items(), key=lambda kv: int(kv[0]))),
                }
        cache["mutants"] = len(meta["exit_code_by_key"])
        cache["functions"] = dict(sorted(kept.items()))
        text = json.dumps(cache, indent=1, ensure_ascii=False) + "\n"
        (RESULTS / f"{module}.json").write_text(text, encoding="utf-8")


def pending(pattern: str) -> int:
    for path in guarded_files():
        for mutant, code in load_meta(path).get("exit_code_by_key", {}).items():
            if code in NOT_RUN and fnmatch.fnmatch(mutant, pattern):
                print(mutant)
    return 0


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    if argv[:1] == ["restore"]:
        return restore()
    if argv[:1] == ["save"]:
        return save()
    if argv[:1] == ["pending"] and len(argv) == 2:
        return pending(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
