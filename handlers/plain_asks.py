"""Short messages the search index has no procedure for, read before they become "not
supported": the one-stop shop's phone or address, the citizen's own ward, a need that
names no paperwork, an office-hours question. Each gets an intent the menu or the search
flow answers (``handlers/menu/asks.py``); the index's own answer wins whenever it is sure.
"""

from __future__ import annotations

import re
from typing import Any

from handlers.topics import topic_of
from knowledge.normalize import fold

# asking how to reach the office: its phone, address, where it is
_REACH = re.compile(
    r"\b(?:so dien thoai|so dt|sdt|dien thoai|hotline|so lien he|lien he|dia chi|o dau"
    r"|cho nao|nam o|o cho nao|duong nao|so may)\b"
)
_OFFICE = re.compile(
    r"\b(?:mot cua|ubnd|uy ban|bo phan|trung tam phuc vu|hanh chinh cong|phuong|xa|tru so)\b"
)
_ADDRESS_ONLY = re.compile(
    r"^(?:vay |the |con )?(?:dia chi|so dien thoai|sdt|so dt|o dau|dien thoai)"
    r"(?: (?:o dau|la gi|bao nhieu|the nao|nhieu|so may|a|nha|vay|do|cua no|cua ho))*$"
)
# "ở xã Mỹ Ngãi", "bà ở phường 3 cũ", "nhà tôi ở Tân Thuận Đông"
_LIVES = re.compile(
    r"^(?:(?:toi|tui|em|minh|ba|ong|co|chu|bac|nha (?:toi|em|minh|ba))\s+)?"
    r"(?:o|song o|nha o|ngu o|tai|thuoc)\s+(.+)$"
)
# a need that names no paperwork at all
VAGUE = frozenset(
    """lam giay to, lam giay, lam thu tuc, lam ho so, giay to, thu tuc, ho so, hoi thu tuc,
    muon lam giay to, can lam giay to, lam giay to gi, di lam giay to, muon lam thu tuc,
    can lam thu tuc, lam thu tuc hanh chinh, thu tuc hanh chinh, muon hoi thu tuc,
    lam giay to a, hoi ve giay to, hoi giay to""".replace("\n", " ").split(", ")
)
# "vậy thôi", "thế thôi nhé": nothing more is needed
DONE = frozenset(
    "vay thoi, the thoi, thoi vay, vay thoi nha, vay thoi nhe, vay thoi a, the thoi nhe, "
    "the thoi nha, thoi duoc roi, vay la duoc roi, vay duoc roi".split(", ")
)
_FILL = frozenset("a da nhe nha em oi toi tui minh can muon voi".split())
# the words of a question about the office's days and hours, and nothing else ("mấy giờ chợ
# mở cửa", "tối nay đá mấy giờ" are no office's hours)
_HOURS_TALK = frozenset(
    """thu 2 3 4 5 6 7 hai ba tu nam sau bay chu nhat cn t7 t2 lam viec ko khong k hong co
    mo cua may gio dong nghi trua sang chieu hanh chinh le tet ngay hom nay mai a vay nhe ha
    o ubnd xa phuong mot bo phan buoi den toi luc tu di duoc dc nua khi nao bao gio tuan cuoi
    cac moi lam gi the nao sao em oi""".split()
)
HOURS_WORDS = 12  # as the search flow: a longer message naming a weekday is something else


# "còn vụ căn cước thì sao", "thế còn cái khai sinh": what about X (X alone is the need)
_WHAT_ABOUT = re.compile(
    r"^(?:vay |the |a )?con (?:(?:vu|viec|cai|chuyen|thu tuc|ve) )+(.+?)"
    r"(?: (?:thi sao|the nao|ra sao|sao|nua|thi|nhi|vay))*$"
    r"|^(?:vay |the |a )?con (.+?) (?:thi sao|the nao|ra sao)(?: (?:nhi|vay|a))*$"
)


def what_about(text: str) -> str | None:
    """The need of "còn vụ căn cước thì sao" ("can cuoc"), or None."""
    m = _WHAT_ABOUT.match(" ".join(fold(text).split()))
    inner = (m.group(1) or m.group(2)) if m else ""
    return inner if inner and len(inner.split()) <= 6 else None


# "vậy là tôi chưa có lịch nào hả", "tôi có lịch hẹn nào chưa", "mình đã đặt lịch chưa": the
# citizen's own bookings asked about (every word one of these, a booking word among them)
_MINE_TALK = frozenset(
    """vay la toi tui em minh con chau ba ong chua co da dat lich hen cuoc buoi nao gi ha a
    khong ko k hong roi nua the sap toi cai dau nhi vay oi ah u""".split()
)
_MINE_ASK = frozenset("nao chua gi ha khong ko k hong nhi dau".split())


