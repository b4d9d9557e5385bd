"""Which ward a typed answer names: current and former names, with or without accents.

"p3 cao lanh", "F3", "xa my tan cu", "phuong cao lanh", "Tân Thuận Đông", "29869" are all
answers to "Anh/chị ở xã/phường nào ạ?". Every current ward and every unit merged into one
is an entry (its name's words, its type word, its former district and province). An entry
matches when its name's words appear in the answer; it scores the words it explains (its
name, the type word before it, its former district and province named anywhere); numbered
wards ("Phường 3") need their type word. The best score wins when all its entries lead to
one ward; several wards ("xã Mỹ Tân" existed in two districts) are offered to choose from.
With no entry matching, close spellings are suggested, never chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.locality_types import FormerUnit, Ward
from knowledge.normalize import fold

TYPE_WORDS = {"xa": ("xa",), "phuong": ("phuong",), "thi tran": ("thi", "tran"),
              "dac khu": ("dac", "khu")}  # fmt: skip
DISTRICT_WORDS = ("thanh pho", "thi xa", "huyen", "quan")
_ABBREVIATIONS = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r" (?:p|f|ph) ?(\d{1,2}) ", r" phuong \1 "),  # p3, p.3, F3 ("p.3" folds to "p 3")
        (r" p (?=[a-z])", " phuong "),
        (r" x (?=[a-z])", " xa "),
        (r" tt (?=[a-z])", " thi tran "),
        (r" tp (?=[a-z])", " thanh pho "),
        (r" tx (?=[a-z])", " thi xa "),
        (r" h (?=[a-z])", " huyen "),
    )
)
_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
OLD_WORDS = frozenset({"cu", "truoc", "truoc day", "ngay xua"})
NEW_WORDS = frozenset({"moi", "bay gio", "hien nay"})
MAX_CHOICES = 8
FUZZY_MIN = 84.0


def words(text: str) -> list[str]:
    """Accent-free words of an answer with the usual shorthand spelled out."""
    folded = " " + fold(text) + " "
    for pattern, repl in _ABBREVIATIONS:
        folded = pattern.sub(repl, folded)
    return ["qui" if w == "quy" else w for w in folded.split()]  # "Mỹ Quí" / "Mỹ Quý"


def _name_words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(type words, name words) of "Phường 3" -> (("phuong",), ("3",))."""
    ws = tuple(words(name))
    for typ in sorted(TYPE_WORDS.values(), key=len, reverse=True):
        if ws[: len(typ)] == typ and len(ws) > len(typ):
            return typ, ws[len(typ) :]
    return (), ws


def _district_words(district: str) -> tuple[str, ...]:
    ws = " ".join(words(district))
    for head in DISTRICT_WORDS:
        if ws.startswith(head + " "):
            return tuple(ws[len(head) + 1 :].split())
    return tuple(ws.split())


