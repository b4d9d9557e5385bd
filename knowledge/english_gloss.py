"""English free text glossed into the catalogue's Vietnamese words.

The English phrases of ``knowledge/data/english.yaml`` name the curated procedures the way
people say them ("register my baby"). A citizen writing in English often names a life event
instead ("my father died, what papers do I need", "I lost my ID card"). ``to_vietnamese``
turns the words it knows (``knowledge/data/english_gloss.yaml``) into the Vietnamese words of
the catalogue, longest phrase first, and drops the rest; the Vietnamese search then answers,
suggests or declines with its own bands, so the whole catalogue is reachable in English.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "english_gloss.yaml"
MAX_KEY_WORDS = 3
MAX_WORDS = 60  # a longer English message is glossed from its first words
_WORD = re.compile(r"[a-z0-9]+")


class Glossary:
    """English keys (one to three words) and their Vietnamese glosses."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = {" ".join(_WORD.findall(k.lower())): str(v or "") for k, v in table.items()}
        self.words = frozenset(w for key in self.table for w in key.split())

    def _lookup(self, words: list[str]) -> str | None:
        key = " ".join(words)
        if key in self.table:
            return self.table[key]
        last = words[-1]
        if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
            return self.table.get(" ".join([*words[:-1], last[:-1]]))  # "papers", "kids"
        return None

    def to_vietnamese(self, text: str) -> str:
        """The Vietnamese glosses of the known words of ``text``, in order, each once;
        ``""`` when no word is known."""
        words = _WORD.findall((text or "").lower().replace("'s", ""))[:MAX_WORDS]
        out: list[str] = []
        i = 0
        while i < len(words):
            age, used = _age(words, i)
            if age:
                out.append(age)
                i += used
                continue
            for size in range(min(MAX_KEY_WORDS, len(words) - i), 0, -1):
                gloss = self._lookup(words[i : i + size])
                if gloss is not None:
                    if gloss and gloss not in out:
                        out.append(gloss)
                    i += size
                    break
            else:
                i += 1
        return " ".join(out)


def _age(words: list[str], i: int) -> tuple[str, int]:
    """ "10 years old", "aged 80", "is 80", "under 14" at ``i``: the age in Vietnamese
    ("10 tuổi", "dưới 14 tuổi") and how many words it took; ``("", 0)`` otherwise."""
    word = words[i]
    if word in ("under", "below") and i + 1 < len(words) and words[i + 1].isdigit():
        return f"dưới {words[i + 1]} tuổi", 2
    if not word.isdigit() or len(word) > 3:
        return "", 0
    after = words[i + 1 : i + 3]
    if after[:2] in (["year", "old"], ["years", "old"]):
        return f"{word} tuổi", 3
    if after[:1] in (["yo"], ["yrs"]):
        return f"{word} tuổi", 2
    if i > 0 and words[i - 1] in ("is", "aged", "age", "turned"):
        return f"{word} tuổi", 1
    return "", 0


@functools.lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary of the shipped data file."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return Glossary(data.get("gloss") or {})
