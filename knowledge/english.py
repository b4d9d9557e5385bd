"""English that works: English phrases for the curated procedures and the bot's intents.

``knowledge/data/english.yaml`` gives each curated procedure an English name and the phrases
people type ("birth registration", "register my baby"), and each intent its phrases ("book
an appointment", "check my dossier"). ``EnglishMatcher.match`` scores every phrase by how much
of it the message covers and how much of the message it covers, word by word (the function
words "I", "my", "how"... left out; words compared with rapidfuzz, so "registraion" and
"registration", "married" and "marriage" meet), and keeps the best target when it is clearly
ahead of any other. ``looks_english`` tells an English message from Vietnamese typed without
accents. The search index itself stays Vietnamese.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, utils

from knowledge.normalize import is_syllable

DATA = Path(__file__).parent / "data" / "english.yaml"
MIN_SCORE = 80.0  # phrase score needed to take a target ...
MIN_LEAD = 8.0  # ... and its lead over the best phrase of another target
MAX_WORDS = 20
W_PHRASE = 0.7  # weight of "the phrase is covered" against "the message is covered"
WORD_SIMILAR = 85.0  # rapidfuzz ratio of two words taken as the same word
_WORD = re.compile(r"[a-z]+")
_TOKEN = re.compile(r"[a-z0-9]+")
FUNCTION_WORDS = frozenset(
    """a an the i me my we our you your to for of in on at with do does did how what where
    is are am can could would should need needs want wants please get got about some any
    this that it its s t be there here help""".split()
)


def _content(text: str) -> list[str]:
    """The words that carry meaning, plural "s" dropped ("documents" -> "document")."""
    words = [w for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS]
    return [
        w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words
    ]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]:
        return True  # "registration"/"register", "married"/"marriage"
    return len(a) >= 4 and fuzz.ratio(a, b) >= WORD_SIMILAR


def _covered(words: list[str], other: list[str]) -> float:
    if not words:
        return 0.0
    return sum(any(_same(w, o) for o in other) for w in words) / len(words)


def _score(query: list[str], phrase: list[str]) -> float:
    """0..100: how much of the phrase the message covers, and of the message the phrase."""
    return 100 * (W_PHRASE * _covered(phrase, query) + (1 - W_PHRASE) * _covered(query, phrase))


@dataclass(frozen=True, slots=True)
class EnglishHit:
    """What an English message asks for: an intent, or ``procedure`` with its code."""

    intent: str
    code: str | None
    score: float


class EnglishMatcher:
    """Phrase matcher over the English data file (built once, see ``default_matcher``)."""

    def __init__(self, data: dict[str, object]) -> None:
        procedures = data.get("procedures") or {}
        intents = data.get("intents") or {}
        assert isinstance(procedures, dict) and isinstance(intents, dict)
        self.names: dict[str, str] = {}
        self._phrases: list[list[str]] = []
        self._targets: list[tuple[str, str | None]] = []
        self._all: set[str] = set()
        for code, entry in procedures.items():
            self.names[str(code)] = str(entry["name"])
            for phrase in [entry["name"], *entry.get("phrases", [])]:
                self._add(str(phrase), ("procedure", str(code)))
        for intent, phrases in intents.items():
            for phrase in phrases:
                self._add(str(phrase), (str(intent), None))
        self.vocabulary = frozenset(str(data.get("words") or "").split()) | self._all

    def _add(self, phrase: str, target: tuple[str, str | None]) -> None:
        words = _content(phrase) or _WORD.findall(phrase.lower())
        self._phrases.append(words)
        self._targets.append(target)
        self._all.update(_WORD.findall(phrase.lower()))

    def match(self, text: str) -> EnglishHit | None:
        """The procedure or intent an English message names, or None when unsure."""
        cleaned = utils.default_process(text or "")
        if not cleaned or len(cleaned.split()) > MAX_WORDS:
            return None
        query = _content(cleaned) or cleaned.split()
        best: dict[tuple[str, str | None], float] = {}
        for words, target in zip(self._phrases, self._targets, strict=True):
            best[target] = max(best.get(target, 0.0), _score(query, words))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < MIN_SCORE:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MIN_LEAD:
            return None
        (intent, code), score = ranked[0]
        return EnglishHit(intent, code, score)

    def looks_english(self, text: str, extra: frozenset[str] = frozenset()) -> bool:
        """True for a message in English: plain ASCII words, most of them English (of the
        data file, or ``extra``), at least one that is not also a Vietnamese syllable ("the",
        "an", "do" never decide)."""
        if not text or not text.isascii():
            return False
        # whole words only: a code typed with its digits ("ht n65s") holds no English word
        words = [w for w in _TOKEN.findall(text.lower()) if w.isalpha()]
        if not words:
            return False
        known = [w for w in words if w in self.vocabulary or w in extra]
        decisive = [w for w in known if not is_syllable(w)]
        return bool(decisive) and len(known) >= 0.6 * len(words)


@functools.lru_cache(maxsize=1)
def default_matcher() -> EnglishMatcher:
    """The matcher of the shipped data file."""
    return EnglishMatcher(yaml.safe_load(DATA.read_text(encoding="utf-8")) or {})


def english_name(code: str) -> str | None:
    """The English name of a curated procedure, if the data file has one."""
    return default_matcher().names.get(code)
