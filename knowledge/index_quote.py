"""A curated procedure's own name or alias said whole in a short question ("con tôi 3 tuổi
rồi mà chưa làm giấy khai sinh": "làm giấy khai sinh") is strong evidence for it, stronger
than its score says: the confidence model was fitted on scores only, and a question wrapped
in a story scores low on any name. ``quoted`` marks such a top match; ``band`` answers it
directly when it leads clearly (``knowledge.index_bands.QUOTE_LEAD``).

Not when the runner-up is quoted too, the question negates something ("khỏi làm giấy độc
thân, em cần đăng ký kết hôn"), is long or ends in an exclamation (a story names papers in
passing: "hồi trước tôi đi làm giấy khai sinh cho con, cán bộ dễ thương lắm").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from knowledge.index_bands import ends_exclaimed
from knowledge.index_runs import NEGATED, Tok
from knowledge.normalize import fold
from knowledge.schema import Procedure

QUOTE_MIN_WORDS = 2  # a one-word alias ("khai tử") is said in many other questions
QUOTE_MAX_WORDS = 20  # a longer message tells a story: its names are said in passing


def quotes_of(procs: Sequence[Procedure]) -> list[tuple[str, ...]]:
    """Per procedure, the accent-free texts that quote it (curated procedures only)."""
    out: list[tuple[str, ...]] = []
    for p in procs:
        texts: Iterable[str] = (p.short_name or "", *p.aliases) if p.curated else ()
        out.append(
            tuple(f" {t} " for t in {fold(x) for x in texts} if len(t.split()) >= QUOTE_MIN_WORDS)
        )
    return out


def quoted(
    query: str, toks: Sequence[Tok], quotes: Sequence[tuple[str, ...]], pids: Sequence[int]
) -> bool:
    """True when the question quotes the first of ``pids`` and not the second."""
    if not pids or len(query.split()) > QUOTE_MAX_WORDS or ends_exclaimed(query):
        return False  # long, or "... cán bộ dễ thương lắm": a story, names said in passing
    if any(t.role == NEGATED for t in toks):
        return False
    said = f" {fold(query)} "
    if not any(q in said for q in quotes[pids[0]]):
        return False
    return len(pids) < 2 or not any(q in said for q in quotes[pids[1]])
