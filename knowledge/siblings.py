"""Sibling variants: the question's distinguishing words decide, not popularity.

Many procedures come in variants whose official names differ by a few words: under 14 /
adult card, first issue / reissue ("cấp lại"), commune / province ("thực hiện tại cấp
tỉnh"), "lưu động", "có yếu tố nước ngoài", "bị mất" / "cấp đổi". Two of the best matches
are *siblings* when their names share most of their weight. When the question says words
only one sibling has ("dưới 14 tuổi", "cấp lại", "nước ngoài") and none only the other
has, that sibling goes first with a clear lead, whatever the popularity prior says; when
it says neither, the scores (and the prior: the base procedure) decide. Siblings that differ
only by the level that handles them ("thực hiện tại cấp tỉnh") are the same procedure for a
citizen at the commune: unless the question names a level, the commune's one leads clearly.
"""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.index_build import FIELD_KIND, Arrays
from knowledge.index_score import Query, Scored

SIB_N = 8  # how many of the best matches are compared pairwise
SIB_SHARE = 0.8  # siblings: the smaller name lies (nearly) whole inside the other
MIN_MENTION = 1.2  # IDF weight of distinguishing words the question must say ...
MENTION_SHARE = 0.34  # ... and at least this share of them ("cho con" is no "nhận cha, mẹ, con")
# ... or a phrase of them said as typed and at least this share ("bị mất" alone does not name
# "Cấp lại Giấy phép đào tạo lái xe ô tô khi bị mất" against "Cấp lại giấy phép lái xe")
PHRASE_SHARE = 0.12
SIB_BONUS = 1.0  # the named sibling ends this much above the other ...
SIB_MARGIN = 12.5  # ... and the other this far below it (past the bands' lead)
SIB_RANGE = 40.0
BASE_RANGE = 15.0  # a base this close below a variant whose own words were not said leads  # a sibling further below than this is not in contention
MIN_FIELD_WORDS = 4  # an alias or example question compared as a text needs this many words
FOREIGN = "nuoc ngoai"  # a variant's qualifier the question must say (``unsaid_foreign``)
FOREIGN_PAIRS = ("yeu to", "to nuoc")  # ... in its name: "có yếu tố nước ngoài"
FOREIGN_RANGE = 40.0  # ... when the match without it is at most this far below
FIRST_TIME = frozenset(("lan", "dau"))  # "lần đầu": the default act when nothing else is said
KIN = frozenset("cha me bo ma con vo chong".split())
LEVEL_WORDS = frozenset("thuc hien tai cap tinh huyen xa trung uong bo".split())
# "(thực hiện tại cấp tỉnh)": only the level's own noun names it ("chứng thực" is no "thực hiện")
LEVEL_FILLER = frozenset("thuc hien tai cap".split())


def _mass(weights: dict[int, float], tids: Iterable[int]) -> float:
    return sum(weights.get(t, 0.0) for t in tids)


def adjudicate(a: Arrays, q: Query, ranked: list[Scored]) -> list[Scored]:
    """The ranking with named siblings moved ahead of their unnamed siblings."""
    top = list(ranked[:SIB_N])
    # the sibling pairs among the best (most questions have none: nothing to adjudicate)
    known = {
        (x.pid, y.pid) if x.pid < y.pid else (y.pid, x.pid)
        for i, x in enumerate(top)
        for y in top[i + 1 :]
        if abs(x.score - y.score) <= SIB_RANGE and siblings(a, x, y)
    }
    if not known:
        return list(ranked)
    # what the question says, a purpose clause included ("giao khu vực biển để nuôi hàu")
    said = {
        int(t): float(w)
        for t, w in zip(q.soft_tids, q.soft_weights, strict=True)
        if a.t_unigram[int(t)]
    }
    said.update(
        (int(t), float(w)) for t, w in zip(q.tids, q.weights, strict=True) if int(t) in q.unigrams
    )
    # phrases said as typed, a purpose clause's too ("để nuôi trồng thủy sản"); a phrase an
    # event or the age rule derived was not typed ("3 tuổi" -> "dưới 6 tuổi" does not name
    # the under-6 joint procedure against the plain birth registration)
    pairs = frozenset(
        int(t)
        for t in (*q.tids.tolist(), *q.soft_tids.tolist())
        if not a.t_unigram[int(t)] and int(t) not in q.event_tids
    )
    levels = _ids(a, LEVEL_WORDS)
    for t in _ids(a, LEVEL_FILLER):
        said.pop(t, None)
    demoted: set[int] = set()  # led clearly by a sibling: never lifted again
    for _ in range(3):  # a few passes settle chains of siblings; each pass may move one
        if not _one_pass(a, said, pairs, top, levels, known, demoted):
            break
    return top + list(ranked[SIB_N:])


