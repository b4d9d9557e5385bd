"""Printing an ``knowledge.evaluate`` (or ``knowledge.bench``) report for people."""

from __future__ import annotations

from pathlib import Path

EXPLAIN = """Giải thích / what the counts mean:
  top-1: thủ tục đứng đầu là thủ tục đúng / the first procedure found is the right one
  top-3: thủ tục đúng nằm trong 3 kết quả đầu / the right one is among the first three
  trả lời thẳng: bot gửi ngay thẻ thủ tục (band answer) / the card was sent at once
  gợi ý: bot hỏi "Ý anh/chị là...?" với tối đa 3 nút / the bot offered up to 3 buttons
  không đề xuất: bot nói ngoài phạm vi / the bot said it cannot help (band none)
  giữ ngoài phạm vi: câu ngoài phạm vi được trả lời là ngoài phạm vi / out-of-scope text
    was answered "out of scope"
  loại / class: plain, glued (viết dính), variant (biến thể), negation (phủ định),
    multi (nhiều nhu cầu), event (sự kiện đời sống), purpose (mục đích phụ),
    attribute (hỏi lệ phí, thời hạn...), oos (ngoài phạm vi), intent (chào, tra cứu, đặt lịch)"""


def _row(label: str, *cells: object) -> str:
    return f"  {label:<50}" + "".join(f"{_cell(c):>10}" for c in cells)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _share(n: int, total: int) -> str:
    return f"{n / total:.3f}" if total else "-"


def summary(report: dict) -> str:
    """A few printable lines for an ``evaluate`` or ``bench`` report."""
    lines = []
    if "top1" in report and "procedure_questions" in report:
        lines.append(
            f"procedure questions: {report['n']}  top-1 {report['top1']}  top-3 {report['top3']}"
        )
        for key, label in (("accented", "with"), ("plain", "without")):
            lines.append(
                f"  {label} diacritics ({report[f'n_{key}']}): top-1 "
                f"{report[f'top1_{key}']} top-3 {report[f'top3_{key}']}"
            )
        lines.append(
            f"  answered right {report['answered_right']}  answered wrong "
            f"{report['answered_wrong']}  bands: {report['bands']}"
        )
        lines.append(
            f"intent questions: {report['intent_questions']}  accuracy "
            f"{report['intent_accuracy']}  out of scope kept out {report['oos_kept_out']} "
            f"(answered: {report['oos_confident_wrong']})"
        )
        misses = {k: v["misses"] for k, v in report.get("classes", {}).items() if v["misses"]}
        lines.append(f"failures: {len(report['failures'])}  misses per class: {misses}")
    if "build_s" in report:
        lines.append(
            f"procedures {report['procedures']}  queries {report['queries']}  build "
            f"{report['build_s']} s  search p50 {report['p50_ms']} ms  p99 "
            f"{report['p99_ms']} ms  {report['qps']} q/s  rss {report['rss_mb']} MB"
            + (f"  top-1 {report['top1']}" if "top1" in report else "")
        )
        if "classify_p50_ms" in report:
            lines.append(
                f"classify p50 {report['classify_p50_ms']} ms  p99 {report['classify_p99_ms']} ms"
            )
        if "baseline" in report:
            b = report["baseline"]
            lines.append(
                f"baseline extractOne/WRatio: p50 {b['p50_ms']} ms  p99 "
                f"{b['p99_ms']} ms  {b['qps']} q/s"
                + (f"  top-1 {b['top1']}" if "top1" in b else "")
            )
    return "\n".join(lines)


def table(report: dict, path: str | Path = "", failures: int = 20) -> str:
    """The ``tthc-bot eval`` report as a readable table, with what each count means."""
    lines = [f"Đánh giá tìm kiếm / search evaluation: {path}", ""]
    lines.append(_row("Câu hỏi về thủ tục / procedure questions", "n", "top-1", "top-3"))
    for label, key in (
        ("tất cả / all", ""),
        ("có dấu / with diacritics", "_accented"),
        ("không dấu / without diacritics", "_plain"),
    ):
        lines.append(_row(label, report[f"n{key}"], report[f"top1{key}"], report[f"top3{key}"]))
    bands, total = report["bands"], report["n"]
    lines += ["", _row("Bot trả lời thế nào / how the bot answered", "n", "share")]
    for label, key in (
        ("trả lời thẳng, đúng / answered, right", "answer_right"),
        ("trả lời thẳng, SAI / answered, wrong", "answer_wrong"),
        ("gợi ý có thủ tục đúng / suggested, right", "suggest_right"),
        ("gợi ý thiếu thủ tục đúng / suggested, wrong", "suggest_wrong"),
        ("không đề xuất / nothing proposed", "none"),
    ):
        lines.append(_row(label, bands[key], _share(bands[key], total)))
    lines += ["", _row("Tin nhắn khác / other messages", "n", "share")]
    lines.append(
        _row("ý định đúng / intent right", report["intent_questions"], report["intent_accuracy"])
    )
    lines.append(
        _row(
            "ngoài phạm vi, giữ ngoài / out of scope kept out",
            report["oos_questions"],
            report["oos_kept_out"],
        )
    )
    lines.append(
        _row("ngoài phạm vi mà trả lời thẳng / ... answered", report["oos_confident_wrong"])
    )
    if report.get("multi_questions"):
        lines.append(
            _row(
                "nhiều nhu cầu, đủ cả / several needs, all shown",
                report["multi_questions"],
                report["multi_all_needs"],
            )
        )
    classes = report.get("classes", {})
    if classes:
        lines += ["", _row("Theo loại / per class", "n", "misses", "ans.wrong")]
        for name, c in classes.items():
            lines.append(_row(name, c["n"], c["misses"], c["answer_wrong"]))
    lines += ["", EXPLAIN]
    misses = [f for f in report.get("failures", []) if f.get("miss", not f.get("top1"))]
    shown = min(len(misses), failures)
    note = f" (in {shown} câu đầu; --failures N để xem thêm / first {shown} shown)"
    lines += [
        "",
        f"Sai (top-1 sai hoặc ý định sai) / misses: {len(misses)}"
        + (note if shown < len(misses) else ""),
    ]
    for f in misses[:failures]:
        got = f.get("got")
        if isinstance(got, list):
            got = ", ".join(f"{c} {n[:40]}" for c, n in zip(got, f.get("names", []), strict=False))
        lines.append(
            f"  ✗ [{f.get('class', '')}] {f['question'][:70]!r} -> {f['expected']}; "
            f"got {got} ({f.get('intent', '')} {f['band']})"
        )
    return "\n".join(lines)
