"""Measuring the search: accuracy on a question file and speed on a (synthetic) catalogue.

``evaluate`` reads ``question<TAB>expected`` lines, where expected is a citizen-facing name,
a national code, or ``@greeting``/``@thanks``/``@out_of_scope``/``@dossier_status``/``@booking``.
``bench`` times index build and queries and runs the naive baseline
(``rapidfuzz.process.extractOne`` over official names with ``WRatio``) side by side.
"""

from __future__ import annotations

import random
import re
import resource
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from knowledge.index import SearchIndex, official_names
from knowledge.normalize import has_diacritics, normalize, strip_procedure_prefix
from knowledge.schema import Procedure

REQUIRED_TSV = Path(__file__).resolve().parent / "data" / "required_procedures.tsv"
BASELINE_QUERIES = 300
_CODE = re.compile(r"^(?:\d\.\d{6}|dp\.[\w.-]+)$")


def read_tsv(path: str | Path) -> list[tuple[str, str]]:
    """``(question, expected)`` pairs of a question file; blank and ``#`` lines skipped."""
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        question, expected = line.split("\t", 1)
        pairs.append((question, expected.strip()))
    return pairs


def _required_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    if REQUIRED_TSV.exists():
        for row in REQUIRED_TSV.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) > 1 and cols[1].strip():
                out[normalize(cols[0])] = cols[1].strip()
    return out


class _Resolver:
    """Maps an expected name or code to the procedure codes that count as right."""

    def __init__(self, procs: Sequence[Procedure]) -> None:
        self.by_name: dict[str, set[str]] = {}
        for p in procs:
            for name in (p.short_name, p.name, strip_procedure_prefix(p.name)):
                if name:
                    self.by_name.setdefault(normalize(name), set()).add(p.code)
        self.required = _required_codes()

    def codes(self, expected: str) -> set[str]:
        if _CODE.match(expected):
            return {expected}
        key = normalize(expected)
        codes = set(self.by_name.get(key, set()))
        if key in self.required:
            codes.add(self.required[key])
        return codes


def evaluate(index: SearchIndex, tsv_path: str | Path) -> dict:
    """Accuracy of ``index`` on a question file (see module docstring for the format).

    Returns top-1/top-3 over procedure lines (all, with and without diacritics), intent
    accuracy over ``@`` lines, confident wrong answers on ``@out_of_scope`` lines, the band
    counts of procedure lines and the list of failures.
    """
    resolver = _Resolver(index.procs)
    stats = {k: [0, 0, 0] for k in ("all", "accented", "plain")}  # n, top1, top3
    bands = {
        "answer_right": 0,
        "answer_wrong": 0,
        "suggest_right": 0,
        "suggest_wrong": 0,
        "none": 0,
    }
    intents_n = intents_ok = oos_confident = 0
    failures: list[dict] = []
    for question, expected in read_tsv(tsv_path):
        result = index.classify(question)
        if expected.startswith("@"):
            intents_n += 1
            if result.intent == expected[1:]:
                intents_ok += 1
            else:
                failures.append(
                    {
                        "question": question,
                        "expected": expected,
                        "got": result.intent,
                        "band": result.band,
                    }
                )
            if expected == "@out_of_scope" and result.band == "answer":
                oos_confident += 1
            continue
        wanted = resolver.codes(expected)
        ranked = index.search(question, k=3)
        codes = [m.code for m in ranked]
        top1 = bool(codes) and codes[0] in wanted
        top3 = any(c in wanted for c in codes)
        for key in ("all", "accented" if has_diacritics(question) else "plain"):
            stats[key][0] += 1
            stats[key][1] += top1
            stats[key][2] += top3
        shown_right = bool(result.matches) and result.matches[0].code in wanted
        if result.band == "answer":
            bands["answer_right" if shown_right else "answer_wrong"] += 1
        elif result.band == "suggest":
            in_list = any(m.code in wanted for m in result.matches)
            bands["suggest_right" if in_list else "suggest_wrong"] += 1
        else:
            bands["none"] += 1
        if not top1 or result.band != "answer":
            failures.append(
                {
                    "question": question,
                    "expected": expected,
                    "wanted": sorted(wanted),
                    "got": [m.code for m in ranked],
                    "names": [m.name for m in ranked],
                    "scores": [m.score for m in ranked],
                    "band": result.band,
                    "intent": result.intent,
                    "top1": top1,
                }
            )

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    out: dict = {"procedure_questions": stats["all"][0]}
    for key, (n, t1, t3) in stats.items():
        suffix = "" if key == "all" else f"_{key}"
        out[f"top1{suffix}"] = ratio(t1, n)
        out[f"top3{suffix}"] = ratio(t3, n)
        out[f"n{suffix}"] = n
    out.update(
        intent_questions=intents_n,
        intent_accuracy=ratio(intents_ok, intents_n),
        oos_confident_wrong=oos_confident,
        bands=bands,
        failures=failures,
    )
    return out