def unsaid_foreign(a: Arrays, q: Query, ranked: list[Scored]) -> list[Scored]:
    """A match whose official name says "có yếu tố nước ngoài" goes below a close match whose
    name does not, unless the question says "nước ngoài" (a nationality counts:
    ``abbreviations.yaml``): "chú nhận cháu ruột làm con nuôi" is the adoption at home, not
    the one with a foreign element whose long name lists uncles."""
    ids = [a.vocab.get(t) for t in FOREIGN_PAIRS]
    said = a.vocab.get(FOREIGN)
    if None in ids or said is None or len(ranked) < 2:
        return ranked
    if said in q.tids.tolist() or said in q.soft_tids.tolist():
        return ranked

    def foreign(s: Scored) -> bool:
        # matched on its name: an alias or example question written for it ("con lai")
        # carries the foreign element itself
        named = a.f_kind[s.fid] != FIELD_KIND["alias"] and not a.f_question[s.fid]
        return named and all(t in a.name_pairs[s.pid] for t in ids)

    local = next((s for s in ranked if not foreign(s)), None)
    if local is None or local is ranked[0]:
        return ranked
    out = [
        s.rescored(local.score - 0.1)
        if local.score <= s.score <= local.score + FOREIGN_RANGE and foreign(s)
        else s
        for s in ranked
    ]
    out.sort(key=lambda s: (-s.score, s.pid))
    return out


def _first_time_of(a: Arrays, y: Scored, x: Scored, levels: frozenset[int]) -> bool:
    """y is x's act done the first time: y's own words are only "lần đầu" (and a level),
    x's own words say another act ("xóa", "đăng ký lại")."""
    ny, nx = a.name_terms[y.pid].keys(), a.name_terms[x.pid].keys()
    own_y, own_x = ny - nx - levels, nx - ny - levels
    first = _ids(a, FIRST_TIME)
    return bool(own_y) and own_y <= first and bool(own_x - first)


def _base_unsaid(
    a: Arrays,
    said: dict[int, float],
    pairs: frozenset[int],
    x: Scored,
    y: Scored,
    levels: frozenset[int],
) -> bool:
    """y is x without x's own words (the base procedure), close below it, and the question
    names none of x's own words clearly (``_named``); x was matched on its name, not on an
    alias or example question written for it."""
    if x.score - y.score > BASE_RANGE:
        return False
    nx, ny = a.name_terms[x.pid].keys(), a.name_terms[y.pid].keys()
    if ny - nx - levels or not (nx - ny - levels):
        return False
    on_name = a.f_kind[x.fid] != FIELD_KIND["alias"] and not a.f_question[x.fid]
    return on_name and not _named(a, said, pairs, x, y, levels)


def _pair_words(a: Arrays, pair_ids: frozenset[int], held: frozenset[int]) -> frozenset[int]:
    """The kinship words of the word pairs that hold another word not in ``held``: "cha" in
    "nhận cha" is what is done, in "có cha là người Pháp" (or "cha mẹ") who is told of."""
    if not pair_ids:
        return frozenset()
    inverse = a.memo.get(("terms",))
    if inverse is None:  # term id -> term, built once (the memo is rarely cleared)
        inverse = [""] * len(a.vocab)
        for term, tid in a.vocab.items():
            inverse[tid] = term
        a.remember(("terms",), inverse)
    out: set[int] = set()
    kin = _ids(a, KIN)
    for t in pair_ids:
        words = {a.vocab[w] for w in inverse[t].split() if w in a.vocab}  # type: ignore[index]
        if words - held - kin:
            out |= words & kin
    return frozenset(out)


def _ids(a: Arrays, words: frozenset[str]) -> frozenset[int]:
    return frozenset(a.vocab[w] for w in words if w in a.vocab)


def _named(
    a: Arrays,
    said: dict[int, float],
    pairs: frozenset[int],
    y: Scored,
    x: Scored,
    levels: frozenset[int],
) -> float:
    """How clearly the question names y's own words (against x): their weight, or 0 when
    they are too few of y's extra words and no phrase of them was said as typed."""
    wx, wy = a.name_terms[x.pid], a.name_terms[y.pid]
    extra = wy.keys() - wx.keys()
    # a whole phrase of y's own words, said as typed ("nước ngoài", "lưu động")
    own_pairs = pairs & a.name_pairs[y.pid] - a.name_pairs[x.pid]
    phrase = bool(own_pairs)
    # x's best text may hold y's words too ("cha" in "khai sinh cho con có cha người nước
    # ngoài"); a kinship word counts when the question typed it in a phrase of y's with a
    # word x's text lacks ("nhận cha"; not "cha mẹ", not "bị mất")
    held = a.field_terms(x.fid)
    held = held - _pair_words(a, own_pairs - held, held)
    mentioned = _mass(said, extra - held)
    share = mentioned / (_mass(wy, extra - levels) or 1.0)
    ok = mentioned >= MIN_MENTION and (
        share >= MENTION_SHARE or (phrase and share >= PHRASE_SHARE)
    )
    return mentioned if ok else 0.0


