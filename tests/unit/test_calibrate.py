"""Calibrating the answer band (``knowledge.calibrate``): the logistic confidence, which
questions a threshold answers right or wrong, and the threshold chosen, on small hand-made
question sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from knowledge.calibrate import Row, choose, collect, counts, fit, logit, main
from knowledge.index_bands import Finding, Match

MODEL = {"bias": -10.0, "score": 0.1, "lead": 0.1, "cover": 0.0, "curated": 0.0, "prior": 0.0}


def test_counts_answer_at_the_threshold_never_capped_or_below_the_floor() -> None:
    rows = [
        Row(80.0, 30.0, True, True),  # logit 3.0: answered right
        Row(70.0, 40.0, False, False),  # logit 0.0: answered wrong at 0.0, not at 0.1
        Row(90.0, 10.0, False, None),  # out of scope answered
        Row(95.0, 10.0, False, True, capped=True),  # capped: never answered
        Row(45.0, 0.0, False, True),  # below the floor
    ]
    assert counts(rows, MODEL, 0.0, 50.0) == (1, 1, 1)
    assert counts(rows, MODEL, 0.1, 50.0) == (1, 0, 1)
    assert counts(rows, MODEL, 100.0, 0.0) == (0, 0, 0)


def test_choose_answers_the_most_right_within_the_wrong_limit_and_no_out_of_scope() -> None:
    rows = [Row(80.0, 30.0, False, True)] * 9 + [
        Row(70.0, 40.0, False, False),  # logit 0.0
        Row(75.0, 40.0, False, None),  # out of scope, logit 1.0: the threshold goes above
    ]
    at, right, wrong = choose(rows, MODEL, 50.0, max_wrong=0.2)
    assert (right, wrong) == (9, 0) and 1.0 < at <= 3.0
    assert counts(rows, MODEL, at, 50.0)[2] == 0


def test_fit_gives_right_answers_the_higher_confidence() -> None:
    rows = [Row(85.0 + i % 5, 40.0, False, True, 0.9) for i in range(20)]
    rows += [Row(55.0 + i % 5, 52.0, False, False, 0.3) for i in range(20)]
    model = fit(rows)
    assert model["score"] > 0 and model["lead"] > 0
    assert min(logit(model, r) for r in rows[:20]) > max(logit(model, r) for r in rows[20:])


class _Proc:
    def __init__(self, code: str, name: str) -> None:
        self.code, self.name, self.aliases, self.short_name = code, name, [], None


class _Index:
    """Scores by hand: the question's first word decides."""

    procs = [_Proc("1.001193", "Đăng ký khai sinh"), _Proc("1.000656", "Đăng ký khai tử")]
    table = {
        "sinh": [Match("1.001193", "Đăng ký khai sinh", 80.0, True), Match("1.000656", "x", 40.0)],
        "tu": [Match("1.001193", "Đăng ký khai sinh", 61.0), Match("1.000656", "x", 60.0)],
        "vang": [Match("1.000656", "x", 45.0)],
        "none": [],
    }

    def find(self, question: str, k: int = 3) -> Finding:
        return Finding(self.table[question.split()[0]])


def _questions(tmp_path: Path) -> Path:
    path = tmp_path / "q.tsv"
    lines = [
        "none\t1.001193",  # nothing found: no row
        "sinh chao\t@greeting",  # other intents are skipped
        "sinh con\t1.001193",
        "tu con\t1.000656",  # ranked wrong
        "vang hom nay\t@out_of_scope",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_collect_reads_the_best_two_scores_and_whether_the_first_is_right(tmp_path) -> None:
    rows = collect(_Index(), str(_questions(tmp_path)))
    assert [(r.top, r.second, r.curated, r.right) for r in rows] == [
        (80.0, 40.0, True, True),
        (61.0, 60.0, False, False),
        (45.0, 0.0, False, None),
    ]


def test_main_prints_the_confidence_and_threshold(tmp_path, capsys, monkeypatch) -> None:
    import knowledge.index
    import knowledge.loader

    class _Kb:
        procedures: list[Any] = [_Proc("1.001193", "Đăng ký khai sinh")]

    monkeypatch.setattr(knowledge.loader, "load_knowledge", lambda: _Kb())
    monkeypatch.setattr(knowledge.index.SearchIndex, "build", staticmethod(lambda p: _Index()))
    assert main([str(_questions(tmp_path))]) == 0  # default: 1 % wrong, here none
    out = capsys.readouterr().out
    assert out.startswith("CONFIDENCE = {") and '"score":' in out
    assert "ANSWER_Z = " in out and "right 0.500, wrong 0.000" in out
