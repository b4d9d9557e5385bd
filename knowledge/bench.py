"""Timing the search on the real or a synthetic catalogue, beside the naive baseline.

``bench`` times index build, ``search`` (``p50_ms``/``p99_ms``/``qps``) and ``classify``
(intent rules, search, several needs, bands: ``classify_*``) and runs the naive baseline
(``rapidfuzz.process.extractOne`` over official names with ``WRatio``) side by side.
"""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from knowledge.evaluate import _Resolver, evaluate, read_tsv
from knowledge.index import SearchIndex, official_names
from knowledge.normalize import normalize, strip_procedure_prefix
from knowledge.schema import Procedure

BASELINE_QUERIES = 300


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
    for q in queries[:50]:  # warm the normaliser's caches like a running bot has
        index.classify(q)
    res.update(_time_queries(index.search, queries, n_queries))
    timed = _time_queries(index.classify, queries, n_queries)
    res.update({f"classify_{k}": v for k, v in timed.items()})
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
