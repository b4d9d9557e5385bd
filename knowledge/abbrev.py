"""Abbreviations and colloquial names -> the words of official procedure names.

The table lives in ``knowledge/data/abbreviations.yaml`` so staff can extend it. The same
expansion runs on questions and on indexed names/aliases, which keeps both sides comparable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.normalize import fold_word, normalize

TABLE_FILE = Path(__file__).resolve().parent / "data" / "abbreviations.yaml"
# Classifiers before a noun ("mua lại chiếc ghe", "bán miếng đất", "căn nhà cũ") say nothing
# about the procedure and would break the phrase "mua lại ghe" or weigh as unknown words;
# "căn" only before "nhà" ("căn cước", "căn hộ" are words of their own); "con" only before an
# animal ("nuôi con chó" is no "nuôi con nuôi"; "con" of a child stays).
# One-word phrases whose accent-free form is mostly another everyday word: typed without
# accents, "do" is "do" (because, by) far more often than "đò", "xuong" is "xuống" (cán bộ
# xuống tận nhà) rather than "xuồng"; those phrases match only typed with their accents.
ACCENT_ONLY = frozenset({("do",), ("xuong",)})
CLASSIFIERS = frozenset({"chiếc", "chiec", "miếng", "mảnh"})
ANIMALS = "chó mèo gà vịt ngan ngỗng lợn heo bò trâu dê cừu ngựa chim cá tôm cua ốc rắn ong"
CLASSIFIER_BEFORE = {"căn": frozenset({"nhà"}), "con": frozenset(ANIMALS.split())}


@dataclass(frozen=True)
class Rule:
    """One phrase (normalised words and their accent-free twins) and its replacement."""

    words: tuple[str, ...]
    folded: tuple[str, ...]
    replacement: tuple[str, ...]


class Expander:
    """Longest-match, single-pass phrase replacement over normalised words."""

    def __init__(self, table: dict[str, str]) -> None:
        self._by_first: dict[str, list[Rule]] = {}
        for phrase, repl in table.items():
            words = tuple(normalize(phrase).split())
            replacement = tuple(normalize(repl).split())
            if not words or not replacement:
                continue
            rule = Rule(words, tuple(fold_word(w) for w in words), replacement)
            self._by_first.setdefault(rule.folded[0], []).append(rule)
        for rules in self._by_first.values():
            rules.sort(key=lambda r: -len(r.words))

    def known_words(self) -> set[str]:
        """Accent-free words of every phrase (so the spelling fixer leaves them alone)."""
        return {w for rules in self._by_first.values() for r in rules for w in r.folded}

    def expand(self, words: list[str]) -> list[str]:
        """Replace known phrases in a list of normalised words; unknown words pass through.

        A phrase typed with accents must match accent for accent ("sơ đồ" is not "sổ đỏ");
        typed without accents it matches on the accent-free form. Whether a word was typed
        without accents is judged on the whole text: in "Giấy chứng nhận do bị mất" the
        "do" is the word "do", not "đò" typed without accents.
        """
        words = drop_classifiers(words)
        out: list[str] = []
        i = 0
        n = len(words)
        bare_ok = not typed_with_accents(words)
        while i < n:
            rules = self._by_first.get(fold_word(words[i]))
            hit = None
            if rules:
                for rule in rules:
                    span = tuple(words[i : i + len(rule.words)])
                    if len(span) != len(rule.words):
                        continue
                    if span == rule.words:
                        hit = rule
                        break
                    folded = tuple(fold_word(w) for w in span)
                    # accent-free typing matches the accent-free phrase; abbreviations
                    # ("cccd") match however they were typed ("CCCĐ")
                    if folded == rule.folded and (
                        rule.folded == rule.words
                        or (bare_ok and folded == span and rule.folded not in ACCENT_ONLY)
                    ):
                        hit = rule
                        break
            if hit is None:
                out.append(words[i])
                i += 1
            else:
                out.extend(hit.replacement)
                i += len(hit.words)
        return out


def drop_classifiers(words: list[str]) -> list[str]:
    """The words without the classifiers standing before another word (``CLASSIFIERS``)."""
    if not any(w in CLASSIFIERS or w in CLASSIFIER_BEFORE for w in words[:-1]):
        return words
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and (w in CLASSIFIERS or nxt in CLASSIFIER_BEFORE.get(w, ())):
            continue
        out.append(w)
    return out


def typed_with_accents(words: list[str]) -> bool:
    """Whether a text was typed with diacritics: at least a third of its words carry some
    (many Vietnamese words have none: "do", "cho", "con"), and at least two when it is
    longer than two words ("lam can cươc cho me gia" is typed without them)."""
    marked = sum(1 for w in words if fold_word(w) != w)
    return marked >= max(1, min(2, len(words) - 1)) and 3 * marked >= len(words)


def load_table(path: Path = TABLE_FILE) -> dict[str, str]:
    """All phrase -> replacement pairs of the YAML table, every section merged (a mapping
    section ``phrase: replacement``, or a list of ``{say: [phrases], means, source}``)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    table: dict[str, str] = {}
    for section in raw.values() if isinstance(raw, dict) else []:
        if isinstance(section, dict):
            table.update({str(k): str(v) for k, v in section.items() if k and v})
        elif isinstance(section, list):  # reviewed entries: {say: [...], means, source}
            for entry in section:
                if isinstance(entry, dict) and entry.get("means"):
                    says = entry.get("say") or []
                    says = says if isinstance(says, list) else [says]
                    table.update({str(x): str(entry["means"]) for x in says if x})
    return table


@lru_cache(maxsize=1)
def default_expander() -> Expander:
    """The expander built from the bundled table (built once per process)."""
    return Expander(load_table())
