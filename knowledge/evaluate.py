"""Measuring the search's accuracy on a question file (timing: ``knowledge.bench``).

A question file has ``question<TAB>expected[<TAB>class]`` lines. ``expected`` is a
citizen-facing name, a national code, several of them joined by ``|`` (any counts as right;
a message with several needs lists them all), or ``@greeting``/``@thanks``/``@out_of_scope``/
``@dossier_status``/``@booking``. ``class`` says which kind of difficulty the line tests
(``CLASSES``); without it a procedure line is ``plain``, ``@out_of_scope`` is ``oos`` and
other ``@`` lines are ``intent``. The printed table is ``knowledge.evaluate_report``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.evaluate_report import summary, table
from knowledge.normalize import has_diacritics, normalize, strip_procedure_prefix
from knowledge.schema import Procedure

__all__ = ["Case", "evaluate", "read_cases", "read_tsv", "summary", "table"]

REQUIRED_TSV = Path(__file__).resolve().parent / "data" / "required_procedures.tsv"
_CODE = re.compile(r"^(?:\d\.\d{6}|dp\.[\w.-]+)$")
CLASSES = (
    "plain",
    "glued",
    "variant",
    "negation",
    "multi",
    "event",
    "purpose",
    "attribute",
    "oos",
    "intent",
)


@dataclass(frozen=True, slots=True)
class Case:
    """One line of a question file."""

    question: str
    expected: str
    cls: str


def read_cases(path: str | Path) -> list[Case]:
    """The lines of a question file; blank and ``#`` lines skipped, unknown classes kept."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        cols = line.split("\t")
        question, expected = cols[0], cols[1].strip()
        cls = cols[2].strip().lower() if len(cols) > 2 and cols[2].strip() else ""
        if not cls:
            cls = "oos" if expected == "@out_of_scope" else "intent"
            cls = cls if expected.startswith("@") else "plain"
        cases.append(Case(question, expected, cls))
    return cases


def read_tsv(path: str | Path) -> list[tuple[str, str]]:
    """``(question, expected)`` pairs of a question file (see ``read_cases``)."""
    return [(c.question, c.expected) for c in read_cases(path)]


def _required_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    if REQUIRED_TSV.exists():
        for row in REQUIRED_TSV.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) > 1 and cols[1].strip():
                out[normalize(cols[0])] = cols[1].strip()
    return out


class _Resolver:
    """Maps an expected name or code (or several, ``|``-separated) to the right codes."""

    def __init__(self, procs: Sequence[Procedure]) -> None:
        self.by_name: dict[str, set[str]] = {}
        for p in procs:
            for name in (p.short_name, p.name, strip_procedure_prefix(p.name)):
                if name:
                    self.by_name.setdefault(normalize(name), set()).add(p.code)
        self.required = _required_codes()

    def codes(self, expected: str) -> set[str]:
        out: set[str] = set()
        for part in expected.split("|"):
            out |= self._one(part.strip())
        return out

    def groups(self, expected: str) -> list[set[str]]:
        """One set of right codes per need named in ``expected``."""
        return [self._one(part.strip()) for part in expected.split("|") if part.strip()]

    def _one(self, expected: str) -> set[str]:
        if _CODE.match(expected):
            return {expected}
        key = normalize(expected)
        codes = set(self.by_name.get(key, set()))
        if key in self.required:
            codes.add(self.required[key])
        return codes


def _new_stats() -> dict[str, Any]:
    return {
        "top": {k: [0, 0, 0] for k in ("all", "accented", "plain")},  # n, top1, top3
        "bands": dict.fromkeys(
            ("answer_right", "answer_wrong", "suggest_right", "suggest_wrong", "none"), 0
        ),
        "classes": {},
        "intents": [0, 0],
        "oos": [0, 0, 0],  # n, kept out, answered
        "multi": [0, 0],  # n, every need shown (first match or others)
        "failures": [],
    }


