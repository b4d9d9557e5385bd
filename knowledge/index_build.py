"""Building the search arrays: field-level postings over every indexed text of a procedure.

A procedure has several *fields* (official name, short name, each alias, each example
question). Every field is analysed into weighted terms (accent-free syllables and bigrams,
``knowledge.index_text``); a term's postings list the fields that contain it with the term's
weight there (IDF times its multiplier). Scoring a question is then a few numpy passes over
the postings of the question's terms (``knowledge.index_score``), for every procedure at once.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from knowledge.abbrev import Expander
from knowledge.index_body import Body, build_body
from knowledge.index_packed import PackedSets, PackedWeights
from knowledge.index_text import analyze_words, prepare_words, terms_of
from knowledge.normalize import strip_procedure_prefix
from knowledge.schema import Procedure

FIELD_KIND = {
    "name": 1.0,
    "short": 1.0,
    "alias": 0.97,
    "question": 0.95,
    "head": 0.9,
    "subject": 0.9,
}
# An official name is a head and qualifiers: "Đăng ký, cấp biển số xe lần đầu | thực hiện bằng
# dịch vụ công một phần hoặc trực tiếp thực hiện tại cấp trung ương...". The head is indexed
# as a field of its own (a little below the whole name), so a short question can cover it.
# A head cut before "đối với"/"trường hợp" (who the procedure is for) is a *subject* head: a
# question that matches only it never gets a direct answer ("hưởng lương hưu hàng tháng" is
# not "... đối với cán bộ xã"), it is suggested.
_SLASH = re.compile(r"\s*/\s*")
_LEVEL = re.compile(
    r"\s*\(|\s+(?:thực hiện|thuộc thẩm quyền|theo nghị định|theo quyết định|theo quy định"
    r"|do chủ tịch|do ủy ban|do ubnd)\s",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"\s+(?:đối với|trong trường hợp|trường hợp)\s", re.IGNORECASE)
CAPPED_KINDS = frozenset({"subject"})
_BRACKETS = re.compile(r"\([^()]*\)?")
PRIOR_POP, PRIOR_CURATED, PRIOR_XA, PRIOR_CENTRAL = 2.0, 0.75, 1.0, -1.0
PRIOR_MINISTRY = -3.0  # handled only by a ministry: rarely what a citizen at the ward asks
MEMO_MAX = 8_192  # entries of ``Arrays.memo``: ~2 MB (50,000 grew a server by ~13 MB)


# "nhận cha, mẹ, con": the word before a list of three or more one-syllable items goes with
# each of them
_LISTED = re.compile(r"(\w+) (\w+)((?:, \w+){2,})(?=$|[\s;.])")


def _listed_pairs(name: str, expander: Expander | None) -> set[str]:
    """The bigrams a list in a name implies ("nhận mẹ", "nhận con" of "nhận cha, mẹ, con"),
    so a question typing one of them says a phrase of that name."""
    out: set[str] = set()
    for m in _LISTED.finditer(name):
        for item in m.group(3).split(",")[1:]:
            words = analyze_words(prepare_words(f"{m.group(1)} {item.strip()}", expander))
            out |= {t for t in terms_of(words) if " " in t}
    return out


def prior_of(p: Procedure) -> float:
    """Score points (-3..~5) that favour common, local procedures over rare variants."""
    prior = PRIOR_POP * max(0.0, min(1.0, p.popularity)) + (PRIOR_CURATED if p.curated else 0.0)
    if any("xã" in lv for lv in p.levels):
        prior += PRIOR_XA
    elif p.levels and all("bộ" in lv for lv in p.levels):
        prior += PRIOR_MINISTRY
    low = p.name.lower()
    if "trung ương" in low or "cấp bộ" in low or "cấp tỉnh" in low:
        prior += PRIOR_CENTRAL
    return prior


# "Cấp lại Giấy chứng nhận ..., Cấp đổi sang Giấy chứng nhận ...": a comma before a capital
# procedure verb starts the next procedure of a combined name
_NEXT_VERB = re.compile(
    r",\s+(?=(?:Cấp|Đăng ký|Gia hạn|Thu hồi|Xóa|Điều chỉnh|Thay đổi|Chấm dứt|Đổi)\b)"
)


def _split_parts(name: str) -> list[str]:
    parts: list[str] = []
    for clause in _NEXT_VERB.sub(";", name).split(";"):
        for piece in _SLASH.split(clause):
            if parts and piece.strip()[:1].islower() and not clause.startswith(piece):
                parts[-1] += "/" + piece
            else:
                parts.append(piece)
    return parts


def name_heads(name: str) -> list[tuple[str, str]]:
    """``(kind, head)`` of the parts of an official name ("A/ B", "A; B") without their
    qualifiers (see above), when they differ from the whole name and keep two words."""
    out: list[tuple[str, str]] = []
    # "(khai sinh; giám hộ; ...)" lists what the procedure covers: never a head of its own
    bare = _BRACKETS.sub(" ", name)
    # "A/ B" names two procedures when B starts with a capital ("nhà, đất/ Miễn lệ phí"), but
    # "hộ gia đình/cá nhân kinh doanh" is one noun phrase
    for part in _split_parts(bare):
        part = strip_procedure_prefix(part.strip(" ,."))
        head = _LEVEL.split(part, maxsplit=1)[0].strip(" ,.")
        short = _SUBJECT.split(head, maxsplit=1)[0].strip(" ,.")
        if _SUBJECT.match(" " + part):
            continue  # "đối với phế liệu...": a qualifier left alone after a ";"
        for kind, text, n in (("head", head, 3), ("subject", short, 3)):
            if len(text.split()) >= n and text != name and text not in (h for _, h in out):
                out.append((kind, text))
    return out


def texts_of(p: Procedure, extra: Sequence[str] = ()) -> list[tuple[str, str]]:
    """``(kind, text)`` of every indexed text of a procedure; ``extra`` are table aliases."""
    name = strip_procedure_prefix(p.name)
    out = [("name", name), *name_heads(name)]
    if p.short_name:
        out.append(("short", p.short_name))
    out += [("alias", a) for a in (*p.aliases, *extra) if a]
    out += [("question", q) for q in p.questions if q]
    return out


@dataclass(slots=True)
class Arrays:
    """The numeric side of the index (see the module docstring)."""

    n_procs: int = 0
    vocab: dict[str, int] = field(default_factory=dict)  # term -> term id
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))
    df: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # procedures
    t_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    t_field: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    t_weight: np.ndarray = field(default_factory=lambda: np.zeros(0))
    t_unigram: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    f_proc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    f_total: np.ndarray = field(default_factory=lambda: np.ones(0))
    f_kind: np.ndarray = field(default_factory=lambda: np.ones(0))
    f_text: list[str] = field(default_factory=list)  # accent-free content words, for rapidfuzz
    f_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    f_tids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    f_capped: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    f_len: np.ndarray = field(default_factory=lambda: np.zeros(0))  # len(f_text)
    f_question: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # an alias of one word ("ĐKKH", "CT07"): typed, that word alone names the procedure
    f_token: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    p_start: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    prior: np.ndarray = field(default_factory=lambda: np.zeros(0))
    max_prior: float = 0.0
    name_terms: Sequence[dict[int, float]] = field(default_factory=list)  # name unigrams
    name_pairs: Sequence[frozenset[int]] = field(default_factory=list)  # name bigrams
    name_mass: list[float] = field(default_factory=list)  # total weight of name_terms
    name_heavy: list[int] = field(default_factory=list)  # the heaviest of name_terms (or -1)
    name_core: Sequence[frozenset[int]] = field(default_factory=list)  # name without level
    body: Body = field(default_factory=Body)  # secondary texts (knowledge.index_body)
    # per-field and per-pair results that never change for a built index, filled on demand
    # by the questions (bounded: cleared when full, so memory stays flat)
    memo: dict[object, object] = field(default_factory=dict)

    @property
    def n_fields(self) -> int:
        return len(self.f_text)

    def field_terms(self, fid: int) -> frozenset[int]:
        """Term ids of one field (field-major postings; built on demand, few per question)."""
        key = ("terms", fid)
        got = self.memo.get(key)
        if got is None:
            got = frozenset(self.f_tids[self.f_ptr[fid] : self.f_ptr[fid + 1]].tolist())
            self.remember(key, got)
        return got  # type: ignore[return-value]

    def remember(self, key: object, value: object) -> None:
        """Keep a derived value (see ``memo``)."""
        if len(self.memo) >= MEMO_MAX:
            self.memo.clear()
        self.memo[key] = value


def build_arrays(
    procs: Sequence[Procedure],
    expander: Expander | None,
    extra_aliases: dict[str, list[str]] | None = None,
) -> Arrays:
    """Analyse every field of every procedure and lay out the postings (see module doc)."""
    extra_aliases = extra_aliases or {}
    raw: list[list[tuple[str, dict[str, float], str]]] = []
    names: list[dict[str, float]] = []
    pairs: list[set[str]] = []
    owns: list[set[str]] = []
    df: dict[str, int] = {}
    for p in procs:
        per_proc = []
        seen: set[str] = set()
        name_words: dict[str, float] = {}
        name_pairs: set[str] = set()
        for kind, text in texts_of(p, extra_aliases.get(p.code, ())):
            content = analyze_words(prepare_words(text, expander))
            terms = terms_of(content)
            if kind == "name":
                name_words = {t: m for t, m in terms.items() if " " not in t}
                name_pairs = {t for t in terms if " " in t} | _listed_pairs(text, expander)
            if not terms:
                continue
            per_proc.append((kind, terms, " ".join(c[0] for c in content)))
            seen.update(terms)
        if not per_proc:  # every procedure keeps one (empty) field: reduceat needs it
            per_proc.append(("name", {}, ""))
        for t in seen:
            df[t] = df.get(t, 0) + 1
        raw.append(per_proc)
        owns.append(seen)
        names.append(name_words)
        pairs.append(name_pairs)
    n = max(1, len(procs))
    a = Arrays(n_procs=len(procs))
    terms_sorted = sorted(df)
    a.vocab = {t: i for i, t in enumerate(terms_sorted)}
    a.idf = np.array([math.log(1.0 + n / df[t]) for t in terms_sorted], dtype=np.float64)
    a.df = np.array([df[t] for t in terms_sorted], dtype=np.int64)
    a.t_unigram = np.array([" " not in t for t in terms_sorted], dtype=bool)
    # field-major postings first (term id, weight per field), then sorted by term
    tids, weights, f_ptr = array("i"), array("d"), [0]
    f_proc, f_total, f_kind, f_capped, f_question, p_start = [], [], [], [], [], [0]
    f_token: list[bool] = []
    for pid, per_proc in enumerate(raw):
        for kind, terms, text in per_proc:
            total = 0.0
            for t, m in terms.items():
                tid = a.vocab[t]
                w = float(a.idf[tid]) * m
                tids.append(tid)
                weights.append(w)
                total += w
            f_ptr.append(len(tids))
            f_proc.append(pid)
            f_total.append(total or 1.0)
            f_kind.append(FIELD_KIND[kind])
            f_capped.append(kind in CAPPED_KINDS)
            f_question.append(kind == "question")
            f_token.append(kind == "alias" and len(terms) == 1)
            a.f_text.append(text)
        p_start.append(len(a.f_text))
    a.f_ptr = np.array(f_ptr, dtype=np.int64)
    a.f_tids = np.frombuffer(tids, dtype=np.int32).copy()
    field_of = np.repeat(np.arange(len(a.f_text), dtype=np.int32), np.diff(a.f_ptr))
    order = np.argsort(a.f_tids, kind="stable")  # by term, fields in order within a term
    a.t_field = field_of[order]
    a.t_weight = np.frombuffer(weights, dtype=np.float64)[order]
    counts = np.bincount(a.f_tids, minlength=len(terms_sorted))
    a.t_ptr = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)])
    name_terms = [
        {a.vocab[t]: float(a.idf[a.vocab[t]]) * m for t, m in words.items()} for words in names
    ]
    a.name_mass = [sum(w.values()) for w in name_terms]
    a.name_heavy = [max(w, key=w.__getitem__) if w else -1 for w in name_terms]
    # flat arrays, an entry rebuilt when read (``knowledge.index_packed``)
    a.name_terms = PackedWeights.of(name_terms)
    a.name_pairs = PackedSets.of([frozenset(a.vocab[t] for t in p if t in a.vocab) for p in pairs])
    a.name_core = PackedSets.of([_core(p, expander, a.vocab) for p in procs])
    a.f_proc = np.array(f_proc, dtype=np.int32)
    a.f_total = np.array(f_total, dtype=np.float64)
    a.f_kind = np.array(f_kind, dtype=np.float64)
    a.f_capped = np.array(f_capped, dtype=bool)
    a.f_question = np.array(f_question, dtype=bool)
    a.f_token = np.array(f_token, dtype=bool)
    a.f_len = np.array([len(t) for t in a.f_text], dtype=np.float64)
    a.p_start = np.array(p_start, dtype=np.int64)
    a.prior = np.array([prior_of(p) for p in procs], dtype=np.float64)
    a.max_prior = float(a.prior.max()) if len(a.prior) else 0.0
    a.body = build_body(procs, expander, owns)
    return a


def _core(p: Procedure, expander: Expander | None, vocab: dict[str, int]) -> frozenset[int]:
    """Syllables of an official name without its level qualifier ("... do Chủ tịch UBND cấp
    tỉnh phân cấp cho Chủ tịch UBND cấp xã", "(thực hiện tại cấp tỉnh)")."""
    core = _LEVEL.split(strip_procedure_prefix(p.name), maxsplit=1)[0]
    content = analyze_words(prepare_words(core, expander))
    return frozenset(vocab[f] for f, _, _ in content if f in vocab)


def iter_unigrams(a: Arrays) -> Iterable[str]:
    """Every indexed single syllable (accent-free)."""
    return (t for t in a.vocab if " " not in t)
