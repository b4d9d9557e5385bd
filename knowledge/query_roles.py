"""The words that give a question's parts their role (used by ``knowledge.index_query``).

Negation ("không phải", "chứ không phải", "đừng"...), where a negation ends ("mà là",
"nhưng"...), purpose ("để", "nhằm", "cho việc"...) and the connectors that may join several
needs ("với", "và", "rồi"...). Typed with accents they must match accent for accent
(``knowledge.events.word_matches``); a few only count when typed with accents.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.events import match_at
from knowledge.index_runs import MAIN, NEGATED, PURPOSE, Tok
from knowledge.normalize import fold_word


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.split(",") if p.strip())


# Typed with accents they must match accent for accent (``knowledge.events.word_matches``).
NEGATION = _phrases(
    """chứ không phải là, chứ không phải, không phải là, không phải, chứ không, chẳng phải,
    chả phải, đâu phải, không cần, không muốn, đừng, tôi không hỏi, em không hỏi,
    không hỏi về, không hỏi, chưa cần, không có ý định, không định, chứ không xin, không xin"""
)
ACCENTED_ONLY = {("đừng",)}  # "dung" is dùng, dũng, đúng... far more often than đừng
NEGATION_END = _phrases("mà là, mà, nhưng, chỉ, còn, thôi, là")
# "không muốn làm hòa giải viên nữa", "ko muốn kinh doanh nữa": no negation but the wish to
# stop, which the catalogue names "thôi" ("Thủ tục thôi làm hòa giải viên")
STOP_CUES = frozenset({("khong", "muon")})  # accent-free
STOP_END, STOP_WORD = "nua", "thôi"

# A clause that ends with these says a step is already done ("khai sinh làm rồi", "đã có sổ
# đỏ rồi"): when another clause follows, the done step is evidence against, like a negation.
DONE_END = _phrases("rồi, xong rồi, xong, đã xong, có rồi, làm rồi")
# ... only when the citizen did it or has it ("bây giờ bỏ sổ hộ khẩu rồi" is the world's
# news, not a step done) ...
DONE_BY = {"da", "co", "lam", "xong"}
DONE_NOT_PREV = {"bo"}  # "bỏ rơi" typed without accents
# ... and not abroad: "ly hôn ở Hàn Quốc rồi, về ghi chú vào sổ" is the event the commune
# records (the catalogue's "... đã giải quyết tại cơ quan có thẩm quyền nước ngoài").
DONE_ABROAD = ("nước", "ngoài")
PURPOSE_MARKERS = _phrases(
    "để, nhằm mục đích, nhằm, cho việc, phục vụ việc, với mục đích, mục đích là, dùng để"
)
PURPOSE_NOT_NEXT = {"lai", "con", "em", "be", "xong", "ra"}  # để lại; đẻ con, đẻ xong...
PURPOSE_NOT_PREV = {"moi", "vua", "sap", "da", "de", "khi"}  # mới đẻ, sắp đẻ...
# After a how-question the purpose *is* the need: "làm sao để tôi đứng tên", "cần làm gì để
# được trợ cấp" ask how to reach it ("giấy độc thân để đi kết hôn" keeps its purpose).
HOW_BEFORE = _phrases(
    "làm sao, làm thế nào, thế nào, làm cách nào, cách nào, làm gì, cần gì, cần những gì, ra sao"
)
# "mua đất giấy tay, giờ muốn làm hợp đồng có chứng thực": what was told before "giờ muốn"
# (now I want) is the background, what follows is the need; the background counts as a
# purpose clause does (a little), the need in full.
NOW_CUES = _phrases(
    """giờ muốn, giờ cần, giờ xin, giờ định, bây giờ muốn, bây giờ cần, bây giờ xin,
    bây giờ định, giờ em muốn, giờ tôi muốn, giờ tui muốn, giờ mình muốn, giờ con muốn,
    bây giờ em muốn, bây giờ tôi muốn, nay muốn, nay cần, giờ đây muốn"""
)
# ... unless a foreign element is told there: the whole case names the variant ("cha của bé
# là người Nhật, giờ muốn làm giấy nhận con": "có yếu tố nước ngoài"); a nationality is expanded
# to these accented words (abbreviations.yaml), "ngoại" of "bà ngoại" is not one of them
NOW_KEEP = frozenset({"nước", "ngoài"})
CONNECTORS = _phrases("cùng với, với cả, với, và, rồi, sau đó, đồng thời, kèm theo, còn")
CONNECTOR_ACCENTED_ONLY = {("còn",)}  # "con" is a child far more often


class Phrases:
    """Phrases indexed by their first accent-free word (looked up at every word)."""

    def __init__(self, phrases: Sequence[tuple[str, ...]], accented_only=()) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            self._by_first.setdefault(fold_word(p[0]), []).append(p)
        self._accented_only = frozenset(accented_only)

    def at(self, words: Sequence[str], i: int) -> tuple[str, ...] | None:
        """The longest phrase starting at ``words[i]``, if any."""
        for p in self._by_first.get(fold_word(words[i]), ()):
            if p in self._accented_only:
                if tuple(words[i : i + len(p)]) == p:
                    return p
            elif match_at(words, i, p):
                return p
        return None


NEGATION_AT = Phrases(NEGATION, ACCENTED_ONLY)
NEGATION_END_AT = Phrases(NEGATION_END)
PURPOSE_AT = Phrases(PURPOSE_MARKERS)
CONNECTORS_AT = Phrases(CONNECTORS, CONNECTOR_ACCENTED_ONLY)
DONE_END_AT = Phrases(DONE_END)
NOW_AT = Phrases(NOW_CUES)


def wants_to_stop(words: Sequence[str], i: int, cue: tuple[str, ...]) -> bool:
    """True when the negation ``cue`` at ``words[i]`` opens "không muốn ... nữa": the clause
    asks to stop something, and what follows the cue is the need."""
    return (
        tuple(fold_word(w) for w in cue) in STOP_CUES
        and len(words) > i + len(cue) + 1
        and fold_word(words[-1]) == STOP_END
    )


def is_done(words: Sequence[str]) -> bool:
    """True when a clause says a step is done ("... làm rồi", "đã có ... rồi"): it ends
    with a done marker, the citizen did it, it holds no "chưa" (a step done but waiting is a
    status question) and it did not happen abroad."""
    folded = [fold_word(w) for w in words]
    if len(words) < 2 or "chua" in folded or not DONE_BY.intersection(folded):
        return False
    if any(match_at(words, i, DONE_ABROAD) for i in range(len(words) - 1)):
        return False
    for n in (2, 1):
        end = DONE_END_AT.at(words, len(words) - n) if len(words) > n else None
        if end is not None and len(end) == n:
            return folded[-n - 1] not in DONE_NOT_PREV
    return False


def purpose_at(words: Sequence[str], i: int) -> int:
    """Length of a purpose cue ("để", "nhằm", "cho việc") at ``words[i]`` that opens a
    purpose clause after a need, or 0."""
    p = PURPOSE_AT.at(words, i)
    if not p or i + len(p) >= len(words) or i == 0:
        return 0
    nxt, prev = fold_word(words[i + len(p)]), fold_word(words[i - 1])
    if p == ("để",) and (nxt in PURPOSE_NOT_NEXT or prev in PURPOSE_NOT_PREV):
        return 0  # "để lại", "mới đẻ", "đẻ con" typed without accents
    if any(match_at(words, i - len(h), h) for h in HOW_BEFORE if i >= len(h)):
        return 0
    return len(p)


NOW_MIN_AFTER = 3  # words after "giờ muốn" that must remain for it to mark the need


def _background(t: Tok) -> bool:
    """A typed word of the need's part that becomes background before "giờ muốn"."""
    return t.role == MAIN and not t.derived


