"""How a citizen says they will file: online or in person ("nộp online", "tự lên xã nộp").

Said on a card ("nộp online được không") or in the message that opens a walkthrough
("chuẩn bị giấy tờ khai sinh nộp online"), it answers the walkthrough's deciding question
"Nộp trực tiếp / trực tuyến" (options ``in_person`` / ``online``) before it is asked. A
negated mention ("không nộp online được") and a message naming both say nothing.
"""

from __future__ import annotations

from handlers.answer_words import IN_PERSON
from handlers.topics import spelled

ONLINE, IN_PERSON_VALUE = "online", "in_person"
_ONLINE = ("online", "truc tuyen", "qua mang", "tren mang", "vneid", "dich vu cong",
           "nop tu xa", "qua app", "tren app")  # fmt: skip
_IN_PERSON = ("truc tiep", "tai mot cua", *IN_PERSON)
_NEGATION = frozenset("khong chua chang".split())


def _found(padded: str, phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:
        at = padded.find(f" {phrase} ")
        if at < 0:
            continue
        before = padded[:at].split()[-2:]  # "không nộp online", "ko online"
        if not _NEGATION & set(before):
            return True
    return False


def channel_of(text: str) -> str | None:
    """``"online"`` or ``"in_person"`` when the text says how the citizen will file."""
    padded = f" {spelled(text or '')} "
    online, in_person = _found(padded, _ONLINE), _found(padded, _IN_PERSON)
    if online == in_person:
        return None
    return ONLINE if online else IN_PERSON_VALUE


_HOME = ("o nha", "tai nha")
_FILING_VERBS = ("lam", "nop", "gui", "dang ky", "duoc khong")


def home_only(text: str) -> bool:
    """ "sinh ở nhà, có bà mụ làm chứng": "ở nhà" with no filing verb is no online question
    (unlike "ở nhà làm được không")."""
    padded = f" {spelled(text or '')} ".replace(" lam chung ", " ")  # a witness, no filing
    if channel_of(text) is not None or not any(f" {w} " in padded for w in _HOME):
        return False
    return not any(f" {w} " in padded for w in _FILING_VERBS)
