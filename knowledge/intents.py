"""What a message is about, before (or instead of) a procedure search.

Cheap rules on the accent-free text: greetings, thanks, dossier receipt codes and status
questions, booking requests, phone numbers, obviously unrelated topics. Anything else goes to
the procedure search, whose confidence decides between ``procedure`` and ``out_of_scope``.
Every function here is total: any input, no exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.normalize import fold, normalize

MAX_CHARS = 2000  # receipt codes and phones sit near the start; never scan a pasted novel


def _phrases(text: str) -> tuple[str, ...]:
    """Comma-separated accent-free phrases (kept as one block of text to stay readable)."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


# Receipt code (TT 01/2018/TT-VPCP): <unit code>-<YYMMDD>-<NNNN>, e.g.
# 000.00.14.H20-200703-0002. People type it lower case, with spaces, without the dots.
_SEG = r"(?:\d{2,3}|[a-z]{1,2}\d{1,2})"
_RECEIPT = re.compile(
    rf"(?<![0-9a-z])(?P<unit>{_SEG}(?:[.\s]*{_SEG}){{2,4}})"
    r"(?:\s*[-‐–—_]\s*|\s+)(?P<date>\d{6})(?:\s*[-‐–—_]\s*|\s+)(?P<seq>\d{4})(?!\d)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){9}(?!\d)")

GREETING = _phrases(
    """xin chao, chao, hello, helo, hi, alo, allo, hey, chao buoi sang, chao buoi chieu,
    good morning, bot oi, co ai khong"""
)
THANKS = _phrases(
    """cam on, cảm ơn, camon, thanks, thank, thank you, tks, thanks you, ok cam on, tam biet,
    bye, goodbye, hen gap lai"""
)
# Words that may surround a greeting/thanks without adding a request.
FILLER = frozenset(
    """a ạ nhe nhé nha ban bạn ad admin anh chi chị em oi ơi nhieu nhiều rat rất ok oke vang vâng
    da dạ shop moi nguoi mọi người you bot tro ly trợ lý nhe ah à u ừ nhiu nhìu so much lot lots
    minh mình toi tôi thi thì buoi sang sáng chieu chiều toi tối nay ngay ngày""".split()
)
_BOOKING = _phrases(
    """dat lich, dat hen, hen lich, lich hen, hen ngay, hen gio, ngay khong viet,
    ho tro tai nha, tai nha, den nha, dat cho, dang ky lich, book lich, dat truoc,
    to viet ho so, viet ho ho so, viet giup ho so, dang ky ho tro, lich ho tro,
    ngay ho tro, sang thu nam, lam ho ho so"""
)
_STATUS = _phrases(
    """tra cuu ho so, tinh trang ho so, ho so cua toi, ho so cua em, ho so cua minh,
    ho so den dau, ho so toi dau, kiem tra ho so, ho so xong chua, ho so da xong,
    co ket qua chua, bao gio co ket qua, khi nao co ket qua, khi nao xong, bao gio xong,
    ma ho so, ma bien nhan, so bien nhan, giay bien nhan, theo doi ho so, tien do ho so,
    tra ho so, ho so nop, ho so da nop, da nop ho so, ho so bi tre, tre hen, qua han,
    tra cuu tinh trang, den han tra, ngay hen tra"""
)
# Topics a one-stop shop never handles; checked on whole accent-free words.
_OFF_TOPIC = _phrases(
    """thoi tiet, bong da, xo so, gia vang, ty gia, chung khoan, bitcoin, crypto, nau an,
    mon an, cong thuc nau, bai hat, ca si, phim, nguoi yeu, tinh yeu, choi game, lien minh,
    ke chuyen, lam tho, viet code, python, javascript, may gio roi, an gi, dien thoai gi,
    xe may gi, ban la ai, drop table, select from, gia xang, ket qua xo, lo de, du bao,
    horoscope, tu vi, boi toan, ve may bay, khach san"""
)


@dataclass(frozen=True, slots=True)
class Intent:
    """An intent found by rules; ``None`` intent means "search the procedures"."""

    intent: str | None
    receipt_code: str | None = None
    phone: str | None = None


def find_receipt_code(text: str) -> str | None:
    """The first dossier receipt code in the text, canonical upper case, or ``None``.

    "000.00.14.h20 - 200703 - 0002" and "0000014H20-200703-0002" both give
    "000.00.14.H20-200703-0002". The date part must be a plausible YYMMDD.
    """
    if not isinstance(text, str):
        return None
    for m in _RECEIPT.finditer(text[:MAX_CHARS]):
        date, seq = m.group("date"), m.group("seq")
        if not (1 <= int(date[2:4]) <= 12 and 1 <= int(date[4:6]) <= 31):
            continue
        unit = m.group("unit").upper()
        compact = re.sub(r"[.\s]", "", unit)
        if re.fullmatch(r"\d{7}[A-Z]\d{2}", compact):
            unit = f"{compact[:3]}.{compact[3:5]}.{compact[5:7]}.{compact[7:]}"
        else:
            unit = ".".join(re.findall(_SEG, unit, re.IGNORECASE)).upper()
        return f"{unit}-{date}-{seq}"
    return None


def find_phone(text: str) -> str | None:
    """A Vietnamese phone number in the text as bare digits ("0912345678"), or ``None``."""
    if not isinstance(text, str):
        return None
    m = _PHONE.search(text[:MAX_CHARS])
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(0))
    return "0" + digits[2:] if digits.startswith("84") else digits


def _has(folded: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {p} " in padded for p in phrases)


def _only(words: list[str], phrases: tuple[str, ...]) -> bool:
    """True when the words are one of the phrases plus filler words and nothing else."""
    text = " ".join(words)
    hit = False
    for p in sorted(phrases, key=len, reverse=True):
        if f" {p} " in f" {text} ":
            text = f" {text} ".replace(f" {p} ", " ").strip()
            hit = True
    return hit and all(w in FILLER for w in text.split())


def detect_intent(text: str) -> Intent:
    """Rule-based intent of a message, or ``Intent(None)`` to let the search decide."""
    if not isinstance(text, str):
        text = ""
    head = text[:MAX_CHARS]
    code = find_receipt_code(head)
    phone = None if code else find_phone(head)
    norm = normalize(head)
    folded = fold(head)
    if code:
        return Intent("dossier_status", receipt_code=code)
    if not folded:
        return Intent("empty")
    words = folded.split()
    if _only(words, THANKS) or _only(norm.split(), THANKS):
        return Intent("thanks")
    if _only(words, GREETING):
        return Intent("greeting")
    if _has(folded, _STATUS):
        return Intent("dossier_status", phone=phone)
    if _has(folded, _BOOKING):
        return Intent("booking", phone=phone)
    if _has(folded, _OFF_TOPIC):
        return Intent("out_of_scope", phone=phone)
    if not any(ch.isalpha() for ch in folded):
        # digits only: a phone number or a stray number is not a procedure
        return Intent("out_of_scope", phone=phone)
    return Intent(None, phone=phone)