def synthetic_procedures(n: int, base: Sequence[Procedure], seed: int = 7) -> list[Procedure]:
    """``n`` procedures: the base ones, then plausible variants made from their names.

    Variants splice the start of one official name onto the end of another and add the
    qualifiers real variants carry, so the vocabulary and posting lists grow like a real
    catalogue (a copy of the same names would make the benchmark too easy).
    """
    rng = random.Random(seed)
    out = list(base[:n])
    names = [strip_procedure_prefix(p.name).split() for p in base] or [["thủ", "tục"]]
    qualifiers = [
        "lưu động",
        "có yếu tố nước ngoài",
        "tại khu vực biên giới",
        "(thực hiện tại cấp tỉnh)",
        "(thực hiện tại cấp xã)",
        "cho người dưới 14 tuổi",
        "đối với cá nhân",
        "đối với tổ chức",
        "trường hợp bị mất",
        "lần đầu",
    ]
    i = 0
    while len(out) < n:
        a, b = rng.choice(names), rng.choice(names)
        cut_a, cut_b = rng.randint(1, max(1, len(a))), rng.randint(0, max(0, len(b) - 1))
        words = a[:cut_a] + b[cut_b:]
        if rng.random() < 0.5:
            words += rng.choice(qualifiers).split()
        i += 1
        out.append(
            Procedure(
                code=f"syn.{i:06d}",
                name=" ".join(words[:40]),
                levels=[rng.choice(["Cấp xã", "Cấp tỉnh", "Cấp bộ"])],
            )
        )
    return out


def _percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))]


def _time_queries(fn, queries: Sequence[str], n_queries: int) -> dict:
    times = []
    start = time.perf_counter()
    for i in range(n_queries):
        t = time.perf_counter()
        fn(queries[i % len(queries)])
        times.append((time.perf_counter() - t) * 1000.0)
    total = time.perf_counter() - start
    times.sort()
    return {
        "p50_ms": round(_percentile(times, 0.50), 3),
        "p99_ms": round(_percentile(times, 0.99), 3),
        "qps": round(n_queries / total, 1) if total > 0 else None,
    }


def bench(
    procs: Sequence[Procedure],
    queries: Sequence[str],
    n_queries: int,
    tsv_path: str | Path | None = None,
    baseline: bool = True,
) -> dict:
    """Build time, latency percentiles, throughput and peak RSS of the index over ``procs``.

    With ``baseline`` the naive ``extractOne(q, official_names, scorer=WRatio)`` is timed on
    the same queries; with ``tsv_path`` both are also scored for top-1 on that file.
    """
    queries = [q for q in queries if q] or ["đăng ký khai sinh"]
    t = time.perf_counter()
    index = SearchIndex.build(procs)
    build_s = time.perf_counter() - t
    res: dict = {"procedures": len(procs), "queries": n_queries, "build_s": round(build_s, 3)}
    res.update(_time_queries(index.classify, queries, n_queries))
    res["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    if baseline:
        names = official_names(procs)

        def naive(q: str):
            return process.extractOne(
                q, names, scorer=fuzz.WRatio, processor=utils.default_process
            )

        # the baseline is ~50x slower: a few hundred questions give stable percentiles
        res["baseline"] = _time_queries(naive, queries, min(n_queries, BASELINE_QUERIES))
        if tsv_path is not None:
            res["top1"] = evaluate(index, tsv_path)["top1"]
            res["baseline"]["top1"] = _baseline_top1(procs, names, tsv_path)
    return res


def _baseline_top1(procs: Sequence[Procedure], names: list[str], tsv_path) -> float | None:
    resolver = _Resolver(procs)
    n = ok = 0
    for question, expected in read_tsv(tsv_path):
        if expected.startswith("@"):
            continue
        hit = process.extractOne(
            normalize(question), names, scorer=fuzz.WRatio, processor=utils.default_process
        )
        n += 1
        ok += bool(hit) and procs[hit[2]].code in resolver.codes(expected)
    return round(ok / n, 4) if n else None


def summary(report: dict) -> str:
    """A few printable lines for an ``evaluate`` or ``bench`` report."""
    lines = []
    if "top1" in report and "procedure_questions" in report:
        lines.append(
            f"procedure questions: {report['n']}  top-1 {report['top1']}  top-3 {report['top3']}"
        )
        lines.append(
            f"  with diacritics ({report['n_accented']}): top-1 "
            f"{report['top1_accented']} top-3 {report['top3_accented']}"
        )
        lines.append(
            f"  without diacritics ({report['n_plain']}): top-1 "
            f"{report['top1_plain']} top-3 {report['top3_plain']}"
        )
        lines.append(f"  bands: {report['bands']}")
        lines.append(
            f"intent questions: {report['intent_questions']}  accuracy "
            f"{report['intent_accuracy']}  confident wrong on out-of-scope: "
            f"{report['oos_confident_wrong']}"
        )
        lines.append(f"failures: {len(report['failures'])}")
    if "build_s" in report:
        lines.append(
            f"procedures {report['procedures']}  queries {report['queries']}  build "
            f"{report['build_s']} s  p50 {report['p50_ms']} ms  p99 "
            f"{report['p99_ms']} ms  {report['qps']} q/s  rss {report['rss_mb']} MB"
            + (f"  top-1 {report['top1']}" if "top1" in report else "")
        )
        if "baseline" in report:
            b = report["baseline"]
            lines.append(
                f"baseline extractOne/WRatio: p50 {b['p50_ms']} ms  p99 "
                f"{b['p99_ms']} ms  {b['qps']} q/s"
                + (f"  top-1 {b['top1']}" if "top1" in b else "")
            )
    return "\n".join(lines)
