"""The single checks of the card audit (``knowledge.audit``), one function per check.

Each function looks at one card's facts and returns ``Finding`` objects; ``knowledge.audit``
runs them over every card and applies the reviewed exceptions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.portal_fees import period_ends
from knowledge.portal_forms import FILE_EXT, reads_as_words
from knowledge.portal_numbers import ISSUER_PIECES
from knowledge.portal_reform import ReformTable, has_unhandled_body, load_table
from knowledge.schema import Procedure

_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)/(?:(\d{4})/)?(.+)$")
_QH = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
_OLD_STYLE = re.compile(r"^\d{1,3}-(?:CP|HĐBT|L/CTN)$")
# Pieces of heading words cut off by the glued table: "QUY ĐỊNH" -> "ĐỊNH", "LUẬT" -> "UẬT".
_CUT_HEAD = re.compile(
    r"^(?:[A-ZĐ](?:ngày|năm)\b|ĐỊNH\b|UẬT\b|GHỊ\b|HỊ\b|Ị\b|Ộ\b|AN HÀNH\b|HÔNG TƯ\b|"
    r"hông tư\b|uật\b|ghị định\b|uyết định\b)"
)
_TYPE_WITH_SO = re.compile(
    r"^(?:Bộ luật|Luật|Nghị định|Thông tư|Nghị quyết|Quyết định)\s+số\s*$", re.IGNORECASE
)
_BARE_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")
_UNIT = re.compile(r"ngày|giờ|tháng|năm|tuần|phút|ngay|trong ngày", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem on one card."""

    check: str
    code: str
    detail: str
    field: str = ""  # for hidden_fields: the note field ("local_notes", "documents.note"...)


def legal_problem(number: str, title: str) -> str | None:
    """Why a (number, title) pair looks garbled, or ``None``."""
    if _OLD_STYLE.match(number):
        return None  # "73-CP" (1994), "18-L/CTN": numbers from before the year was written
    m = _NUMBER.match(number)
    if not m:
        return f"số văn bản lạ {number!r}"
    issuer = m.group(3)
    pieces = [p for p in re.split(r"[-&]", issuer) if p]
    if not pieces or any(p not in ISSUER_PIECES and not _QH.match(p) for p in pieces):
        return f"mã cơ quan ban hành lạ {number!r}"
    if _CUT_HEAD.match(title.strip()):
        return f"tên văn bản bị cắt {title[:40]!r}"
    if _TYPE_WITH_SO.match(title.strip()):
        return f"tên văn bản chỉ có {title!r}"
    return None


def document_problem(name: str) -> str | None:
    """Why a document name is table debris, or ``None``."""
    text = name.strip()
    if sum(ch.isalpha() for ch in text) < 3:
        return f"tên giấy tờ chỉ là {text!r}"
    if re.search(r":\s*0\s*$", text):
        return f"tên giấy tờ cụt {text[-40:]!r}"
    if text[:1] in ";.,:":
        return f"tên giấy tờ bắt đầu bằng dấu {text[:30]!r}"
    for word in re.findall(r"[^\W_]{12,}", text):
        if re.search(r"[a-z][A-ZĐ]", word) and word.isascii():
            return f"tên giấy tờ chứa tên tệp hỏng {word!r}"
    return None


def form_problem(form: str) -> str | None:
    """Why a form label is a file name, or ``None``."""
    for part in form.split("; "):
        if FILE_EXT.search(part.strip()):
            return f"mẫu là tên tệp {part!r}"
        glued = [w for w in re.findall(r"\S+", part) if len(w) > 14 and not reads_as_words(w)]
        if glued and re.search(r"[a-z][A-Z]", part):
            return f"mẫu là tên tệp bị hỏng {part[:40]!r}"
    return None


def _fee_texts(proc: Procedure) -> Iterable[str]:
    if proc.fees:
        for fee in proc.fees:
            yield f"{fee.label} {fee.amount}"
    else:
        for m in proc.methods:
            yield f"{m.fee_text} {m.fee_note or ''} {m.description or ''}"
    if proc.online and proc.online.note:
        yield proc.online.note
    if proc.summary:
        yield proc.summary


def _note_fields(proc: Procedure) -> dict[str, list[str]]:
    present: dict[str, list[str]] = {}
    if proc.summary:
        present["summary"] = [proc.summary]
    if proc.local_notes:
        present["local_notes"] = list(proc.local_notes)
    if proc.online and proc.online.note:
        key = "online.note" if proc.online.available else "online.note.unavailable"
        present[key] = [proc.online.note]
    for key in ("note", "how_to_get"):
        values = [getattr(d, key) for d in proc.documents if getattr(d, key)]
        if values:
            present[f"documents.{key}"] = values
    return present


def audit_procedure(
    proc: Procedure,
    *,
    today: dt.date,
    rendered: set[str] | None = None,
    reform: ReformTable | None = None,
) -> list[Finding]:
    """Every finding on one card (``rendered``: the note fields the templates show)."""
    out: list[Finding] = []
    code = proc.code
    for lb in proc.legal_basis:
        why = legal_problem(lb.number, lb.title)
        if why:
            out.append(Finding("legal_garbled", code, why))
    for doc in proc.documents:
        why = document_problem(doc.name)
        if why:
            out.append(Finding("fragment_documents", code, why))
        if doc.form and (why := form_problem(doc.form)):
            out.append(Finding("file_name_forms", code, why))
    names = [
        (" ".join(d.name.lower().split()), d.kind, d.group, str(d.when)) for d in proc.documents
    ]
    if len(names) != len(set(names)):
        out.append(Finding("fragment_documents", code, "một giấy tờ ghi hai lần"))
    out.extend(_time_findings(proc))
    where = proc.where or proc.authority or ""
    if has_unhandled_body(where, reform or load_table()):
        out.append(Finding("pre_reform_bodies", code, f"nơi nộp cấp huyện: {where[:60]!r}"))
    for text in _fee_texts(proc):
        ended = [end for end in period_ends(text) if end < today]
        if ended:
            out.append(Finding("expired_rates", code, f"mức phí hết hạn {max(ended):%d/%m/%Y}"))
    if rendered is not None and proc.curated:
        for key in _note_fields(proc):
            if key not in rendered:
                out.append(
                    Finding("hidden_fields", code, f"không mẫu nào hiển thị {key}", field=key)
                )
    return out


def _time_findings(proc: Procedure) -> list[Finding]:
    if proc.processing_time:
        text = proc.processing_time
        lead = re.match(r"\s*\d+(?:[.,]\d+)?\s*(\S*)", text)
        if lead and not _UNIT.match(lead.group(1)):
            return [Finding("unitless_times", proc.code, f"thời hạn không đơn vị {text!r}")]
        return []
    out = []
    for m in proc.methods:
        if _BARE_NUMBER.match(m.time_text):
            out.append(Finding("unitless_times", proc.code, f"thời hạn {m.time_text!r}"))
        elif m.time_days is not None and "ngày làm việc" not in m.time_text:
            out.append(
                Finding("unitless_times", proc.code, f"ngày làm việc tự suy ra {m.time_text!r}")
            )
    return out[:1]
