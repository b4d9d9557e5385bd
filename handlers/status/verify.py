"""Reading a lookup message: the receipt code (whole or its tail) and the phone digits.

The digits may come alone ("5678"), in a sentence ("4 số cuối là 5678 ạ"), as the whole
phone number, or in the same message as the code ("000.00.14.H20-200703-0002 1234").
Verification compares in constant time and never tells which codes exist: a tail is
resolved to at most ``MAX_CANDIDATES`` whole codes only to check the digits against them.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from handlers.status.dossier import phone_digits, phone_hash
from knowledge.normalize import fold
from knowledge.receipts import Receipt, parse_receipt, tail_pattern

MAX_CANDIDATES = 5  # whole codes a tail may stand for; the digits pick one of them
_DUMMY = "\x00" * 4  # compared against when the code is unknown, so both paths do the work
_FOUR = re.compile(r"(?<!\d)\d{4}(?!\d)")


LOST = (
    "khong nho ma", "quen ma", "khong biet ma", "khong co ma", "mat ma", "mat giay bien nhan",
    "mat bien nhan", "bien nhan mat", "mat phieu", "khong con giay",
    "khong con phieu", "khong con bien nhan", "forgot", "lost", "don't remember", "dont remember",
)  # fmt: skip


BOOK = ("dat lich", "hen lich", "dat hen", "lich ho tro", "book", "appointment")


def wants_booking(text: str) -> bool:
    """ "tra cứu hồ sơ ... và đặt lịch hỗ trợ": a booking asked in the same message."""
    folded = f" {fold(text)} "
    return any(f" {w} " in folded for w in BOOK)


def lost_code(text: str) -> bool:
    """ "tôi không nhớ mã", "giấy biên nhận mất rồi": the citizen has no code to give (the
    phrases folded like the text: "don't" is read as "don t")."""
    folded = f" {fold(text)} "
    return any(f" {fold(w)} " in folded for w in LOST)


# "ko biết sđt", "không nhớ số điện thoại": no digits to give
_NO_PHONE = re.compile(
    r"\b(khong|ko|k|kh|chua|hong|hok) (biet|nho|co|con nho|ro)( duoc)? "
    r"(sdt|sđt|so dt|so dien thoai|dien thoai|so phone|4 so|bon so|so cuoi|so)\b"
    r"|\bquen (mat )?(sdt|so dt|so dien thoai|so)\b|\bdon ?t (know|remember) (the|her|his|their)"
)
# "cho biết tên người nộp", "hồ sơ này của ai": the owner's data, never given
_OWNER = re.compile(
    r"\b(ten|thong tin|sdt|so dt|so dien thoai|dia chi|ho ten) (cua )?(nguoi nop|chu ho so|nguoi dung ten"
    r"|nguoi lam|chu nha|nguoi do|ho)\b|\bai (nop|dung ten|lam|dung ra)\b|\bcua ai\b"
    r"|\bwho (filed|submitted|owns)\b|\b(name|phone) of the (owner|applicant|person)\b"
)


def unverifiable(text: str) -> str:
    """ "owner" when the message asks whose dossier it is, "no_phone" when the citizen has
    no phone digits to give; '' otherwise."""
    folded = " ".join(fold(text).replace("'", " ").split())
    if _OWNER.search(folded):
        return "owner"
    return "no_phone" if _NO_PHONE.search(folded) else ""


# "xem hồ sơ của bà hàng xóm", "hồ sơ của người khác": someone else's dossier
_OTHERS = re.compile(
    r"\bho so (cua|nha) (?!toi\b|em\b|minh\b|tui\b|tao\b)|\bhang xom\b|\bnguoi khac\b"
)


def ask_key(text: str) -> str:
    """The text key asking for the code: with who may look first when the message asks
    for someone else's dossier (it is never found by the owner's name)."""
    others = unverifiable(text) == "owner" or _OTHERS.search(" ".join(fold(text).split()))
    return "ask_code_others" if others else "ask_code"


def find(text: str) -> Receipt | None:
    """The receipt code in a message, whole or as its tail. A unit prefix typed with dashes
    ("000-00-14-H20-200703-0003") is the whole code, not its tail."""
    found = parse_receipt(text or "")
    if found is None or found.code or not found.tail:
        return found
    before = (text or "")[: found.start]
    prefix = re.search(r"(?:\d+\s*[-/]\s*){2}\d+\s*[-/.]?\s*$", before)
    if prefix is None:
        return found
    dotted = re.sub(r"\s*[-/]\s*", ".", prefix.group(0).strip()).rstrip(".")
    again = parse_receipt(f"{dotted}.{(text or '')[found.start :]}")
    if again is not None and again.code and again.code.endswith(found.tail):
        return Receipt(again.code, None, prefix.start(), found.end)
    return found


def lookup_data(found: Receipt, text: str = "") -> dict[str, Any]:
    """State data of a lookup: ``{"code": ...}`` or ``{"tail": ...}``, and ``also`` when the
    message asks for a booking too."""
    data: dict[str, Any] = {"code": found.code} if found.code else {"tail": found.tail or ""}
    return {**data, "also": 1} if wants_booking(text) else data


def shown_code(data: dict[str, Any]) -> str:
    """The code as the citizen gave it (canonical), for the messages."""
    return str(data.get("code") or data.get("tail") or "")


def digits_in(text: str) -> str:
    """The phone digits in ``text``: four digits, a whole phone number, or the one group of
    exactly four digits in a sentence; '' when there are none."""
    raw = re.sub(r"\D", "", text)
    digits = raw if len(raw) == 4 else phone_digits(text)
    if not digits:
        groups = _FOUR.findall(text)
        digits = groups[0] if len(groups) == 1 else ""
    return digits


def digits_beside(text: str, found: Receipt) -> str:
    """Phone digits typed in the same message as the code, before or after it."""
    return digits_in(f"{text[: found.start]} {text[found.end :]}")


async def candidates(repos: Any, data: dict[str, Any]) -> list[str]:
    """The whole codes to check the digits against (never shown to the citizen)."""
    if data.get("code"):
        return [str(data["code"])]
    tail = str(data.get("tail") or "")
    if not tail:
        return []
    codes: list[str] = await repos.dossiers.codes_ending(tail_pattern(tail), MAX_CANDIDATES)
    return codes


def matches(dossier: object, digits: str, key: str) -> bool:
    """Constant-time check of 4 digits, or of a whole phone number against its keyed hash: a
    whole number must be the one given at filing, not only end like it."""
    last4 = getattr(dossier, "phone_last4", "") or _DUMMY
    ok = hmac.compare_digest(last4.encode(), digits[-4:].encode())
    if len(digits) > 4:
        stored = getattr(dossier, "phone_hash", "") or ""
        given = phone_hash(digits, key)
        ok = hmac.compare_digest(stored.encode(), given.encode()) and ok
    return ok and dossier is not None


async def verified(repos: Any, data: dict[str, Any], digits: str, key: str) -> list[Any]:
    """The dossiers among the candidates whose phone matches ``digits``."""
    found = []
    for code in await candidates(repos, data) or [""]:
        # no history yet: an unknown code and a known one cost the same single lookup
        dossier = await repos.dossiers.get(code, with_history=False) if code else None
        if matches(dossier, digits, key):
            found.append(dossier)
    return found
