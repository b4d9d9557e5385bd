"""Turning a text into weighted search terms (used by ``knowledge.index``).

Terms are accent-free syllables and syllable bigrams. Question words ("thủ tục", "cần gì",
"ạ") weigh nothing when typed with accents. Typed without accents some of them collide with
meaningful syllables ("can" = cần/căn, "the" = thế/thẻ, "chi" = chị/chi phí), so those keep a
part of their weight instead of being dropped. Attribute words of a question (lệ phí, thời
hạn, ở đâu, các bước, online...) ask *about* a procedure and are evidence for none.

A bigram joins two words only when they were typed side by side: "sinh ạ có" gives no
"sinh có" (which would point at "khai sinh có yếu tố nước ngoài").
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.abbrev import Expander
from knowledge.normalize import fold_word, normalize

# Phrases removed before words are looked at (accent-free, whole words).
STOP_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(fold_word(w) for w in p.split())
    for p in """thu tuc hanh chinh, thu tuc, giay to, ho so, can gi, can nhung gi, nhu the nao,
    the nao, lam sao, o dau, bao lau, bao nhieu, cho hoi, xin hoi, vui long, huong dan,
    lam the nao, can chuan bi, chuan bi, can mang, mang theo, phai lam, muon lam, toi muon,
    em muon, minh muon, mat bao lau, mat bao nhieu, mat may ngay, mat phi, mat tien,
    het bao nhieu, ton bao nhieu, bao nhieu tien, may ngay, bao nhieu ngay, le phi,
    co duoc khong, duoc khong, o dau""".split(",")
    if p.strip()
)

# What a question asks about a procedure (question side only: "lệ phí trước bạ" is a name).
ATTRIBUTE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(fold_word(w) for w in p.split())
    for p in """le phi, phi, chi phi, mien phi, bao nhieu tien, het bao nhieu tien, thoi han,
    thoi han giai quyet, thoi gian, thoi gian giai quyet, mat bao lau, bao lau, may ngay,
    nop o dau, lam o dau, noi nop, o dau, cac buoc, nhung buoc nao, buoc nao, quy trinh,
    trinh tu, online, onl, truc tuyen, qua mang, tren mang, nop online, nop truc tuyen,
    co quan nao, co quan nao giai quyet, ai giai quyet, noi nao, mau don, mau to khai,
    dieu kien gi, can dieu kien gi, bao gio xong, khi nao xong, lam sao, cach lam,
    ngay mai, hom nay, hom qua, tuan sau, tuan truoc, tuan nay, thang sau, thang truoc,
    nam ngoai, nam nay, sang mai, chieu mai, sang nay, chieu nay, bay gio, luc nay, hien nay,
    gio, sap toi""".split(",")
    if p.strip()
)

# Accented words that never carry meaning in a question or a procedure name ("thế" does:
# "thế chấp"; "thế nào" is a stop phrase).
STOP_ACCENTED = frozenset(
    """thủ tục làm cần gì những nào ạ ơi em anh chị bạn tôi mình cho hỏi xin muốn thì là của
    được không nhé nha với vậy ra như bao nhiêu lâu đâu ở mấy các và để phải đi rồi hả hở à
    ấy này đó giúp cách vui lòng thưa dạ vâng ad admin shop mọi cô chú bác ông bà
    nên hay hoặc theo về tại trong khi nếu sẽ đã đang cũng mà nhưng thì vừa tối""".split()
)

# Accent-free spellings: weight multiplier (0 = ignore). Unlisted words weigh fully.
STOP_FOLDED: dict[str, float] = {
    w: float(m)
    for w, m in (
        pair.split("=")
        for pair in """gi=0.0 nhung=0.0 nao=0.0 oi=0.0 a=0.0 em=0.0 anh=0.1 xin=0.0 cua=0.1
    duoc=0.0 khong=0.1 ra=0.1 roi=0.0 giup=0.0 cac=0.0 va=0.0 o=0.0 phai=0.1 thua=0.1
    da=0.1 vang=0.1 nhe=0.0
    ad=0.0 admin=0.0 shop=0.0 ah=0.0 nhi=0.0 lam=0.2 chi=0.3 toi=0.2 cho=0.1 can=0.5
    hoi=0.3 muon=0.3 thi=0.3 la=0.2 nha=0.5 voi=0.2 vay=0.5 nhu=0.2 bao=0.5 lau=0.3 dau=0.3
    may=0.3 de=0.3 di=0.3 cach=0.2 ban=0.3 minh=0.5 the=0.8 co=0.5 ve=0.3 tai=0.3 trong=0.3
    khi=0.3 neu=0.1 se=0.2 dang=0.8 cung=0.3 ma=0.3 nen=0.3 hay=0.2 hoac=0.1 theo=0.3
    ong=0.3 ba=0.3 bac=0.3 chu=0.3 nguoi=0.5 moi=0.5 viec=0.3""".split()
    )
}


# Accented words that carry little meaning: "có" in "có cần gì" (but "có yếu tố nước ngoài").
WEAK_ACCENTED = {"có": 0.5, "việc": 0.3}


def word_weight(word: str, folded: str) -> float:
    """Multiplier (0..1) of one normalised word in a text, from its accented form if any."""
    if folded != word:  # typed with accents: we know exactly which word it is
        return 0.0 if word in STOP_ACCENTED else WEAK_ACCENTED.get(word, 1.0)
    if word in STOP_ACCENTED and word not in STOP_FOLDED:
        return 0.0
    return STOP_FOLDED.get(word, 1.0)


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return out


_STOP_BY_FIRST = _by_first(STOP_PHRASES)
_QUESTION_BY_FIRST = _by_first(STOP_PHRASES + ATTRIBUTE_PHRASES)


def _drop_phrases(folded: list[str], by_first: dict[str, list[tuple[str, ...]]]) -> list[bool]:
    keep = [True] * len(folded)
    for i, word in enumerate(folded):
        for phrase in by_first.get(word, ()):
            n = len(phrase)
            if tuple(folded[i : i + n]) == phrase:
                for j in range(i, i + n):
                    keep[j] = False
    return keep


def _number(folded: str) -> str:
    """ "09 số", "mức độ 02" are "9 số", "mức độ 2": leading zeros dropped."""
    if len(folded) > 1 and folded[0] == "0" and folded.isdigit():
        return folded.lstrip("0") or "0"
    return folded


Content = list[tuple[str, float, bool]]  # (accent-free word, multiplier, joined to previous)


def analyze_words(
    words: list[str],
    question: bool = False,
    scale: Sequence[float] | None = None,
    plain: list[bool] | None = None,
) -> Content:
    """Accent-free content words in order: multiplier and whether it was typed right after
    the previous content word (bigrams form only then). ``question`` also drops the
    attribute words of a question (``ATTRIBUTE_PHRASES``); ``scale`` multiplies each word's
    weight (a purpose clause, words added by a rule); ``plain``, when given, receives for
    each content word whether it was typed without accents."""
    folded = [_number(fold_word(w)) for w in words]
    keep = _drop_phrases(folded, _QUESTION_BY_FIRST if question else _STOP_BY_FIRST)
    out: Content = []
    joined = False
    for i, (w, f, k) in enumerate(zip(words, folded, keep, strict=True)):
        m = word_weight(w, f) if k else 0.0
        if scale is not None:
            m *= scale[i]
        if m > 0:
            out.append((f, m, joined))
            joined = True
            if plain is not None:
                plain.append(fold_word(w) == w)
        else:
            joined = False
    return out


def terms_of(content: Content) -> dict[str, float]:
    """Unigram and bigram terms of content words -> weight multiplier (max if repeated)."""
    terms: dict[str, float] = {}
    prev: tuple[str, float] | None = None
    for f, m, joined in content:
        if m > terms.get(f, -1.0):
            terms[f] = m
        if joined and prev is not None:
            bi = prev[0] + " " + f
            mb = min(prev[1], m)
            if mb > terms.get(bi, -1.0):
                terms[bi] = mb
        prev = (f, m)
    return terms


def prepare_words(text: str, expander: Expander | None) -> list[str]:
    """Normalised words of a text with abbreviations and colloquial names expanded."""
    words = normalize(text).split()
    return expander.expand(words) if expander is not None else words