def background_before_now(toks: list[Tok]) -> list[Tok]:
    """The need told after "giờ muốn" / "bây giờ cần" (``NOW_CUES``): the words typed before
    the cue are background, weighed as a purpose clause (what a life event there leads to
    stays: "bị máy cắt đứt 2 ngón tay, giờ em muốn hưởng tiền"); the cue words are dropped.
    Nothing changes when the cue opens the message, too little follows it ("..., giờ muốn làm")
    or a foreign element was told before it (the whole case names the variant)."""
    words = [t.word for t in toks]
    for i in range(1, len(words)):
        cue = NOW_AT.at(words, i)
        if cue is None:
            continue
        after = toks[i + len(cue) :]
        told = toks[:i]
        if len(after) < NOW_MIN_AFTER or not any(t.role == MAIN for t in told):
            return toks
        if any(t.word in NOW_KEEP for t in told):  # a foreign element: all of it is the case
            return toks
        # a word said again after the cue points back at what was told ("đất chưa có sổ đỏ,
        # giờ muốn làm sổ lần đầu"): it and the words naming it with it stay the need
        again = {fold_word(t.word) for t in after}
        kept = {j + k for j, t in enumerate(told) if fold_word(t.word) in again for k in (0, 1, 2)}
        before = [
            Tok(t.word, t.clause, t.seg, PURPOSE, False) if _background(t) and j not in kept else t
            for j, t in enumerate(told)
        ]
        return before + after
    return toks


