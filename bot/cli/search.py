"""Search commands of ``tthc-bot``: ``ask``, ``eval``, ``bench search`` (and ``bench turns``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli import bench_turns
from bot.errors import UserError, file_error

if TYPE_CHECKING:
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


def register(sub: Any) -> None:
    """Add ``ask``, ``eval`` and ``bench search``."""
    ask_p = sub.add_parser(
        "ask",
        help="hỏi bộ tìm kiếm thủ tục (không trò chuyện)",
        description="Cho biết ý định, mức tin cậy và các thủ tục khớp nhất của một câu hỏi.",
    )
    ask_p.add_argument("question", nargs="?", help='câu hỏi, ví dụ "lam so do can gi"')
    ask_p.add_argument("--top", type=int, default=3, help="số thủ tục in ra (mặc định 3)")
    ask_p.add_argument(
        "--json",
        action="store_true",
        help='in JSON {"question", "intent", "band", "matches": [{"code", "name", "score"}], '
        '"others": [mã]}',
    )
    ask_p.add_argument(
        "--batch", default=None, metavar="FILE", help="tệp UTF-8, mỗi dòng một câu hỏi (in JSON)"
    )
    ask_p.set_defaults(handler="bot.cli.search:ask", settings=False)

    ev = sub.add_parser(
        "eval",
        help="đo độ chính xác trên tệp câu hỏi TSV",
        description="Tệp TSV: câu hỏi<TAB>tên thủ tục, mã (1.001193), nhiều mã nối bằng | "
        "hoặc @ý_định (@greeting, @thanks, @out_of_scope, @dossier_status, @booking)"
        "[<TAB>loại: plain, glued, variant, negation, multi, event, purpose, attribute, oos, "
        "intent].",
    )
    ev.add_argument("file", help="tệp TSV câu hỏi, ví dụ tests/data/questions_dev.tsv")
    ev.add_argument("--json", action="store_true", help="in toàn bộ báo cáo dạng JSON")
    ev.add_argument(
        "--failures", type=int, default=20, help="số câu trả lời sai in ra (mặc định 20)"
    )
    ev.set_defaults(handler="bot.cli.search:evaluate", settings=False)

    bench_p = sub.add_parser("bench", help="đo tốc độ (in số liệu)")
    bsub = bench_p.add_subparsers(dest="bench_command", required=True, metavar="WHAT")
    bs = bsub.add_parser("search", help="tốc độ tìm kiếm thủ tục và so với cách làm ngây thơ")
    bs.add_argument(
        "--procedures",
        type=int,
        default=0,
        help="số thủ tục (0 = danh mục thật; nhiều hơn: thêm thủ tục tổng hợp)",
    )
    bs.add_argument("--queries", type=int, default=2000, help="số câu hỏi đo (mặc định 2000)")
    bs.add_argument("--json", action="store_true", help="in một dòng JSON")
    bs.add_argument(
        "--no-accuracy",
        action="store_true",
        help="bỏ phần đo top-1 trên bộ câu hỏi dev (nhanh hơn, chỉ đo tốc độ)",
    )
    bs.set_defaults(handler="bot.cli.search:bench", settings=False)
    bench_turns.register(bsub)


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [line.rstrip("\n") for line in fh]
    except OSError as exc:
        raise file_error(exc, "tệp câu hỏi", "question file") from exc
    except UnicodeDecodeError as exc:
        raise UserError(
            f"tệp câu hỏi không phải UTF-8: {path}", f"question file is not UTF-8: {path}"
        ) from exc


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _index() -> tuple[Any, Any]:
    from bot.knowledge_base import load_search  # not bot.app: no server modules for `ask`

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
        # further needs found in the same message ("làm sổ đỏ với đăng ký kết hôn")
        "others": [m.code for m in getattr(result, "others", [])],
    }
    if getattr(result, "receipt_code", None):
        out["receipt_code"] = result.receipt_code
    return out


def ask(args: argparse.Namespace, settings: Settings | None) -> int:
    """``tthc-bot ask "question" [--top K] [--json]`` or ``--batch FILE --json``."""
    if args.batch:
        questions = _read_lines(args.batch)
    elif args.question is not None:
        questions = [args.question]
    else:
        raise UserError(
            'cần một câu hỏi hoặc --batch FILE, ví dụ: tthc-bot ask "lam so do can gi"',
            'a question or --batch FILE is needed, e.g. tthc-bot ask "lam so do can gi"',
        )
    _kb, index = _index()
    for question in questions:
        result = index.classify(question, k=max(args.top, 1))
        if args.json or args.batch:
            print(json.dumps(_result_json(question, result, args.top), ensure_ascii=False))
            continue
        print(f"{question}\n  intent: {result.intent} ({result.band})")
        for n, m in enumerate(result.matches[: args.top], start=1):
            print(f"  {n}. [{m.code}] {m.name}  ({m.score:.1f})")
        for m in getattr(result, "others", []):
            print(f"  + nhu cầu khác / another need: [{m.code}] {m.name}  ({m.score:.1f})")
    return 0


def evaluate(args: argparse.Namespace, settings: Settings | None) -> int:
    """``tthc-bot eval FILE.tsv``: top-1/top-3, answered right/wrong, misses per class."""
    from knowledge import evaluate as ev

    _read_lines(args.file)  # a missing or unreadable file is reported before the slow part
    _kb, index = _index()
    report = ev.evaluate(index, args.file)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str))
        return 0
    print(ev.table(report, args.file, args.failures))
    return 0


def bench(args: argparse.Namespace, settings: Settings | None) -> int:
    """``tthc-bot bench search [--procedures N] [--queries M] --json``."""
    from knowledge import bench as bench_mod
    from knowledge import evaluate as ev
    from knowledge.loader import load_knowledge

    _progress("đang nạp danh mục thủ tục... / loading the catalogue...")
    kb = load_knowledge()
    procs = list(kb.procedures)
    if args.procedures and args.procedures != len(procs):
        _progress(f"tạo {args.procedures} thủ tục tổng hợp... / making synthetic procedures...")
        procs = bench_mod.synthetic_procedures(args.procedures, procs)
    _progress(
        f"đo {args.queries} câu hỏi trên {len(procs)} thủ tục... / timing {args.queries} "
        f"questions on {len(procs)} procedures..."
    )
    questions = SAMPLE_QUESTIONS
    if DEV_SET.exists():
        questions = [q for q, _expected in ev.read_tsv(DEV_SET)]
    accuracy = DEV_SET.exists() and not args.no_accuracy
    report = bench_mod.bench(
        procs, questions, args.queries, tsv_path=DEV_SET if accuracy else None
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(ev.summary(report))
    return 0
