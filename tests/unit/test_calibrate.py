"""Calibrating the answer band (``knowledge.calibrate``): the logistic confidence, which
questions a threshold answers right or wrong, and the threshold chosen, on small hand-made
question sets."""

from __future__ import annotations

import math
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


# -- exact properties (mutation testing found the tests above too loose) ---------------------


def _stationary(rows: list[Row], model: dict[str, float]) -> float:
    """The largest component of the penalised log-likelihood's gradient at ``model``,
    recomputed here from the definition (ridge on the standardised coefficients only)."""
    import numpy as np

    from knowledge.calibrate import FEATURES, RIDGE

    x = np.array([r.features() for r in rows], dtype=float)
    y = np.array([1.0 if r.right else 0.0 for r in rows])
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    coef = np.array([model[name] for name in FEATURES])
    w = np.r_[model["bias"] + (coef * mu).sum(), coef * sd]  # back to standardised units
    z = np.c_[np.ones(len(x)), (x - mu) / sd]
    p = 1.0 / (1.0 + np.exp(-(z @ w)))
    grad = z.T @ (p - y) + RIDGE * np.r_[0.0, w[1:]]
    return float(np.abs(grad).max())


def _mixed_rows() -> list[Row]:
    """Right and wrong first matches that overlap (no perfect separation)."""
    rows = []
    for i in range(60):
        score, lead = 55.0 + (i * 7) % 40, (i * 11) % 30
        cover, prior = 0.3 + (i % 7) / 10, (i % 5) / 10
        right = score + lead / 2 + 10 * cover + (i % 3) * 4 > 80
        rows.append(Row(score, score - lead, i % 4 == 0, right, cover, prior))
    return rows


def test_fit_reaches_the_penalised_optimum_and_its_logits_are_the_raw_features() -> None:
    rows = _mixed_rows()
    model = fit(rows)
    assert _stationary(rows, model) < 1e-6
    assert set(model) == {"bias", "score", "lead", "cover", "curated", "prior"}
    # the coefficients apply to the raw values: the logit is bias + sum(coef * value)
    import math as m

    p = [1 / (1 + m.exp(-logit(model, r))) for r in rows]
    right = [pi for pi, r in zip(p, rows, strict=True) if r.right]
    wrong = [pi for pi, r in zip(p, rows, strict=True) if not r.right]
    assert sum(right) / len(right) > 0.6 > 0.4 > sum(wrong) / len(wrong)
    # a logistic fit with an intercept matches the share right on average
    assert abs(sum(p) - len(right)) < 1e-6


def test_counts_each_answered_line_and_answers_at_exactly_the_floor() -> None:
    rows = [Row(80.0, 30.0, False, None), Row(80.0, 30.0, False, None)]  # two out of scope
    rows += [Row(70.0, 40.0, False, False)] * 3  # three wrong
    rows += [Row(50.0, 0.0, False, True)]  # exactly at the floor: answered
    assert counts(rows, MODEL, -10.0, 50.0) == (1, 3, 2)


def _ladder(right_then_wrong: str) -> list[Row]:
    """One row per letter, logits rising by one from -5: r right, w wrong, o out of scope."""
    kinds = {"r": True, "w": False, "o": None}
    return [
        Row(50.0 + i * 5, 50.0 - i * 5, False, kinds[c]) for i, c in enumerate(right_then_wrong)
    ]


def test_choose_allows_exactly_the_share_of_wrong_answers() -> None:
    # logit of row i: -10 + 0.1 * (50 + 5i) + 0.1 * 10i = -5 + 1.5 i
    rows = _ladder("w" + "r" * 99)  # 100 procedure lines, the lowest one wrong
    at, right, wrong = choose(rows, MODEL, 0.0)  # default: at most 1 % wrong
    assert (right, wrong) == (99, 1) and at == logit(MODEL, rows[0])
    rows = _ladder("ww" + "r" * 98)  # 2 % wrong would answer everything: not allowed
    at, right, wrong = choose(rows, MODEL, 0.0)
    assert (right, wrong) == (98, 1) and at == logit(MODEL, rows[1])
    at, right, wrong = choose(rows, MODEL, 0.0, max_wrong=0.02)
    assert (right, wrong) == (98, 2) and at == logit(MODEL, rows[0])


def test_choose_counts_only_procedure_lines_and_keeps_the_lowest_threshold() -> None:
    # out-of-scope lines below every right one: they do not enlarge the wrong allowance
    rows = _ladder("o" * 100 + "w" + "r" * 50)
    at, right, wrong = choose(rows, MODEL, 0.0)  # 51 procedure lines: no wrong allowed
    assert (right, wrong) == (50, 0) and at == logit(MODEL, rows[101])
    # equal right counts at several thresholds: the lowest wins
    rows = _ladder("rwwr")
    at, right, wrong = choose(rows, MODEL, 0.0, max_wrong=1.0)
    assert (right, wrong) == (2, 2) and at == logit(MODEL, rows[0])


def test_choose_without_any_safe_threshold_answers_nothing() -> None:
    rows = _ladder("rrrro")  # an out-of-scope line above every right one
    assert choose(rows, MODEL, 0.0) == (math.inf, 0, 0)


def test_collect_keeps_cover_prior_and_the_one_word_cap(tmp_path) -> None:
    index = _Index()
    index.table = {
        "sinh": [Match("1.001193", "Đăng ký khai sinh", 80.0, True, 0.4, 0.7, True)],
    }
    path = tmp_path / "q.tsv"
    path.write_text("sinh con\t1.001193\n", encoding="utf-8")
    (row,) = collect(index, str(path))
    assert (row.cover, row.prior, row.capped) == (0.4, 0.7, True)


def test_main_fits_the_knowledge_and_honours_the_wrong_limit(tmp_path, capsys, monkeypatch):
    import knowledge.index
    import knowledge.loader

    class _Kb:
        procedures: list[Any] = [_Proc("1.001193", "Đăng ký khai sinh")]

    seen: list[Any] = []

    def build(procs: Any) -> _Index:
        seen.append(procs)
        return _Index()

    monkeypatch.setattr(knowledge.loader, "load_knowledge", lambda: _Kb())
    monkeypatch.setattr(knowledge.index.SearchIndex, "build", staticmethod(build))
    path = str(_questions(tmp_path))
    assert main([path, "0.5"]) == 0  # half may be wrong: the wrong one is answered too
    assert seen == [_Kb.procedures]
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "CONFIDENCE = {" and lines[7] == "}"
    rows = collect(_Index(), path)
    at, _right, _wrong = choose(rows, fit(rows), 45.0, 0.5)
    assert lines[8] == f"ANSWER_Z = {math.floor(at * 1e4) / 1e4}  # right 0.500, wrong 0.500"
