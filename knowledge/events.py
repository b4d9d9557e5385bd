"""Life events and catalogue aliases (``knowledge/data/events.yaml``), and the age rule.

An *event* is something that happened, said without any procedure word ("ba tôi mới mất",
"vợ mới đẻ", "bị tai nạn ở xưởng"): ``EventTable.apply`` replaces it by the words of the
procedure it leads to and marks those words as *derived* (they weigh less and never make a
need of their own). An *alias* is a colloquial name of a catalogue procedure that has no
curated file; the index adds it to that procedure's aliases. The *age rule* turns "con 10
tuổi" into the age band the catalogue's names use ("dưới 14 tuổi"), from the names
themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.normalize import fold, fold_word, normalize

TABLE_FILE = Path(__file__).resolve().parent / "data" / "events.yaml"
NEAR_WINDOW = 6  # words on either side of an event phrase where its context may stand


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


def word_matches(typed: str, wanted: str, bare: bool = True) -> bool:
    """A typed word matches a table word accent for accent, or on the accent-free form when
    it was typed without accents ("dat" matches "đất" and "đặt"; "đất" matches only "đất").
    ``bare=False``: the text was typed with accents, so an accent-free word is just that
    word ("do" in "mất do tai nạn" is not "đồ", "cho" is not "chó")."""
    if typed == wanted:
        return True
    folded = fold_word(typed)
    return bare and folded == typed and folded == fold_word(wanted)


def match_at(words: Sequence[str], i: int, phrase: tuple[str, ...], bare: bool = True) -> bool:
    """True when ``phrase`` (normalised words) starts at ``words[i]``."""
    if i + len(phrase) > len(words):
        return False
    return all(word_matches(words[i + j], w, bare) for j, w in enumerate(phrase))


@dataclass(frozen=True)
class Event:
    """One entry of the ``events`` table (see the YAML file's header)."""

    when: tuple[tuple[str, ...], ...]
    means: tuple[str, ...]
    near: tuple[tuple[str, ...], ...] = ()
    not_after: tuple[tuple[str, ...], ...] = ()
    not_before: tuple[tuple[str, ...], ...] = ()
    not_near: tuple[tuple[str, ...], ...] = ()
    near_clauses: bool = False  # a ``near`` word may also stand in a clause either side
    not_near_clauses: bool = False  # ... and a ``not_near`` one rules out from there too

    def _context_ok(
        self,
        words: Sequence[str],
        start: int,
        end: int,
        context: Sequence[str] = (),
        bare: bool = True,
    ) -> bool:
        def at(ws: Sequence[str], j: int, p: tuple[str, ...]) -> bool:
            return match_at(ws, j, p, bare)

        if any(start >= len(p) and at(words, start - len(p), p) for p in self.not_after):
            return False
        if any(at(words, end, p) for p in self.not_before):
            return False
        if any(at(words, j, p) for j in range(len(words)) for p in self.not_near):
            return False  # the clause speaks of something else ("sinh con" + "thai sản")
        if (self.near_clauses or self.not_near_clauses) and any(
            at(context, j, p) for j in range(len(context)) for p in self.not_near
        ):
            return False  # ... or, when its context may stand there, the clauses either side
        if not self.near:
            return True
        lo, hi = max(0, start - NEAR_WINDOW), min(len(words), end + NEAR_WINDOW)
        if any(
            at(words, j, p) for j in range(lo, hi) if j + 1 <= start or j >= end for p in self.near
        ):
            return True
        return self.near_clauses and any(
            at(context, j, p) for j in range(len(context)) for p in self.near
        )


class EventTable:
    """Longest-match, single-pass rewriting of event phrases (see the module docstring)."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Event]]] = {}
        for ev in events:
            for phrase in ev.when:
                self._by_first.setdefault(fold_word(phrase[0]), []).append((phrase, ev))
        for rules in self._by_first.values():
            rules.sort(key=lambda r: -len(r[0]))

    def apply(
        self, words: Sequence[str], context: Sequence[str] = (), bare: bool = True
    ) -> tuple[list[str], list[bool]]:
        """The words with event phrases replaced, and which words were derived; ``context``:
        the words of the clauses either side (see ``Event.near_clauses``); ``bare=False``:
        the message was typed with accents, so an accent-free word is only itself."""
        out: list[str] = []
        derived: list[bool] = []
        i = 0
        while i < len(words):
            hit = None
            for phrase, ev in self._by_first.get(fold_word(words[i]), ()):
                if match_at(words, i, phrase, bare) and ev._context_ok(
                    words, i, i + len(phrase), context, bare
                ):
                    hit = (phrase, ev)
                    break
            if hit is None:
                out.append(words[i])
                derived.append(False)
                i += 1
            else:
                out.extend(hit[1].means)
                derived.extend([True] * len(hit[1].means))
                i += len(hit[0])
        return out, derived

    def known_words(self) -> set[str]:
        """Accent-free words of every event phrase (the spelling fixer leaves them alone)."""
        return {fold_word(w) for rules in self._by_first.values() for p, _ in rules for w in p}


def _phrases(raw: Any) -> tuple[tuple[str, ...], ...]:
    items = raw if isinstance(raw, list) else []
    return tuple(p for p in (_phrase(str(x)) for x in items if x) if p)


def load_table(path: Path = TABLE_FILE) -> tuple[list[Event], dict[str, list[str]]]:
    """Events and aliases (procedure code -> phrases) of the YAML table; ``([], {})`` when
    the file is missing or broken (tests/unit/test_query_parts.py checks the bundled one)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return [], {}
    events = []
    for entry in raw.get("events") or []:
        if not isinstance(entry, dict) or not entry.get("means"):
            continue
        when = _phrases(entry.get("when"))
        means = _phrase(str(entry["means"]))
        if when and means:
            events.append(
                Event(
                    when,
                    means,
                    _phrases(entry.get("near")),
                    _phrases(entry.get("not_after")),
                    _phrases(entry.get("not_before")),
                    _phrases(entry.get("not_near")),
                    bool(entry.get("near_clauses")),
                    bool(entry.get("not_near_clauses")),
                )
            )
    aliases: dict[str, list[str]] = {}
    for code, entry in (raw.get("aliases") or {}).items():
        if isinstance(entry, dict):
            aliases[str(code)] = [str(p) for p in entry.get("phrases") or [] if p]
    return events, aliases


@lru_cache(maxsize=1)
def default_table() -> tuple[EventTable, dict[str, list[str]]]:
    """The bundled event table and aliases (built once per process)."""
    events, aliases = load_table()
    return EventTable(events), aliases


_UNDER = re.compile(r"\bduoi (\d{1,2}) tuoi\b")
GRADE_AGE = 6
# from 75 a citizen without a pension is paid the social pension (trợ cấp hưu trí xã hội,
# Luật Bảo hiểm xã hội 2024, Điều 21): an age this high said with a benefit word asks for it,
# not for a benefit of working age ("tiền trợ cấp 80 tuổi" is no unemployment benefit)
SOCIAL_PENSION_AGE = 75
BENEFIT_WORDS = frozenset({"tro"})  # trợ cấp, hỗ trợ, trợ giúp
PENSION_TOLD = frozenset({"tuat"})  # "lãnh tử tuất": a pensioner died, not the social pension
_AGE = re.compile(r"^\d{1,3}$")


class AgeRule:
    """ "con 10 tuổi" -> the catalogue's own age band ("dưới 14 tuổi")."""

    def __init__(self, names: Iterable[str]) -> None:
        words: dict[int, set[str]] = {}
        for name in names:
            folded = fold(name)
            for m in _UNDER.findall(folded):
                words.setdefault(int(m), set()).update(folded.split())
        self.under = sorted(words)
        # the words of each band's names ("căn cước" for 14, "khai sinh" for 6), minus the
        # words every band shares ("cấp", "dưới", "tuổi")
        shared = set.intersection(*words.values()) if words else set()
        self._words = {band: ws - shared for band, ws in words.items()}

    def band(self, words: Sequence[str], context: Sequence[str] = ()) -> list[str]:
        """Words of the child age band for the first "N tuổi" (or school grade "lớp N") of a
        clause, or []. Of the bands above the age, the one whose procedures share most words
        with the clause ("căn cước cho bé 3 tuổi" is under 14, not under 6).

        Only the "dưới N tuổi" bands: an adult's age says nothing the base procedure does
        not already cover ("80 tuổi" is not "từ đủ 14 tuổi", it is a pensioner); and only
        when the clause or one beside it (``context``) says a word of that band's names: in
        "bà nuôi đứa cháu mồ côi từ năm 2 tuổi" the age names no under-6 procedure."""
        age = _age(words)
        if age is None:
            return []
        said = {fold_word(w) for w in (*words, *context)}
        if age >= SOCIAL_PENSION_AGE and said & BENEFIT_WORDS and not said & PENSION_TOLD:
            return ["hưu", "trí", "xã", "hội"]  # "tiền trợ cấp 80 tuổi"
        above = [t for t in self.under if age < t]
        if not above:
            return []
        best = max(above, key=lambda t: (len(self._words[t] & said), -t))
        return ["dưới", str(best), "tuổi"] if self._words[best] & said else []


def _age(words: Sequence[str]) -> int | None:
    for i in range(len(words) - 1):
        nxt = fold_word(words[i + 1])
        if _AGE.match(words[i]) and nxt == "tuoi":
            return int(words[i])
        if fold_word(words[i]) == "lop" and _AGE.match(words[i + 1]):
            grade = int(words[i + 1])
            if 1 <= grade <= 12:
                return grade + GRADE_AGE  # a pupil of grade N is about N + 6
    return None