def evaluate(index: Any, tsv_path: str | Path) -> dict:
    """Accuracy of ``index`` on a question file (see module docstring for the format).

    Returns top-1/top-3 over procedure lines (all, with and without diacritics), the band
    counts of procedure lines, intent accuracy over ``@`` lines, how many out-of-scope lines
    were kept out, per-class counts and misses, and the list of failures.
    """
    resolver = _Resolver(index.procs)
    st = _new_stats()
    for case in read_cases(tsv_path):
        result = index.classify(case.question)
        cls = st["classes"].setdefault(case.cls, {"n": 0, "misses": 0, "answer_wrong": 0})
        cls["n"] += 1
        if case.expected.startswith("@"):
            _score_intent(st, case, result, cls)
        else:
            _score_procedure(st, resolver, index, case, result, cls)
    return _report(st)


def _score_intent(st: dict, case: Case, result: Any, cls: dict) -> None:
    st["intents"][0] += 1
    ok = result.intent == case.expected[1:]
    st["intents"][1] += ok
    if case.expected == "@out_of_scope":
        st["oos"][0] += 1
        st["oos"][1] += result.intent == "out_of_scope"
        st["oos"][2] += result.band == "answer"
        cls["answer_wrong"] += result.band == "answer"
    if not ok:
        cls["misses"] += 1
        st["failures"].append(
            {
                "question": case.question,
                "expected": case.expected,
                "class": case.cls,
                "got": result.intent,
                "band": result.band,
                "top1": False,
                "miss": True,
            }
        )


def _score_procedure(
    st: dict, resolver: _Resolver, index: Any, case: Case, result: Any, cls: dict
) -> None:
    wanted = resolver.codes(case.expected)
    ranked = index.search(case.question, k=3)
    codes = [m.code for m in ranked]
    top1 = bool(codes) and codes[0] in wanted
    top3 = any(c in wanted for c in codes)
    for key in ("all", "accented" if has_diacritics(case.question) else "plain"):
        st["top"][key][0] += 1
        st["top"][key][1] += top1
        st["top"][key][2] += top3
    shown = [m.code for m in result.matches]
    shown_right = bool(shown) and shown[0] in wanted
    bands = st["bands"]
    if result.band == "answer":
        bands["answer_right" if shown_right else "answer_wrong"] += 1
        cls["answer_wrong"] += not shown_right
    elif result.band == "suggest":
        bands["suggest_right" if any(c in wanted for c in shown) else "suggest_wrong"] += 1
    else:
        bands["none"] += 1
    # a question about a procedure taken for a booking or a greeting is a miss too
    miss = not top1 or result.intent != "procedure"
    cls["misses"] += miss
    if case.cls == "multi":
        found = set(shown[:1]) | {m.code for m in getattr(result, "others", [])}
        st["multi"][0] += 1
        st["multi"][1] += all(g & found for g in resolver.groups(case.expected))
    if miss or result.band != "answer":
        st["failures"].append(
            {
                "question": case.question,
                "expected": case.expected,
                "class": case.cls,
                "wanted": sorted(wanted),
                "got": codes,
                "names": [m.name for m in ranked],
                "scores": [m.score for m in ranked],
                "band": result.band,
                "intent": result.intent,
                "others": [m.code for m in getattr(result, "others", [])],
                "top1": top1,
                "miss": miss,
            }
        )


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _report(st: dict) -> dict:
    out: dict = {"procedure_questions": st["top"]["all"][0]}
    for key, (n, t1, t3) in st["top"].items():
        suffix = "" if key == "all" else f"_{key}"
        out[f"top1{suffix}"] = _ratio(t1, n)
        out[f"top3{suffix}"] = _ratio(t3, n)
        out[f"n{suffix}"] = n
    bands, n = st["bands"], st["top"]["all"][0]
    oos_n, kept, answered = st["oos"]
    out.update(
        answered_right=_ratio(bands["answer_right"], n),
        answered_wrong=_ratio(bands["answer_wrong"], n),
        intent_questions=st["intents"][0],
        intent_accuracy=_ratio(st["intents"][1], st["intents"][0]),
        oos_questions=oos_n,
        oos_kept_out=_ratio(kept, oos_n),
        oos_confident_wrong=answered,
        multi_questions=st["multi"][0],
        multi_all_needs=_ratio(st["multi"][1], st["multi"][0]),
        bands=bands,
        classes={k: st["classes"][k] for k in sorted(st["classes"], key=_class_order)},
        failures=st["failures"],
    )
    return out


def _class_order(name: str) -> tuple[int, str]:
    return (CLASSES.index(name) if name in CLASSES else len(CLASSES), name)
