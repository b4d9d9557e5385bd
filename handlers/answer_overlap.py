"""An answer in the citizen's own words matched to the offered option it paraphrases.

"nha cua bo me" for "Nhà của người thân (vợ/chồng, cha mẹ, con...)", "hổng có giấy chứng
sinh, có hàng xóm làm chứng" for "Không có, nhưng có người làm chứng việc sinh": no label
holds all the typed words, so the shared layer (``handlers.answers``) finds nothing. Here
each option is scored by the words (and word pairs) it shares with the answer, accent-free,
kinship words read as their plain forms (bố/ba/tía: cha; má/u: mẹ; ông, bà, cô, chú...:
người thân), each clause with its sign: "không có người làm chứng" contradicts "có hàng
xóm làm chứng", and a contradiction counts twice against the option. The clear best option
is the answer; two options equally good are offered back to choose from (never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handlers.answer_kin import as_parents
from handlers.answer_words import FILLER, FUNCTION, PARTICLES
from knowledge.normalize import fold

NEGATION = frozenset("khong ko k kh kg khg hong hok hem chua chang cha0 mat".split())
# Words that carry no content of their own in an answer ("có", "được", "rồi", "của").
EMPTY = PARTICLES | FILLER | FUNCTION | frozenset("co duoc roi la ma cung hoac va nhung".split())
# Clause breaks: a comma, "nhưng", "mà" start a clause with its own sign.
PUNCTUATION = re.compile(r"[,;.!()]")
BREAK = re.compile(r" (?:nhung|song) ")
# Words whose accents tell them apart, read before accents are dropped: "má" is a mother,
# "mà" a "but" (unaccented "ma" says neither and counts for nothing).
ACCENTED = (("má", "mẹ"), ("mà", "nhưng"))
KIN = {
    "bo": ("cha",), "ba": ("cha",), "tia": ("cha",), "thay": ("cha",), "ma": ("me",),
    "u": ("me",), "bam": ("me",), "vo": ("vo",), "chong": ("chong",),
    "xom": ("nguoi",), "quen": ("nguoi",), "do": ("nguoi",),
}  # fmt: skip
# Everyday ways of saying a label's words ("người già" for "Người cao tuổi", "cả nhà" for
# "các thành viên hộ gia đình", "1 mình" for "một mình"), read as the label says them.
SAID_AS = (
    ("nguoi gia", "nguoi cao tuoi"), ("nguoi lon tuoi", "nguoi cao tuoi"),
    ("cu gia", "nguoi cao tuoi"), ("tre con", "tre em"), ("con nit", "tre em"),
    ("tan tat", "khuyet tat"), ("ca nha", "gia dinh"), ("ca gia dinh", "gia dinh"),
    ("1 minh", "mot minh"), ("1 nguoi", "mot nguoi"), ("nha cua minh", "nha so huu cua toi"),
    ("nha minh", "nha so huu cua toi"), ("nha cua toi", "nha so huu cua toi"),
    ("nha rieng", "nha so huu cua toi"),
)  # fmt: skip
# Everyday compounds whose first word folds like a kinship word: read as one word.
# "trực tiếp" and "trực tuyến" are opposites that share a syllable: each is one word here.
NOT_KIN = (
    "can bo",
    "bo phan",
    "bac si",
    "co quan",
    "co giao",
    "thay giao",
    "nguoi da mat",  # the deceased: no "mất" (lost, a negation) of the clause
    "nguoi mat",
    "truc tiep",
    "truc tuyen",
)
RELATIVES = frozenset(
    "ong ba co chu bac cau di duong thim mo cha me bo ma con chau vo chong".split()
)
DIRECT, SYNONYM, AGAINST = 2, 1, 2
MIN_SCORE = 2
QUESTION_END = frozenset("khong ko k kh khg hok hong ha hem chua gi sao nao".split())
ASKS = frozenset("gi sao nao dau bao".split())


@dataclass(frozen=True)
class Closest:
    """The option an answer paraphrases (``payload``), or the equally close ones."""

    payload: str | None
    tied: tuple[str, ...] = ()


def _clauses(text: str) -> list[tuple[bool, list[str]]]:
    """``(negated, content words)`` per clause; after a negated clause with content a new
    "có" opens a clause of its own ("không có giấy chứng sinh có hàng xóm làm chứng")."""
    lowered = f" {text.lower()} "
    for word, said in ACCENTED:
        lowered = re.sub(rf"(?<=\s){word}(?=[\s,.;!?])", said, lowered)
    parts = [f" {fold(p.replace('/', ' '))} " for p in PUNCTUATION.split(lowered)]
    for compound in NOT_KIN:  # "cán bộ" is no "bố" (cha), "bác sĩ" no "bác" (người thân)
        parts = [p.replace(f" {compound} ", f" {compound.replace(' ', '')} ") for p in parts]
    for said, label in SAID_AS:
        parts = [p.replace(f" {said} ", f" {label} ") for p in parts]
    pieces: list[list[str]] = []
    for part in (piece for p in parts for piece in BREAK.split(p)):
        current: list[str] = []
        for word in part.split():
            opens = current and current[-1] not in NEGATION and NEGATION & set(current)
            if word == "co" and opens and _content(current):
                pieces.append(current)
                current = []
            current.append(word)
        pieces.append(current)
    while pieces and pieces[-1][-1:] == ["thoi"]:  # "một mình tôi thôi": "only", no content
        pieces[-1] = pieces[-1][:-1]
    out = []
    for words in pieces:
        negated = bool(NEGATION & set(words))
        if _content(words) or negated:
            out.append((negated, _content(words)))
    return out


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in EMPTY and w not in NEGATION]


def _features(text: str, subject: frozenset[str] = frozenset()) -> dict[tuple[str, bool], int]:
    """Words and adjacent word pairs with the sign of their clause, and their weight; the
    question's own words (its ``subject``: "giấy chứng sinh") tell no option apart."""
    found: dict[tuple[str, bool], int] = {}
    for negated, words in _clauses(text):
        for word in words:
            if word not in subject:
                found[(word, negated)] = DIRECT
        for a, b in zip(words, words[1:], strict=False):
            if not {a, b} <= subject:
                found[(f"{a} {b}", negated)] = DIRECT
    return found


