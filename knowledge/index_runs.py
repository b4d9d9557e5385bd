"""Runs of a message's tokens and their weighted content words (used by ``index_query``).

A *run* is a maximal stretch of tokens with the same clause, segment and role: bigrams form
inside a run only. Typed without accents, a word that collides with a question word ("thua":
thưa/thửa) weighs little unless it forms a specific term with its neighbour ("tach thua").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from knowledge.index_build import Arrays
from knowledge.index_score import SPECIFIC_DF
from knowledge.index_text import analyze_words, terms_of

MAIN, PURPOSE, NEGATED = 0, 1, 2


@dataclass(slots=True)
class Tok:
    """One word of an analysed message."""

    word: str  # normalised (accented when typed so)
    clause: int
    seg: int
    role: int = MAIN
    derived: bool = False  # added by an event or the age rule, not typed
    contrast: bool = False  # negated by "không phải" (the act, not the thing: query_roles)


def run_content(
    words: list[str], scales: list[float], specific: Collection[str]
) -> list[tuple[str, float, bool]]:
    """Content words of one run: (accent-free word, multiplier, joined to the previous)."""
    plain: list[bool] = []
    content = analyze_words(words, True, scales, plain)
    if all(plain):  # typed without accents: "thua" may be "thửa"
        content = _context_bump(content, plain, specific, scales)
    return content


def _context_bump(
    content: list[tuple[str, float, bool]],
    plain: list[bool],
    specific: Collection[str],
    scales: Sequence[float],
) -> list[tuple[str, float, bool]]:
    """Accent-free words that collide with question words ("thua": thưa/thửa, "can": cần/
    căn) weigh little; next to a word they form a specific term with ("tach thua", "can
    cuoc") they are that term's word and weigh fully."""
    out = list(content)
    top = max(scales, default=1.0)
    for i in range(1, len(out)):
        (f1, m1, j1), (f2, m2, j2) = out[i - 1], out[i]
        weak_plain = (m1 < top and plain[i - 1]) or (m2 < top and plain[i])
        if not (j2 and weak_plain):
            continue  # typed with accents, a word is exactly what it says
        if f"{f1} {f2}" in specific:
            out[i - 1] = (f1, max(m1, top), j1)
            out[i] = (f2, max(m2, top), j2)
    return out


def runs_of(toks: Sequence[Tok]) -> list[list[Tok]]:
    """Maximal runs of tokens with the same clause, segment and role (bigrams stay inside)."""
    runs: list[list[Tok]] = []
    for t in toks:
        last = runs[-1][-1] if runs else None
        if last is not None and (last.clause, last.seg, last.role) == (t.clause, t.seg, t.role):
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def clause_context(clauses: Sequence[tuple[str, ...]], c: int) -> tuple[str, ...]:
    """The words of the clauses either side of clause ``c`` (an event's context may stand
    there: "ba tôi mất, để lại miếng đất, anh em muốn chia nhau")."""
    before = clauses[c - 1] if c > 0 else ()
    after = clauses[c + 1] if c + 1 < len(clauses) else ()
    return before + after


def event_ids(a: Arrays, runs: list[list[Tok]]) -> frozenset[int]:
    """Specific terms of the words event rules put in these runs: each stretch of derived
    words' word pairs (its word, when one), used by few procedures (SPECIFIC_DF)."""
    out: set[int] = set()
    for run in runs:
        i = 0
        while i < len(run):
            j = i
            while j < len(run) and run[j].derived:
                j += 1
            if j > i:
                terms = terms_of(analyze_words([t.word for t in run[i:j]], True))
                pairs = [t for t in terms if " " in t] or list(terms)
                out.update(
                    a.vocab[t] for t in pairs if t in a.vocab and a.df[a.vocab[t]] <= SPECIFIC_DF
                )
            i = j + 1
    return frozenset(out)
