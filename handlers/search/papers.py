"""A yes/no question about one paper, typed after a card: "có cần bản sao CCCD không",
"phải mang giấy khai sinh ko", "cần sổ hộ khẩu hông".

The paper's name is often also a procedure's ("CCCD" is "Cấp thẻ Căn cước"), so the search
would answer with that procedure's card. After a card, a message of the form "(có) cần /
phải có / phải mang / phải nộp + <paper> + không" asks about THAT card's papers: it is
answered from its documents (listed or not; what it lists instead; an original to show when
the card says so). "làm căn cước cần gì" (an act and a procedure) is no such question.

"còn cái X thì sao" after a card asks about X: a paper of that card is answered from its
documents, a part of the card ("còn lệ phí thì sao") as a follow-up, anything else is a new
need searched on its own words ("còn cái xác nhận tình trạng hôn nhân thì sao").
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.facts import document_lines
from handlers.search.card import card_name
from handlers.textsplit import clip
from handlers.topics import spelled
from knowledge.normalize import fold
from knowledge.schema import Document, Procedure

_ASK = re.compile(
    r"^(?:vay\s+|the\s+|con\s+)?(?:co\s+)?(?:can|phai|bat buoc)"
    r"(?:\s+(?:co|mang|mang theo|nop|dem|dem theo|xuat trinh|chuan bi|photo|lam))?"
    r"\s+(?P<paper>.+?)\s+(?:khong|chua|ha|nua khong)(?:\s+(?:a|vay|nhi|em|ad|nha))*$"
)
# words of a paper question that name no paper ("bản sao", "giấy", "của tôi")
_GENERIC = frozenset(
    """ban sao chinh giay cua toi em minh con cai nay theo luon nua photo mot hai 1 2 the
    bo me vo chong""".split()
)
# copy words, dropped as phrases first ("chứng" of "giấy chứng sinh" stays)
_COPY_PHRASES = (" giay to ", " ban sao ", " ban chinh ", " cong chung ", " chung thuc ")
# the same paper as people say it -> words a document's name holds
ALIASES = {
    "cccd": ("cccd", "can cuoc", "tuy than", "cmnd"), "cmnd": ("cccd", "can cuoc", "tuy than"),
    "can cuoc": ("can cuoc", "cccd", "tuy than"), "cmt": ("cccd", "can cuoc", "tuy than"),
    "chung minh nhan dan": ("cccd", "can cuoc", "tuy than", "chung minh nhan dan"),
    "chung minh thu": ("cccd", "can cuoc", "tuy than"),
    "ho chieu": ("ho chieu", "tuy than"), "ho khau": ("ho khau", "cu tru"),
    "tam tru": ("tam tru", "cu tru"),
}  # fmt: skip
COPY_WORDS = ("ban sao", "photo", "cong chung", "chung thuc")
# a paper question names a paper: one of these words ("có cần đi cùng vợ không" names none)
PAPER_NOUNS = frozenset(
    """giay ban so the to don hop dong anh hinh chung nhan trich luc bang quyet dinh cccd cmnd
    cmt passport""".split()
) | frozenset(ALIASES)


_ALSO = re.compile(
    r"^(?:the\s+|vay\s+|con\s+)?con\s+(?:cai\s+|thu tuc\s+|viec\s+|vu\s+|lam\s+)?"
    r"(?P<what>.+?)\s+(?:thi\s+)?(?:sao|the nao|ra sao|nhu the nao|thi lam sao)"
    r"(?:\s+(?:a|vay|nhi|em|ad|nha|ha))*$"
)


def also_asked(text: str) -> str | None:
    """X of "còn (cái) X thì sao", accent-free ("xac nhan tinh trang hon nhan"), or None."""
    found = _ALSO.match(" ".join(spelled(text).split()))
    return found.group("what") if found else None


def lists(proc: Procedure, paper: str) -> bool:
    """Whether one of the card's documents is that paper ("tờ khai", "CCCD"), and not the
    procedure's own name ("còn cái xác nhận tình trạng hôn nhân thì sao" on its own card)."""
    key = _key(paper)
    own = f" {key} " in f" {fold(proc.display_name)} "
    return bool(key) and not own and any(_matches(d, key) for d in proc.documents)


def paper_asked(text: str) -> str | None:
    """The paper a yes/no paper question names ("ban sao cccd"), or None."""
    found = _ASK.match(" ".join(spelled(text).split()))
    if found is None:
        return None
    paper = found.group("paper")
    words = [w for w in paper.split() if w not in _GENERIC]
    named = set(paper.split()) & PAPER_NOUNS or any(a in f" {paper} " for a in _PAIRS)
    return paper if words and named and len(paper.split()) <= 8 else None


_PAIRS = tuple(f" {a} " for a in ALIASES if " " in a)


def _key(paper: str) -> str:
    """The words that name the paper ("ban sao cccd" -> "cccd", "to khai", "giay chung
    sinh" -> "chung sinh")."""
    padded = f" {paper} "
    alias = next((a for a in ALIASES if f" {a} " in padded), None)  # "chứng minh nhân dân"
    if alias is not None:
        return alias
    for phrase in _COPY_PHRASES:
        padded = padded.replace(phrase, " ")
    return " ".join(w for w in padded.split() if w not in _GENERIC)


def _matches(doc: Document, key: str) -> bool:
    name = f" {fold(doc.name)} "
    if key in ALIASES:  # "cccd của bố": the identity papers, however named
        return any(f" {w} " in name for w in ALIASES[key])
    if len(key) < 4:  # one short syllable ("so") names no paper
        return False
    return f" {key} " in name  # the words together: "sổ đỏ" is no "cơ sở ... đó"


def paper_text(ctx: Context, proc: Procedure, paper: str) -> str:
    """Whether the card's papers include it, how many and whether an original is shown."""
    name = card_name(proc, ctx.locale)
    key = _key(paper)
    docs = [d for d in proc.documents if _matches(d, key)]
    copy = any(f" {w} " in f" {paper} " for w in COPY_WORDS)
    if not docs:
        listed = document_lines(proc, ctx.locale, with_counts=True, most=8)
        head = ctx.t("search.paper_not_listed", name=name, paper=key)
        return "\n".join([head, *listed, ctx.t("search.paper_check", url=_url(ctx, proc))])
    lines = [ctx.t("search.paper_listed", name=name)]
    for doc in docs[:3]:
        lines.append(f"  • {clip(doc.name, 160)[0]}: {_counts(ctx, doc)}")
        how = doc.how_to_get or doc.note
        if how:
            lines.append(f"    {clip(' '.join(how.split()), 240)[0]}")
    if copy and all(d.kind == "present" or not d.copies for d in docs):
        lines.append(ctx.t("search.paper_no_copy"))
    return "\n".join(lines)


def _counts(ctx: Context, doc: Document) -> str:
    parts = []
    if doc.kind == "present":
        parts.append(ctx.t("checklist.present_short"))
    else:
        if doc.originals:
            parts.append(ctx.t("checklist.n_original").format(n=doc.originals))
        if doc.copies:
            parts.append(ctx.t("checklist.n_copy").format(n=doc.copies))
    if doc.when or doc.group:
        parts.append(ctx.t("search.depends"))
    return ", ".join(parts) or ctx.t("search.paper_submit")


def _url(ctx: Context, proc: Procedure) -> str:
    return proc.url or ctx.t("search.portal")
