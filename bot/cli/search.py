"""Search commands of ``tthc-bot``: ``ask``, ``eval`` and ``bench search``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings

DEV_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "questions_dev.tsv"
SAMPLE_QUESTIONS = [
    "làm giấy khai sinh cần gì",
    "lam so do mat bao lau",
    "đăng ký kết hôn ở đâu",
    "nhap ho khau cho con",
    "xin giay doc than",
    "cấp đổi bằng lái xe",
]


def _index() -> tuple[Any, Any]:
    from bot.app import load_search

    return load_search()


def _result_json(question: str, result: Any, top: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "question": question,
        "intent": result.intent,
        "band": result.band,
        "matches": [
            {"code": m.code, "name": m.name, "score": round(m.score, 1)}
            for m in result.matches[:top]
        ],
    }
    if getattr(result, "receipt_code", None):
        out["receipt_code"] = result.receipt_code
    return out


def ask(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot ask "question" [--top K] [--json]`` or ``--batch FILE --json``."""
    _kb, index = _index()
    if args.batch:
        with open(args.batch, encoding="utf-8") as fh:
            questions = [line.rstrip("\n") for line in fh]
    elif args.question is not None:
        questions = [args.question]
    else:
        print("Cần một câu hỏi hoặc --batch FILE", file=sys.stderr)
        return 2
    for question in questions:
        result = index.classify(question, k=max(args.top, 1))
        if args.json or args.batch:
            print(json.dumps(_result_json(question, result, args.top), ensure_ascii=False))
            continue
        print(f"{question}\n  intent: {result.intent} ({result.band})")
        for n, m in enumerate(result.matches[: args.top], start=1):
            print(f"  {n}. [{m.code}] {m.name}  ({m.score:.1f})")
    return 0


def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot eval FILE.tsv``: top-1/top-3 and intent accuracy."""
    from knowledge import evaluate as ev

    _kb, index = _index()
    report = ev.evaluate(index, args.file)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str))
        return 0
    print(ev.summary(report))
    # the report also lists right answers that were only suggested; show the real misses
    misses = [f for f in report.get("failures", []) if not f.get("top1", False)]
    print(f"misses (wrong top-1 or wrong intent): {len(misses)}")
    for failure in misses[: args.failures]:
        print(f"  ✗ {failure}")
    return 0


def bench(args: argparse.Namespace, settings: Settings) -> int:
    """``tthc-bot bench search [--procedures N] [--queries M] --json``."""
    from knowledge import bench as bench_mod
    from knowledge import evaluate as ev
    from knowledge.loader import load_knowledge

    kb = load_knowledge()
    procs = list(kb.procedures)
    if args.procedures and args.procedures != len(procs):
        procs = bench_mod.synthetic_procedures(args.procedures, procs)
    questions = SAMPLE_QUESTIONS
    if DEV_SET.exists():
        questions = [q for q, _expected in ev.read_tsv(DEV_SET)]
    report = bench_mod.bench(
        procs, questions, args.queries, tsv_path=DEV_SET if DEV_SET.exists() else None
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(ev.summary(report))
    return 0
