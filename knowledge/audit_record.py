"""Card audit checks added after the second fact audit (issue 13, second round).

- ``note_documents``: a note or heading of the dossier table asked as a paper;
- ``file_name_documents``: a file name left inside a paper's name ("...NĐ-CP.250605_116_PL");
- ``legal_mispaired``: a legal title paired with another document's number (a title holding
  two glued numbers, a title naming another number, a title of another kind of act);
- ``amount_format``: an amount not written the Vietnamese way ("10,000 Việt Nam Đồng");
- ``fee_contradiction``: "Miễn phí" beside a note saying the HĐND sets the fee;
- ``missing_channels``: a filing channel the record's own steps name but the card lacks;
- ``superseded_law``: a legal basis a later act repealed (``stale_records.yaml``), with no
  reviewed override;
- ``legal_cut``: the legal basis reply shows fewer documents than the card has and does not
  say so (measured by the caller on the real templates, like ``hidden_fields``);
- ``card_open_parenthesis``: a line of the card as the bot sends it (rendered by the caller)
  opens more parentheses than it closes: a cut mid-parenthesis ("(QĐ 163/QĐ-BTP … và văn
  bản khác").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.audit_checks import Finding
from knowledge.portal_fees import HDND_RATE
from knowledge.portal_forms import FILE_EXT
from knowledge.portal_notes import row_kind
from knowledge.portal_numbers import mispaired_problem
from knowledge.portal_stale import StaleTable, superseded_cited
from knowledge.portal_steps import named_channels
from knowledge.schema import Procedure

_UNDERSCORE_STEM = re.compile(r"[^\W_]+_[^\W_]+_[^\s.]*|\.[^\W_\d]*\d*_[^\W_]+")
THOUSANDS_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_CURRENCY_AS_PUBLISHED = re.compile(r"\d\s*(?:Việt Nam Đồng|VNĐ)")


def file_name_problem(name: str) -> str | None:
    """Why a paper's name still holds a file name, or ``None``."""
    # a file extension, but not one quoted as a format ("tệp định dạng đuôi “.pdf”")
    if FILE_EXT.search(name.strip()) or re.search(
        r"(?<=[^\s“\"'])\.(?:docx?|pdf|xlsx?)\b", name, re.I
    ):
        return f"tên giấy tờ chứa đuôi tệp {name[-40:]!r}"
    stem = _UNDERSCORE_STEM.search(name)
    if stem:
        return f"tên giấy tờ chứa tên tệp {stem.group(0)[:40]!r}"
    return None


def amount_problem(text: str) -> str | None:
    """Why an amount is not written the Vietnamese way, or ``None``."""
    comma = THOUSANDS_COMMA.search(text)
    if comma:
        return f"số tiền viết dấu phẩy {comma.group(0)!r}"
    if _CURRENCY_AS_PUBLISHED.search(text):
        return "số tiền ghi “Việt Nam Đồng”/“VNĐ”"
    if re.search(r"\(\s*/", text):
        return "đơn vị tính tách khỏi số tiền “(/...)”"
    return None


def _amount_texts(proc: Procedure) -> Iterable[str]:
    """The fee texts the card shows: the curated fees, else the catalogue's fee column."""
    if proc.fees:
        yield from (fee.amount for fee in proc.fees)
        return
    for m in proc.methods:
        yield m.fee_text + (f" ({m.fee_note})" if m.fee_note else "")


def _available_channels(proc: Procedure) -> set[str]:
    channels = {m.channel for m in proc.methods}
    if proc.online is not None:
        channels.discard("Trực tuyến")
        if proc.online.available:
            channels.add("Trực tuyến")
    return channels


def card_findings(code: str, card: str) -> list[Finding]:
    """``card_open_parenthesis`` on the card text the bot sends for ``code``."""
    return [
        Finding("card_open_parenthesis", code, line[:120])
        for line in card.splitlines()
        if line.count("(") > line.count(")")
    ][:1]


def record_findings(
    proc: Procedure, stale: StaleTable, legal_view: tuple[int, bool] | None = None
) -> list[Finding]:
    """The checks of this module on one card (``legal_view``: lines the legal reply shows
    at most, and whether it says how many it left out)."""
    out: list[Finding] = []
    code = proc.code
    for doc in proc.documents:
        kind = row_kind(doc)
        if kind:
            out.append(Finding("note_documents", code, f"{kind}: {doc.name[:50]!r}"))
        why = file_name_problem(doc.name)
        if why:
            out.append(Finding("file_name_documents", code, why))
    for lb in proc.legal_basis:
        why = mispaired_problem(lb.number, lb.title)
        if why:
            out.append(Finding("legal_mispaired", code, why))
    for text in _amount_texts(proc):
        why = amount_problem(text)
        if why:
            out.append(Finding("amount_format", code, why))
            break
    if not proc.fees and any(
        m.fee_text == "Miễn phí" and m.fee_note and HDND_RATE.search(m.fee_note)
        for m in proc.methods
    ):
        out.append(
            Finding("fee_contradiction", code, "“Miễn phí” bên ghi chú mức do HĐND quy định")
        )
    have = _available_channels(proc)
    for channel in named_channels(proc.steps):
        # A curated entry that says "not online" has decided it from the law: the steps'
        # mention does not overrule it.
        curated_no = channel == "Trực tuyến" and proc.online is not None
        if channel not in have and not curated_no:
            out.append(Finding("missing_channels", code, f"trình tự ghi “{channel}”"))
    for cited in superseded_cited(proc, stale):
        out.append(Finding("superseded_law", code, cited[:120]))
    if legal_view is not None:
        shown, says_more = legal_view
        if len(proc.legal_basis) > shown and not says_more:
            out.append(
                Finding("legal_cut", code, f"{len(proc.legal_basis)} văn bản, hiện {shown}")
            )
    return out