def bookings_asked(text: str) -> bool:
    """The citizen asks whether they have a booking (never "đặt lịch được không")."""
    words = " ".join(fold(text).split()).split()
    if not 2 < len(words) <= 12 or not set(words) <= _MINE_TALK:
        return False
    has = "co" in words or "dat" in words and ("da" in words or "chua" in words)
    return bool({"lich", "hen"} & set(words)) and has and bool(_MINE_ASK & set(words))


# a complaint about a late dossier, and nothing else: "quá hạn rồi sao chưa trả", "sao lâu vậy"
_LATE = re.compile(
    r"\b(?:qua han|tre han|tre hen|qua hen|qua ngay hen|sao lau|lau (?:qua|vay|the|roi|lam|ghe)"
    r"|cham (?:qua|vay|the|roi)|tre (?:qua|vay|roi))\b"
)
_LATE_TALK = frozenset(
    """ho so cua toi tui em minh roi ma chua co tra ket qua sao vay lau qua han tre hen the nay
    a oi nua van lam gi ngay cham ghe tai dau khong ko duoc nhan giay la""".split()
)


def late_said(text: str) -> bool:
    """A short complaint that a dossier is late, naming no procedure."""
    folded = " ".join(fold(text).split())
    words = folded.split()
    return (
        1 < len(words) <= HOURS_WORDS and set(words) <= _LATE_TALK and bool(_LATE.search(folded))
    )


# "mày là người hay máy", "bạn là người thật hả", "em là robot à", "bạn là ai": who answers
_BOT_WORD = re.compile(
    r"\b(?:nguoi that|nguoi hay may|may hay nguoi|robot|ro bot|bot|chatbot|chat bot|tu dong"
    r"|tri tue nhan tao|la may|la nguoi|human|real person|a person|machine"
    r"|la ai|ai dang tra loi|who are you"  # "bạn là ai", "cháu là ai thế" (QA pass 10)
    r"|ten (?:ban |em )?(?:la )?gi|your name)\b"  # "bạn tên gì", "tên bạn là gì"
)
_BOT_TALK = frozenset(
    """may ban em anh chi la nguoi hay that ha a robot ro bot chatbot chat ai tu dong khong ko
    phai co vay day do oi dang chu nhi u tri tue nhan tao tra loi the con are you is this
    human real person a machine or with me talking i am to chau who ten gi what your name
    s""".split()
)


def bot_asked(text: str) -> bool:
    """Whether the citizen asks if a person or a machine answers (never "gặp người thật")."""
    folded = " ".join(fold(text).split())
    words = folded.split()
    return 1 < len(words) <= 10 and set(words) <= _BOT_TALK and bool(_BOT_WORD.search(folded))


def _contact_shown(last_buttons: list[Any]) -> bool:
    """The reply just before was the office's contact ("Gặp cán bộ" of the contact)."""
    return any(len(row) > 1 and str(row[1]) == "ho:start:contact" for row in last_buttons)


def intent_of(text: str, last_buttons: list[Any], places: Any) -> str | None:
    """``office_contact``, ``ward_said``, ``bot_asked``, ``booking``, ``dossier_status``, ``vague_need``,
    ``office_hours``, ``bye`` or None."""
    folded = " ".join(fold(text).split())
    words = folded.split()
    if not words or len(words) > HOURS_WORDS:
        return None
    if _REACH.search(folded) and _OFFICE.search(folded):
        return "office_contact"
    if _ADDRESS_ONLY.match(folded) and _contact_shown(last_buttons):
        return "office_contact"  # "địa chỉ ở đâu" right after the contact
    lives = _LIVES.match(folded)
    if lives and places is not None and len(words) <= 8:
        found = places.find(lives.group(1))
        if getattr(found, "ward", None) is not None:
            return "ward_said"
    if bot_asked(folded):  # "bạn là người thật hả": an honest answer, never the handoff itself
        return "bot_asked"
    if bookings_asked(folded):  # "tôi có lịch hẹn nào chưa": the chat's bookings
        return "booking"
    if late_said(folded):  # "quá hạn rồi sao chưa trả": the dossier's status, with regret
        return "dossier_status"
    if folded.strip(" .!") in DONE:  # "vậy thôi": the citizen is done
        return "bye"
    core = " ".join(w for w in words if w not in _FILL)
    if folded.strip(" ?.!") in VAGUE or core in VAGUE:
        return "vague_need"
    if topic_of(text) == "hours" and set(words) <= _HOURS_TALK:  # "thứ 7 làm không"
        return "office_hours"
    return None