def _expanded(text: str, subject: frozenset[str]) -> dict[tuple[str, bool], int]:
    """The answer's features, with the kinship words' plain forms at a lower weight."""
    found = _features(text, subject)
    for (word, negated), _w in list(found.items()):
        forms = KIN.get(word, ()) + (("than",) if word in RELATIVES else ())
        for form in forms:
            found.setdefault((form, negated), SYNONYM)
    return found


def _score(typed: dict[tuple[str, bool], int], label: str, subject: frozenset[str]) -> int:
    own = _features(label, subject)
    score = 0
    for (word, negated), weight in typed.items():
        if (word, negated) in own:
            score += weight
        elif (word, not negated) in own and weight == DIRECT:
            score -= AGAINST
    return score


def is_question(text: str) -> bool:
    words = fold(text).split()
    return "?" in text or not words or words[-1] in QUESTION_END or bool(ASKS & set(words))


def closest(text: str, options: Iterable[Sequence[str]], asked: str = "") -> Closest:
    """The offered option (``[label, payload]`` rows) the answer paraphrases; ``asked`` is
    the question's text. Between equal scores the option with fewer words of its own wins
    ("mẹ nó" is "Cha hoặc mẹ của cháu", not "Người khác được cha/mẹ ủy quyền")."""
    rows = [(str(r[0]), str(r[1])) for r in options if len(r) >= 2]
    if is_question(text) or not rows:
        return Closest(None)
    subject = frozenset(w for _n, ws in _clauses(asked) for w in ws)
    text = as_parents(text, subject)  # "ba nó", "chồng tôi" at a question about a child
    typed = _expanded(text, subject)
    if not typed:  # only the question's own words ("có giấy chứng sinh bệnh viện cấp rồi")
        subject = frozenset()
        typed = _expanded(text, subject)
    scored = sorted(
        (
            (_score(typed, label, subject), -len(_features(label)), payload)
            for label, payload in rows
        ),
        reverse=True,
    )
    best = scored[0][0]
    if best < MIN_SCORE:
        return Closest(None)
    tied = [(size, p) for s, size, p in scored if s == best]
    if len(tied) == 1 or tied[0][0] > tied[1][0]:
        return Closest(tied[0][1])
    return Closest(None, tuple(p for _size, p in tied))
