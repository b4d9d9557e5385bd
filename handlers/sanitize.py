"""Cleaning what citizens type before any flow sees it.

Control characters and zero-width marks go, Unicode is composed (NFC), a huge message is cut
to ``MAX_TEXT`` characters, and an emoji-only message counts as empty. Also: recognising
global commands with or without diacritics, and a typed number or label as a button press.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 2000
GLOBAL_COMMANDS = {
    "start": "menu",
    "/start": "menu",
    "menu": "menu",
    "/menu": "menu",
    "huy": "cancel",
    "/huy": "cancel",
    "/cancel": "cancel",
    "cancel": "cancel",
    "thoat": "cancel",
    "tro giup": "help",
    "/help": "help",
    "help": "help",
    "/trogiup": "help",
    "tieng viet": "lang:vi",
    "/tiengviet": "lang:vi",
    "vietnamese": "lang:vi",
    "english": "lang:en",
    "tieng anh": "lang:en",
    "/english": "lang:en",
    # the chat's commune/ward (handlers/ward): "đổi xã/phường" folds to "doi xa/phuong"
    "doi xa/phuong": "ward",
    "doi xa phuong": "ward",
    "doi xa / phuong": "ward",
    "doi phuong/xa": "ward",
    "doi xa": "ward",
    "doi phuong": "ward",
    "doi dia phuong": "ward",
    "chon xa/phuong": "ward",
    "chon xa phuong": "ward",
    "chon lai xa": "ward",
    "chon lai phuong": "ward",
    "/xa": "ward",
    "/doixa": "ward",
}

_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_SPACES = re.compile(r"\s+")


def _is_symbol_only(text: str) -> bool:
    """True when nothing but emoji, symbols, punctuation and spaces remain."""
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in ("L", "N"):
            return False
    return True


def clean_text(text: str) -> str:
    """NFC, no control/zero-width characters, single spaces, at most ``MAX_TEXT`` chars.

    Returns '' for empty, whitespace-only and emoji/punctuation-only messages.
    """
    text = unicodedata.normalize("NFC", text[: MAX_TEXT * 2])
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text).strip()[:MAX_TEXT]
    if _is_symbol_only(text):
        return ""
    return text


def fold(text: str) -> str:
    """Lowercase, accents removed, đ -> d: the form people type on a phone without Telex."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d").replace("\u0111", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").replace("đ", "d")


def command_of(text: str) -> str:
    """The folded first words if they form a global command (``"/start tt_1"`` -> ``"/start"``)."""
    folded = fold(text).strip(" .!?")
    if folded.startswith("/"):
        return folded.split(" ", 1)[0].split("@", 1)[0]
    return folded


def command_arg(text: str) -> str:
    """Argument after a slash command (deep link payload of ``/start``)."""
    parts = text.strip().split(" ", 1)
    return parts[1].strip() if len(parts) > 1 else ""


def deep_link_payload(arg: str) -> str:
    """Map a ``/start`` deep-link argument to a payload: ``tt_1.001193`` opens that procedure.

    Telegram allows only ``A-Za-z0-9_-`` in deep links, so ``tt_1-001193`` is accepted too.
    """
    arg = arg.strip()
    if arg.startswith("tt_"):
        code = arg[3:]
        if code.startswith("dp-"):  # dp.<slug>: only the first dot was replaced
            code = "dp." + code[3:]
        elif not code.startswith("dp."):
            code = code.replace("-", ".")
        return f"sr:card:{code}"
    ward = ward_link(arg)
    if ward:
        return ward
    if arg.startswith("bk"):
        return "bk:start:"
    if arg.startswith("st"):
        return "st:start:"
    return "mn:menu"


_WARD_LINK = re.compile(r"^(?:/start\s+)?(?:xa|phuong)[\s_-]*(\d{5})$")


def ward_link(text: str) -> str | None:
    """``wd:link:<code>`` for a ward's entry link: the ``/start`` argument ``xa_29869``
    (Telegram), or the text ``XA 29869`` printed on a poster for Zalo; else ``None``."""
    m = _WARD_LINK.match(fold(text).strip(" .!?"))
    return f"wd:link:{m.group(1)}" if m else None


# Typed navigation words. A bare "dung" is not here: without accents it is also a given name
# (Dung, Dũng) typed at the booking name question; where a "Dừng" button is offered, typing
# "dung" still presses it through ``match_button``.
STOP_WORDS = frozenset(
    """dung lai, thoi, thoi khong lam nua, khong lam nua, thoi khoi, stop, ket thuc""".split(", ")
)
BACK_WORDS = frozenset("""quay lai, tro lai, lui lai, quay ve, tro ve, back""".split(", "))


def navigation_of(text: str) -> str | None:
    """``"stop"`` for "dừng"/"thôi", ``"back"`` for "quay lại"/"trở lại", else ``None``."""
    raw = " ".join(text.lower().split()).strip(" .!?")
    folded = fold(raw)
    if raw in ("dừng", "dừng ạ") or folded in STOP_WORDS:
        return "stop"
    if folded in BACK_WORDS or folded.removesuffix(" a") in BACK_WORDS:
        return "back"
    return None


def match_button(text: str, last_buttons: list[list[str]]) -> str | None:
    """The payload of the offered button the citizen typed: its number or its label."""
    if not last_buttons:
        return None
    stripped = text.strip().rstrip(".)")
    if stripped.isdigit():
        n = int(stripped)
        if 1 <= n <= len(last_buttons):
            return last_buttons[n - 1][1]
        return None
    return match_label(stripped, last_buttons)


# words around a typed label that add nothing ("bỏ qua cái này", "bỏ qua đi nha")
_LABEL_TAIL = ("cai nay", "cau nay", "di", "nha", "nhe", "a", "luon", "giup em", "di em")


def match_label(text: str, last_buttons: list[list[str]]) -> str | None:
    """The payload of the offered button whose whole label was typed (numbers are data),
    also with a polite tail ("bỏ qua cái này", "bỏ qua đi nha")."""
    folded = fold(text.strip().rstrip(".)!"))
    for _ in range(3):
        for row in last_buttons:
            if fold(row[0]).strip() == folded:
                return row[1]
        tail = next((t for t in _LABEL_TAIL if folded.endswith(f" {t}")), None)
        if tail is None:
            return None
        folded = folded[: -len(tail) - 1].strip()
    return None