def siblings(a: Arrays, x: Scored, y: Scored) -> bool:
    """Two matches whose official names are variants of one another (SIB_SHARE), or whose
    matched texts are: a curated procedure matched by an alias ("giấy chứng nhận đăng ký hộ
    kinh doanh") is the base of the official name that holds that alias and more."""
    key = ("sib", x.fid, y.fid) if x.fid < y.fid else ("sib", y.fid, x.fid)
    got = a.memo.get(key)
    if got is None:
        got = _siblings(a.name_terms[x.pid], a.name_terms[y.pid])
        if not got:
            fx, fy = _field_weights(a, x), _field_weights(a, y)
            # a short alias ("nhận nuôi") lies inside many names: it says nothing of kinship
            got = min(len(fx), len(fy)) >= MIN_FIELD_WORDS and _siblings(fx, fy)
        a.remember(key, got)
    return bool(got)


def _field_weights(a: Arrays, s: Scored) -> dict[int, float]:
    if a.f_kind[s.fid] == 1.0 and not a.f_question[s.fid]:  # the name (or short name) itself
        return a.name_terms[s.pid]
    return {t: float(a.idf[t]) for t in a.field_terms(s.fid) if a.t_unigram[t]}


def _siblings(wx: dict[int, float], wy: dict[int, float]) -> bool:
    if not wx or not wy:
        return False
    mx, my = sum(wx.values()), sum(wy.values())
    small, big = (wx, wy) if mx <= my else (wy, wx)
    if max(small, key=small.__getitem__) not in big:  # cheap: the smaller's heaviest word
        return False
    both = wx.keys() & wy.keys()
    return min(_mass(wx, both), _mass(wy, both)) >= SIB_SHARE * min(mx, my)


def _one_pass(
    a: Arrays,
    said: dict[int, float],
    pairs: frozenset[int],
    top: list[Scored],
    levels: frozenset[int],
    known: set[tuple[int, int]],
    demoted: set[int],
) -> bool:
    for i in range(len(top)):
        for j in range(i + 1, len(top)):
            x, y = top[i], top[j]
            if x.score - y.score > SIB_RANGE:
                continue
            if ((x.pid, y.pid) if x.pid < y.pid else (y.pid, x.pid)) not in known:
                continue
            nx, ny = a.name_terms[x.pid].keys(), a.name_terms[y.pid].keys()
            sx, sy = nx & said.keys(), ny & said.keys()  # what the question says of each
            any_x = bool(sx - ny)
            any_y = bool((sy - nx) - a.field_terms(x.fid))
            if not any_x and _named(a, said, pairs, y, x, levels):
                # y's own words were said, none of x's: y leads, just above x and never
                # above a match that ranked above x
                new_y = y.score if y.pid in demoted else max(y.score, x.score + SIB_BONUS)
                if i > 0:
                    new_y = min(new_y, max(y.score, top[i - 1].score - 0.1))
                top[i] = y.rescored(new_y)
                top[j] = x.rescored(min(x.score, new_y - SIB_MARGIN))
                top.sort(key=lambda s: (-s.score, s.pid))
                return True
            if not any_x and not any_y and _first_time_of(a, y, x, levels):
                # "đăng ký mô tô nước": neither "xóa" nor "lần đầu" said, the first
                # registration is the plain act, not its removal
                top[i] = y.rescored(x.score)
                top[j] = x.rescored(x.score - SIB_MARGIN - 0.5)
                demoted.add(x.pid)
                top.sort(key=lambda s: (-s.score, s.pid))
                return True
            if _base_unsaid(a, said, pairs, x, y, levels):
                # "con tôi 3 tuổi rồi mà chưa làm giấy khai sinh": the variant's own words
                # (liên thông, thường trú, bảo hiểm y tế) were not said: the base leads
                top[i] = y.rescored(x.score)
                top[j] = x.rescored(x.score - SIB_MARGIN - 0.5)
                demoted.add(x.pid)
                top.sort(key=lambda s: (-s.score, s.pid))
                return True
            if y.score <= x.score - SIB_MARGIN or any_y:
                continue
            clear = bool(_named(a, said, pairs, x, y, levels))  # x's own words said
            base = not any_x and not (nx - ny - levels)  # x is y without y's extra words
            same = not (nx ^ ny) - levels or a.name_core[x.pid] == a.name_core[y.pid]
            level = same and a.prior[x.pid] > a.prior[y.pid]
            if clear or base or level:
                # x was named and y not; or x is the base and y's extras were not said; or
                # the same procedure at another level, no level named: x leads clearly
                top[j] = y.rescored(x.score - SIB_MARGIN - 0.5)
                demoted.add(y.pid)
                top.sort(key=lambda s: (-s.score, s.pid))
                return True
    return False
