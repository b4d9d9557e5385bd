"""Reading a typed answer against the offered labels (``handlers.answers``): the words of
an answer, and a label named by its words, its place ("cái đầu tiên") or a typo of it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from handlers.answer_kin import spoken
from handlers.answer_words import (
    AGES,
    BACK,
    ENGLISH,
    FILLER,
    FUNCTION,
    FUZZY_MARGIN,
    FUZZY_MIN,
    LEADING_ONLY,
    ORDINAL_LEAD,
    ORDINAL_TAIL,
    ORDINALS,
    PARTICLES,
    STOP,
    SYNONYMS,
)
from knowledge.normalize import fold

LIST_ENDS = ("som nhat", "gan nhat", "muon nhat", "tre nhat")  # "sớm nhất": the first offered


@dataclass(frozen=True)
class Option:
    """An offered button as the layer sees it."""

    label: str
    payload: str
    role: str = ""


def words_of(text: str) -> list[str]:
    """Accent-free words of an answer without the polite particles around it."""
    folded = " " + fold(spoken(text).replace("'", "")) + " "  # "ổng" is no "ông"
    for english, vietnamese in ENGLISH.items():
        folded = folded.replace(f" {english} ", f" {vietnamese} ")
    for pattern, said in AGES:  # "trên 18" is "từ đủ 18", "chưa đủ 18" is "dưới 18"
        folded = re.sub(pattern, said, folded)
    words = " ".join(SYNONYMS.get(w, w) for w in folded.split()).split()
    while words and words[0] in PARTICLES:
        words = words[1:]
    while words and words[-1] in PARTICLES - LEADING_ONLY and not _house(text, words):
        words = words[:-1]
    return words


_AT = frozenset("tai tan den toi ve o trong".split())


def _house(text: str, words: list[str]) -> bool:
    """A last "nha" that is "nhà" (home: "hỗ trợ tại nhà", "tai nha"), not the particle."""
    last = text.lower().split()[-1:] if text.strip() else []
    return words[-1] == "nha" and (last == ["nhà"] or (len(words) > 1 and words[-2] in _AT))


def head_words(label: str) -> list[str]:
    """A label's own words, without its explanation in brackets ("Người thân (vợ/chồng...)")."""
    return fold(label.split("(", 1)[0]).split() or fold(label).split()


def _rank(words: list[str], option: Option) -> tuple[int, int]:
    """How well typed words name a label: the words it starts with, then the fewest of its
    own words left untyped ("cha me" is "Cha hoặc mẹ", not "Người khác được cha/mẹ ủy quyền")."""
    head = head_words(option.label)
    start = next((i for i, (a, b) in enumerate(zip(words, head, strict=False)) if a != b), None)
    prefix = min(len(words), len(head)) if start is None else start
    return prefix, -len(set(head) - set(words))


def by_place(words: list[str], options: Sequence[Option]) -> Option | None:
    """The option a typed place names: "cái đầu tiên", "số 2", "cái thứ 3", "cái cuối"."""
    rest, lead = list(words), ""
    for lead in ORDINAL_LEAD:
        if rest[: len(lead.split())] == lead.split():
            rest = rest[len(lead.split()) :]
            break
    else:
        lead = ""
        if not words or " ".join(words) not in ("dau tien", "thu nhat", "cuoi cung", *LIST_ENDS):
            return None
    rest = [w for w in rest if w not in ORDINAL_TAIL] or rest  # "the first slot"
    if rest[:1] == ["thu"] and len(rest) == 2 and rest[1].isdigit():
        rest = rest[1:]
    key = " ".join(rest)
    content = [o for o in options if o.role not in (BACK, STOP)]
    kind = content[0].payload.split(":")[:2] if content else []
    content = [o for o in content if o.payload.split(":")[:2] == kind]  # "ngày cuối": a day
    if key.isdigit() and lead in ("cai", "so", "muc", "lua chon") and 0 < int(key) <= len(options):
        return options[int(key) - 1]
    if key in ORDINALS and content:
        return content[ORDINALS[key]]
    return None


def by_words(words: list[str], options: Sequence[Option]) -> Option | None:
    """The one option whose label holds the typed words; when several do, the one they name
    clearly: it starts with them or leaves at least two fewer of its words untyped
    ("người thân" beside "Người được người thân ủy quyền"), else a whole phrase in one."""
    words = [w for w in words if w not in FILLER] or words
    if not words or set(words) <= FUNCTION:
        return None
    hits = [o for o in options if set(words) <= set(fold(o.label).split())]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        (best, first), (second, _o) = sorted(
            ((_rank(words, o), o) for o in hits), key=lambda p: p[0], reverse=True
        )[:2]
        if best[0] > second[0] or (best[0] == second[0] and best[1] - second[1] >= 2):
            return first
    typed = f" {' '.join(words)} "
    phrase = [o for o in hits if typed in f" {fold(o.label)} "]
    return phrase[0] if len(phrase) == 1 else None


def _similarity(typed: str, label: str) -> float:
    """How close a typed answer is to a label: a garbled *part* of it scores high, a longer
    message that merely contains the label does not ("tra cứu hồ sơ 000.00..." is a lookup
    with its code, not a press of "Tra cứu hồ sơ")."""
    if len(typed.split()) > len(label.split()):
        return 0.0
    score = fuzz.token_set_ratio(typed, label)
    if 6 <= len(typed) <= len(label):
        score = max(score, fuzz.partial_ratio(typed, label))
    return float(score)


def by_fuzz(text: str, options: Sequence[Option]) -> Option | None:
    """The clearly closest label, accent-free, typos allowed ("cha hoat me")."""
    typed = " ".join(words_of(text))
    if len(typed) < 4 or not options:
        return None
    scored = sorted(((_similarity(typed, fold(o.label)), o) for o in options), key=lambda p: -p[0])
    best, option = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best >= FUZZY_MIN and best - runner_up >= FUZZY_MARGIN and _typos_only(typed, option):
        return option
    return None


LOOSE = PARTICLES | FILLER | FUNCTION | frozenset("co duoc khong hong chua gi sao nao".split())


def _typos_only(typed: str, option: Option) -> bool:
    """Every typed word is in the label or a typo of one of its words: a whole other word
    is another meaning ("nộp trực tiếp" is not "Nộp trực tuyến")."""
    label = fold(option.label).split()
    return all(
        w in label
        or w in LOOSE
        or len(w) <= 2
        or max((fuzz.ratio(w, lw) for lw in label), default=0) >= 70
        for w in typed.split()
    )
