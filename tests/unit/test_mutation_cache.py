"""The committed mutation results (tests/mutation_cache.py): a result comes back into a fresh
``mutants/`` only while its function's code and the tests that reach it are unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import mutation_cache as mc

TEST = "tests/unit/test_m.py::test_counts"
SETUP = '[tool.mutmut]\nonly_mutate = ["pkg/m.py"]\nmax_stack_depth = 7\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, path in {
        "ROOT": tmp_path,
        "RESULTS": tmp_path / "tests" / "mutation_results",
        "MUTANTS": tmp_path / "mutants",
        "KEYS": tmp_path / "mutants" / "mutation_keys.json",
        "RESTORED": tmp_path / "mutants" / "mutation_restored.json",
    }.items():
        monkeypatch.setattr(mc, name, path)
    (tmp_path / "pyproject.toml").write_text(SETUP)
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "support").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text("# fixtures\n")
    (tmp_path / "tests" / "support" / "chat.py").write_text("# helper\n")
    (tmp_path / "tests" / "unit" / "test_m.py").write_text(
        "from tests.support.chat import talk\n\ndef test_counts(): ...\n"
    )
    (tmp_path / "mutants" / "pkg").mkdir(parents=True)
    return tmp_path


def write_meta(codes: dict[str, int | None], hashes: dict[str, str] | None = None) -> None:
    meta: dict[str, Any] = {
        "exit_code_by_key": {f"pkg.m.{name}": code for name, code in codes.items()},
        "hash_by_function_name": hashes or {"x_f": "f1", "x_g": "g1"},
        "type_check_error_by_key": {},
        "durations_by_key": {},
        "estimated_durations_by_key": {},
    }
    mc.save_meta("pkg/m.py", meta)


def codes() -> dict[str, int | None]:
    found = mc.load_meta("pkg/m.py")["exit_code_by_key"]
    return {name.removeprefix("pkg.m."): code for name, code in found.items()}


UNRUN = {"x_f__mutmut_1": None, "x_f__mutmut_2": None, "x_g__mutmut_1": None}


def keys(*tests: str) -> dict[str, str]:
    return {"pkg.m.x_f": mc.key_of_tests(list(tests or [TEST])), "pkg.m.x_g": mc.key_of_tests([])}


def run_and_save(project: Path) -> None:
    """A session: x_f's two mutants checked (killed, survived), x_g's not reached."""
    write_meta({"x_f__mutmut_1": 1, "x_f__mutmut_2": 0, "x_g__mutmut_1": None})
    mc.record(keys(), "abc1234")


def fresh_clone(project: Path) -> None:
    """The next session: mutants/ generated again, nothing checked."""
    mc.KEYS.unlink(missing_ok=True)
    write_meta(UNRUN)


def test_unchanged_code_and_tests_get_their_results_back(project: Path) -> None:
    run_and_save(project)
    fresh_clone(project)
    restored = mc.apply_cache(keys())
    assert sorted(restored) == ["pkg.m.x_f__mutmut_1", "pkg.m.x_f__mutmut_2"]
    assert codes() == {"x_f__mutmut_1": 1, "x_f__mutmut_2": 0, "x_g__mutmut_1": None}
    saved = json.loads((mc.RESULTS / "pkg.m.json").read_text())["functions"]["x_f"]
    assert saved["commit"] == "abc1234" and saved["mutants"] == 2


def test_a_changed_function_runs_again(project: Path) -> None:
    run_and_save(project)
    fresh_clone(project)
    write_meta(UNRUN, hashes={"x_f": "f2", "x_g": "g1"})
    assert mc.apply_cache(keys()) == []
    assert codes() == UNRUN


@pytest.mark.parametrize(
    "edited", ["tests/unit/test_m.py", "tests/conftest.py", "tests/support/chat.py"]
)
def test_an_edited_test_file_conftest_or_helper_runs_the_function_again(
    project: Path, edited: str
) -> None:
    run_and_save(project)
    fresh_clone(project)
    (project / edited).write_text("# changed\n")
    assert mc.apply_cache(keys()) == []
    assert codes() == UNRUN


def test_a_new_test_reaching_the_function_runs_it_again(project: Path) -> None:
    run_and_save(project)
    fresh_clone(project)
    assert mc.apply_cache(keys(TEST, "tests/unit/test_m.py::test_more")) == []


def test_another_mutmut_setup_drops_every_result(project: Path) -> None:
    run_and_save(project)
    fresh_clone(project)
    (project / "pyproject.toml").write_text(SETUP.replace("= 7", "= 8"))
    assert mc.apply_cache(keys()) == []


def test_results_checked_before_a_test_edit_are_stale_in_a_live_mutants_dir(
    project: Path,
) -> None:
    run_and_save(project)  # mutants/ kept, its keys noted
    (project / "tests/unit/test_m.py").write_text("def test_counts(): assert False\n")
    mc.apply_cache(keys())
    assert codes() == UNRUN


def test_a_partial_run_keeps_the_other_valid_results_and_drops_stale_ones(
    project: Path,
) -> None:
    run_and_save(project)
    fresh_clone(project)
    write_meta({**UNRUN, "x_g__mutmut_1": 0})  # this session checked only x_g
    mc.record(keys(), "def5678")
    functions = json.loads((mc.RESULTS / "pkg.m.json").read_text())["functions"]
    assert functions["x_f"]["results"] == {"1": 1, "2": 0}
    assert functions["x_f"]["commit"] == "abc1234"
    assert functions["x_g"]["results"] == {"1": 0}
    mc.KEYS.unlink()
    write_meta(UNRUN, hashes={"x_f": "f2", "x_g": "g1"})  # x_f changed, nothing run
    mc.record(keys(), "0aa0aa0")
    functions = json.loads((mc.RESULTS / "pkg.m.json").read_text())["functions"]
    assert set(functions) == {"x_g"}


def test_an_interrupted_mutant_is_not_a_result(project: Path, capsys: Any) -> None:
    write_meta({"x_f__mutmut_1": 2, "x_f__mutmut_2": 1, "x_g__mutmut_1": None})
    mc.record(keys(), "abc1234")
    functions = json.loads((mc.RESULTS / "pkg.m.json").read_text())["functions"]
    assert functions["x_f"]["results"] == {"2": 1}
    mc.pending("pkg.m.x_f*")
    assert capsys.readouterr().out.split() == ["pkg.m.x_f__mutmut_1"]


def test_a_clone_without_mutants_reports_the_cache_with_what_is_left(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests import mutation_report

    run_and_save(project)
    monkeypatch.setattr(mutation_report, "RESULTS", mc.RESULTS)
    found, not_run = mutation_report.cached_results("pkg.m")
    assert found == {"pkg.m.x_f__mutmut_1": 1, "pkg.m.x_f__mutmut_2": 0}
    assert not_run == 1  # x_g's mutant
    assert [mutation_report.verdict(c) for c in (1, 0, None, 2, 33)] == [
        "killed",
        "survived",
        "not run",
        "not run",
        "no tests",
    ]
