"""Checking and masking what a citizen types while booking: name, mobile number, address.

Vietnamese mobile numbers have 10 digits and start with 03, 05, 07, 08 or 09; people write
them with spaces or dots ("0912.345.678"), with the country code ("+84 912 345 678",
"84912345678") or in brackets ("(+84) 912..."). Landlines (02x) and anything else are
refused so staff always get a number they can call back.
"""

from __future__ import annotations

import re
import unicodedata

MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
_PHONE_CHARS = re.compile(r"^[\d\s.\-()+]+$")
_CODE = re.compile(r"\bL\s*H\s*[-\s]?\s*([2-9A-Z]{4})\b", re.IGNORECASE)


def phone_attempt(text: str) -> bool:
    """Digits typed as a phone ("09123", "+84 91 234") that are no valid mobile."""
    raw = text.strip() if isinstance(text, str) else ""
    digits = re.sub(r"\D", "", raw)
    starts = raw.lstrip("( ").startswith(("0", "+84", "84"))
    return bool(_PHONE_CHARS.match(raw)) and len(digits) >= 5 and starts and not parse_mobile(raw)


def parse_mobile(text: str) -> str | None:
    """The mobile number as 10 bare digits (``"0912345678"``), or ``None`` if not valid."""
    if not isinstance(text, str):
        return None
    raw = text.strip()
    if not raw or len(raw) > 24 or not _PHONE_CHARS.match(raw):
        return None
    if raw.count("+") > 1 or ("+" in raw and not raw.lstrip("( ").startswith("+")):
        return None
    digits = re.sub(r"\D", "", raw)
    international = raw.lstrip("( ").startswith("+") or (
        digits.startswith("84") and len(digits) == 11
    )
    if international:
        if not digits.startswith("84"):
            return None  # a foreign number: staff cannot call it back cheaply
        digits = digits[2:]
        # "+84 0912..." is a common slip: the trunk 0 kept after the country code
        digits = digits if digits.startswith("0") and len(digits) == 10 else "0" + digits
    if len(digits) != 10 or not digits.startswith(MOBILE_PREFIXES):
        return None
    return digits


def mask_phone(phone: str) -> str:
    """``0912345678`` -> ``091****678``: enough for the citizen to recognise it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def mask_name(name: str) -> str:
    """``Nguyễn Văn An`` -> ``Nguyễn V*** A``; ``Trần Bình`` -> ``Trần B***``."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:1] + "***"
    if len(words) == 2:
        return f"{words[0]} {words[1][:1]}***"
    middle = " ".join(w[:1] + "***" for w in words[1:-1])
    return f"{words[0]} {middle} {words[-1][:1]}"


def clean_name(text: str) -> str | None:
    """A plausible full name, each word capitalised; ``None`` when it is not one.

    Letters (any script, accents), spaces, apostrophes and hyphens only; 2 to 80 characters
    with at least two letters. A single word is accepted: some people give one name.
    """
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not 2 <= len(text) <= 80:
        return None
    if any(not (ch.isalpha() or ch in " '-") for ch in text):
        return None
    if sum(ch.isalpha() for ch in text) < 2:
        return None
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def clean_address(text: str) -> str | None:
    """An address for at-home help: 8 to 200 characters containing letters."""
    text = " ".join(text.split())
    if not 8 <= len(text) <= 200 or sum(ch.isalpha() for ch in text) < 4:
        return None
    return text


def clean_need(text: str) -> str | None:
    """Free-text need, trimmed to 200 characters; ``None`` when empty."""
    text = " ".join(text.split())[:200]
    return text or None


def find_code(text: str) -> str | None:
    """A booking code in free text ("hủy lịch lh-7k3q") as ``LH-7K3Q``."""
    m = _CODE.search(text or "")
    if not m:
        return None
    body = m.group(1).upper()
    if any(ch in "01IOL" for ch in body):
        return None
    return "LH-" + body