# "không phải làm mới căn cước đâu, em bị mất cái thẻ nên cần làm lại": what is negated is
# the act ("làm mới"), not the thing ("căn cước"), which the rest refers back to ("cái thẻ").
# In a negated part holding an act word, the other words are the thing: kept as context
# (weighed as a purpose clause). A negated part without an act word is another procedure
# altogether ("không phải giấy phép lái xe, tôi hỏi giấy đăng ký xe bị mất"). Accent-free.
ACT_WORDS = frozenset(
    "lam moi lan dau lai sua mua dang ky ki cap doi hong mat gia han xin".split()
)


def negated_things(toks: list[Tok]) -> list[Tok]:
    """The tokens with the things of a negated act kept as context (``ACT_WORDS``), when the
    cue contrasts ("không phải X", not "không cần X") and a wanted part follows."""
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].role != NEGATED:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].role == NEGATED:
            j += 1
        run = out[i:j]
        acts = [fold_word(t.word) in ACT_WORDS for t in run]
        wanted_after = any(t.role == MAIN and not t.derived for t in out[j:])
        if run[0].contrast and any(acts) and not all(acts) and wanted_after:
            for k, act in enumerate(acts):
                if not act:
                    t = run[k]
                    out[i + k] = Tok(t.word, t.clause, t.seg, PURPOSE, t.derived)
        i = j
    return out


def mark_roles(
    words: list[str], derived: list[bool], clause: int, seg: int, out: list[Tok]
) -> int:
    """Append one clause's tokens to ``out`` with their roles (negated, purpose, main) and
    segments (connectors start a new one); the last segment number."""
    role = MAIN
    i = 0
    negated = 0  # words negated since the last negation cue
    contrast = False  # under "không phải": the act is negated, the thing kept (negated_things)
    while i < len(words):
        neg = NEGATION_AT.at(words, i)
        if neg and role == MAIN and wants_to_stop(words, i, neg):
            out.append(Tok(STOP_WORD, clause, seg, MAIN, True))  # "không muốn X nữa"
            i += len(neg)
            continue
        if neg:
            role, i, negated, contrast = NEGATED, i + len(neg), 0, _contrast(neg)
            continue
        # an end word right after the cue is part of it: "không phải là khai tử",
        # "đừng chỉ em cấp đổi"
        if role == NEGATED and negated and NEGATION_END_AT.at(words, i):
            role, i = MAIN, i + 1
            continue
        purpose = purpose_at(words, i)
        if purpose and role == MAIN:
            role, i = PURPOSE, i + purpose
            continue
        conn = CONNECTORS_AT.at(words, i)
        if conn and role == MAIN:
            seg, i = seg + 1, i + len(conn)
            continue
        out.append(Tok(words[i], clause, seg, role, derived[i], role == NEGATED and contrast))
        negated += role == NEGATED
        i += 1
    return seg


def _contrast(cue: tuple[str, ...]) -> bool:
    """A cue that says "it is not X (but Y)": "không phải", "chứ không", "hổng phải"..."""
    folded = [fold_word(w) for w in cue]
    return "phai" in folded or folded[:2] == ["chu", "khong"]