@dataclass(frozen=True)
class Entry:
    """One name a ward can be called by: its own, or a unit merged into it."""

    ward: Ward
    kind: tuple[str, ...]
    name: tuple[str, ...]
    accented: str  # the name without its type word, as written ("Mỹ Tho")
    former: FormerUnit | None = None
    district: tuple[str, ...] = ()
    province: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A ward an answer may mean, and through which name (``former``: a merged unit)."""

    ward: Ward
    former: FormerUnit | None
    score: float


@dataclass(frozen=True)
class Found:
    """The reading of an answer: one ward, several to choose from, or close spellings."""

    ward: Ward | None = None
    via: FormerUnit | None = None  # the former unit the answer named, if any
    choices: tuple[Hit, ...] = ()
    suggestions: tuple[Hit, ...] = ()


def _entries(wards: Sequence[Ward]) -> list[Entry]:
    out = []
    for ward in wards:
        kind, name = _name_words(ward.name)
        out.append(Entry(ward, kind, name, ward.short_name))
        for unit in ward.former:
            kind, name = _name_words(unit.name)
            accented = unit.name.split(" ", 1)[1] if " " in unit.name else unit.name
            if unit.name.lower().startswith(("thị trấn ", "đặc khu ")):
                accented = unit.name.split(" ", 2)[2]
            out.append(
                Entry(
                    ward,
                    kind,
                    name,
                    accented,
                    unit,
                    _district_words(unit.district),
                    tuple(words(unit.province)),
                )  # fmt: skip
            )
    return out


def _find(seq: list[str], part: tuple[str, ...], start: int = 0) -> int:
    n = len(part)
    for i in range(start, len(seq) - n + 1):
        if tuple(seq[i : i + n]) == part:
            return i
    return -1


@dataclass
class NameIndex:
    """Entries of every ward, looked up by their name's first word."""

    wards: list[Ward]
    _by_first: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _choices: dict[str, Entry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in _entries(self.wards):
            if entry.name:
                self._by_first.setdefault(entry.name[0], []).append(entry)
                key = " ".join(entry.name)
                self._choices.setdefault(f"{key}|{entry.ward.code}", entry)
        self._codes = {w.code: w for w in self.wards}
        self.vocabulary = frozenset(
            w for entries in self._by_first.values() for e in entries for w in e.name + e.district
        )  # every word of a place name: "Tân Hộ Cơ" makes "co" a place word, not a question
        self._keys = list(self._choices)
        self._texts = [k.split("|", 1)[0] for k in self._keys]

    def find(self, text: str) -> Found:
        """The ward(s) an answer names; see the module docstring."""
        code = _CODE.search(text)
        if code and code[1] in self._codes:
            return Found(ward=self._codes[code[1]])
        ws = words(text)
        hits = self._hits(ws, text.lower())
        if not hits:
            return Found(suggestions=self._close(ws))
        best = max(h.score for h in hits)
        top = [h for h in hits if h.score >= best - 1e-9]
        by_ward: dict[str, Hit] = {}
        for hit in sorted(top, key=lambda h: h.former is not None):  # current names first
            by_ward.setdefault(hit.ward.code, hit)
        if len(by_ward) == 1:
            hit = next(iter(by_ward.values()))
            return Found(ward=hit.ward, via=hit.former)
        return Found(choices=tuple(list(by_ward.values())[:MAX_CHOICES]))

    def _hits(self, ws: list[str], lowered: str) -> list[Hit]:
        old = any(w in OLD_WORDS for w in ws)
        new = any(w in NEW_WORDS for w in ws)
        hits = []
        for first in set(ws):
            for entry in self._by_first.get(first, ()):
                at = _find(ws, entry.name)
                while at >= 0:
                    score = self._score(entry, ws, at, lowered, old, new)
                    if score is not None:
                        hits.append(Hit(entry.ward, entry.former, score))
                    at = _find(ws, entry.name, at + 1)
        return hits

    def _score(
        self, entry: Entry, ws: list[str], at: int, lowered: str, old: bool, new: bool
    ) -> float | None:
        before = ws[max(0, at - len(entry.kind)) : at]
        typed_kind = next(
            (k for k in TYPE_WORDS.values() if ws[max(0, at - len(k)) : at] == list(k)), None
        )
        score = float(len(entry.name))
        if entry.kind and before == list(entry.kind):
            score += len(entry.kind)
        elif entry.name[0].isdigit():
            return None  # "3" alone is no ward: "Phường 3" needs its type word
        elif typed_kind is not None:
            score -= 0.5  # "xã Cao Lãnh" for phường Cao Lãnh: still meant, less sure
        rest = ws[:at] + ["|"] * len(entry.name) + ws[at + len(entry.name) :]
        for part in (entry.district, entry.province):
            if part and _find(rest, part) >= 0:
                score += len(part)
        if entry.former is None:
            score += 0.5 if new else 0.25
        elif old:
            score += 0.5
        if entry.accented.lower() in lowered:
            score += 0.1  # "Mỹ Tho" typed with its accents is not "Mỹ Thọ"
        return score

    def _close(self, ws: list[str]) -> tuple[Hit, ...]:
        noise = OLD_WORDS | NEW_WORDS | {w for k in TYPE_WORDS.values() for w in k}
        query = " ".join(w for w in ws if w not in noise)
        if len(query) < 4 or len(query) > 60:
            return ()
        found = process.extract(
            query, self._texts, scorer=fuzz.ratio, limit=MAX_CHOICES, score_cutoff=FUZZY_MIN
        )
        out: dict[str, Hit] = {}
        for _, score, i in found:
            entry = self._choices[self._keys[i]]
            out.setdefault(entry.ward.code, Hit(entry.ward, entry.former, float(score)))
        return tuple(list(out.values())[:4])
