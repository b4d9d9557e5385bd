"""The child's parents as citizens name them, in an answer to a question about a child.

"ba nó đi làm xa, mình tui đi" at "Ai sẽ đi đăng ký khai sinh cho cháu ạ?": "ba nó" is the
child's father in the South ("má nó" its mother), "ổng"/"bả" the husband/wife, as are
"chồng tôi", "vợ em", "bố cháu". Read word by word, "ba" folds into "bà" and the answer was
taken as "Ông, bà hoặc người thân thích khác" (QA round 12, item 3); "chồng tôi đi" matched
nothing. When the question is about a child (its words say "cháu", "trẻ", "bé", "con"),
these phrases are read as the parent they name ("cha", "mẹ") before the options are
scored. Accented phrases are read as typed ("bà nó", "bà cháu" stay a grandmother); the
accent-free forms only in a message typed without accents ("ba no di lam xa").
"""

from __future__ import annotations

import re

from knowledge.normalize import fold

# words of a question about a child
CHILD = frozenset("chau tre be con".split())
CHA, ME = "cha", "mẹ"
_ACCENTED = {
    "ba nó": CHA, "ba cháu": CHA, "ba của cháu": CHA, "ba tụi nhỏ": CHA, "bố nó": CHA,
    "bố cháu": CHA, "bố của cháu": CHA, "chồng tôi": CHA, "chồng em": CHA, "chồng tui": CHA,
    "chồng mình": CHA, "chồng chị": CHA, "ông xã": CHA, "ổng": CHA,
    "má nó": ME, "má cháu": ME, "má của cháu": ME, "mẹ nó": ME, "mẹ cháu": ME,
    "vợ tôi": ME, "vợ em": ME, "vợ tui": ME, "vợ mình": ME, "vợ anh": ME, "bà xã": ME,
    "bả": ME,
}  # fmt: skip
_FOLDED = {fold(said): parent for said, parent in _ACCENTED.items()} | {"ba no": CHA}
# accent-free "ong", "ba", "ba chau" say a grandparent as well: left as typed
_FOLDED = {s: p for s, p in _FOLDED.items() if s not in ("ong", "ba", "ba chau", "ba cua chau")}


def _replace(text: str, table: dict[str, str]) -> str:
    for said in sorted(table, key=len, reverse=True):  # "ba của cháu" before "ba cháu"
        text = re.sub(rf"(?<=\s){re.escape(said)}(?=[\s,.;!?])", table[said], text)
    return text


def as_parents(text: str, subject: frozenset[str]) -> str:
    """``text`` with the names of the child's parents read as "cha"/"mẹ", when the question
    (its accent-free ``subject`` words) is about a child; else ``text`` as typed."""
    if not CHILD & subject:
        return text
    lowered = f" {text.lower()} "
    table = _FOLDED if lowered.isascii() else _ACCENTED
    return _replace(lowered, table).strip()


# "ổng", "bả" (Southern: he, she) are no "ông", "bà" of a label ("Ông, bà hoặc người thân");
# "ừa", "ờ", "ờm" (yes, as said in the South) are "ừ": without accents they would be "ủa", "ở"
_PRONOUNS = {"ổng": "ông ấy", "bả": "bà ấy", "ừa": "ừ", "ờ": "ừ", "ờm": "ừ"}
_PRONOUN = re.compile(r"(?<![^\W\d_])(ổng|bả|ừa|ờm|ờ)(?![^\W\d_])", re.IGNORECASE)


def spoken(text: str) -> str:
    """``text`` with the Southern third-person pronouns written out ("ổng" -> "ông ấy") and
    the Southern "yes" words as "ừ" ("ừa")."""
    return _PRONOUN.sub(lambda m: _PRONOUNS[m.group(1).lower()], text)
