"""Walkthrough answers typed where no walkthrough question is open.

Right after a card or its document list citizens answer the questions the walkthrough would
ask before it has asked them: "trực tiếp", "tự đi", "giám hộ đương nhiên", "chưa có", "không
rõ". Such a fragment is no new search (it would find tax procedures): the walkthrough starts
with that answer already taken where it names one option of one question. After the
summary, "quay lại" asks the last question again and a bare "có"/"ok" is acknowledged.
"""

from __future__ import annotations

import re
from typing import Any

from handlers import answers
from handlers.answer_labels import words_of
from handlers.answer_overlap import Closest, closest
from handlers.answer_overlap import is_question as asks
from handlers.answer_words import only_address, role_words
from handlers.checklist import logic
from handlers.topics import is_question, spelled
from knowledge.abbrev import default_expander
from knowledge.normalize import fold

MAX_WORDS = 5  # an answer fragment is short; a longer message is a question of its own
ASKS = frozenset("dau nao gi sao bao may khi".split())
RESTART = frozenset(
    " ".join(p.split())
    for p in """lam lai tu dau, lam lai, lam lai het, bat dau lai, bat dau lai tu dau, lai tu dau,
    tu dau, hoi lai tu dau, kiem tra lai tu dau, chon lai tu dau, tra loi lai tu dau,
    lam lai tu dau het, xoa het lam lai, start over, restart, start again""".split(",")
)
# words around a restart or a "later" that add nothing ("làm lại từ đầu nhé", "giúp em")
AROUND = frozenset("nhe nha nhen di a da oi em e anh chi giup gium dum cho toi minh voi".split())
# "để hỏi lại", "để em hỏi lại đã", "hỏi lại con cháu sau": I'll ask and come back
LATER = (
    "de hoi lai",
    "hoi lai da",
    "hoi lai sau",
    "hoi lai roi",
    "de sau",
    "tinh sau",
    "de xem lai",
    "de coi lai",
    "de kiem tra lai",
    "ve hoi lai",
    "ve hoi",
    "hoi them roi",
    "hoi nguoi nha",
    "hoi lai nguoi nha",
    "hoi lai can bo",
    "later",
    "ask and come back",
)


def prefilled(plan: logic.Plan, text: str) -> dict[str, str]:
    """``{question id: value}`` when the text names one option of exactly one question
    (a content word, not a bare "có"/"không": those answer whatever is asked)."""
    if answers.role_of(text):
        return {}
    found = {}
    for question in plan.questions:
        rows = [[o.label, f"ck:a:{o.value}"] for o in question.options]
        payload = answers.understand(text, rows)
        if payload:
            found[question.id] = payload.split(":", 2)[2]
    return found if len(found) == 1 else {}


def is_fragment(plan: logic.Plan, text: str) -> bool:
    """A short non-question that answers the walkthrough: a no/don't-know word ("chưa có",
    "ko rõ") or one option of one of its questions ("trực tiếp", "tự đi")."""
    words = spelled(text).split()
    if not plan.documents or not 0 < len(words) <= MAX_WORDS:
        return False
    if "?" in text or (is_question(text) and not answers.role_of(text)) or ASKS & set(words):
        return False  # "nộp trực tiếp ở đâu" asks where, it answers nothing
    role = answers.role_of(text)
    if role == answers.UNKNOWN or (role == answers.NO and {"chua", "co"} & set(words)):
        return True  # "chưa có", "không có", "ko rõ" (a bare "không" may just decline)
    return bool(prefilled(plan, text))


def _core(text: str) -> list[str]:
    words = spelled(text).split()
    while words and words[-1] in AROUND:
        words.pop()
    return words


def is_restart(text: str) -> bool:
    """ "làm lại từ đầu", "lam lai tu dau nhe", "bắt đầu lại giúp em": start over (never
    "từ đâu?", "from where", folded alike)."""
    if "?" in text or "đâu" in text.lower():
        return False
    return " ".join(_core(text)) in RESTART


# "xong chưa", "vậy là xong rồi hả", "hết chưa": is the walkthrough over?
DONE_ASKED = frozenset(
    " ".join(p.split())
    for p in """xong chua, xong roi, xong roi ha, xong roi a, xong het chua, xong het roi,
    vay la xong, vay la xong roi, vay la xong roi ha, vay la xong chua, het chua, het roi ha,
    vay thoi ha, vay la het, con gi nua khong, con gi khong, con gi nua, xong chua vay,
    la xong roi ha, done, finished, is that all""".split(",")
)


# "còn mấy giấy nữa vậy", "còn bao nhiêu cái nữa", "còn mấy bước nữa": how much is left
LEFT_ASKED = re.compile(
    r"^(?:con|con lai) (?:may|bao nhieu|nhieu|bn) (?:giay|giay to|cai|buoc|cau|thu|to)"
    r"(?: to)?(?: nua)?(?: khong| ko| vay| the| ha| z)*$"
)


def is_done_asked(text: str) -> bool:
    """ "xong chưa", "vậy là xong rồi hả", "còn mấy giấy nữa": asked in the middle, how much
    is left; right after the summary, it is done."""
    core = " ".join(_core(text))
    return core in DONE_ASKED or bool(LEFT_ASKED.match(core))


def is_later(text: str) -> bool:
    """ "để hỏi lại", "để em hỏi lại đã", "hỏi lại người nhà rồi tính": the citizen will ask
    someone and come back (a document: not known yet; a question: kept for later)."""
    words = [w for w in spelled(text).split() if w not in AROUND or w == "de"]
    if not words or len(words) > 10 or "?" in text:
        return False
    padded = f" {' '.join(words)} "
    return any(f" {phrase} " in padded for phrase in LATER)


def apply(plan: logic.Plan, data: dict[str, Any], given: dict[str, str]) -> list[str]:
    """Record the prefilled answers (``history`` too, so "quay lại" undoes them); the labels
    of the options taken."""
    labels = []
    for qid, value in given.items():
        question = logic.question_by_id(plan, qid)
        option = (
            next((o for o in question.options if o.value == value), None) if question else None
        )
        if option is None:
            continue
        data["answers"][qid] = value
        data["history"].append(["q", qid])
        labels.append(option.label)
    return labels


def bare_answer(text: str) -> bool:
    """ "có cháu ạ", "không con", "dạ có cô": a yes/no word first and only words of address
    beside it ("bà nó đi" is no "nó" = "no")."""
    role, rest = role_words(words_of(text))
    return bool(role) and only_address(rest)


def paraphrase(plan: logic.Plan, data: dict[str, Any], text: str, rows: list[Any]) -> Closest:
    """The option of the question being asked that a free answer paraphrases ("nha cua bo
    me", "hổng có giấy chứng sinh, có hàng xóm làm chứng"), among its offered ``rows``."""
    pos = data.get("pos") or ["", ""]
    question = logic.question_by_id(plan, pos[1]) if pos[0] == "q" else None
    if question is None or bare_answer(text):  # "co chau a" at "Ai sẽ đi...": a bare
        return Closest(None)  # yes/no fits no option; "cháu" is who it is said to
    options = [r for r in rows if len(r) >= 2 and str(r[1]).startswith("ck:a:")]
    return closest(text, options, question.ask)


def channel(plan: logic.Plan, value: str | None) -> dict[str, str]:
    """``{question id: "online"}``: the filing question ("Nộp trực tiếp / trực tuyến")
    answered by how the citizen said they will file (``handlers.filing``)."""
    if not value:
        return {}
    for question in plan.questions:
        values = {o.value for o in question.options}
        if {"online", "in_person"} <= values and value in values:
            return {question.id: value}
    return {}


def ahead(plan: logic.Plan, data: dict[str, Any], text: str) -> dict[str, str]:
    """An answer to a LATER question typed at the current one ("có giấy chứng sinh rồi"
    while the filing question is asked): ``{that question's id: value}`` when it names one
    option of one question not answered yet, else {}."""
    pos = data.get("pos") or ["", ""]
    answered = set(data.get("answers", {}))
    rest = [q for q in plan.questions if q.id != pos[1] and q.id not in answered]
    if answers.role_of(text):  # a bare "có", "không": it answers the question asked
        return {}
    found = {}
    for question in rest:  # the option's own words only: a paraphrase is too loose here
        rows = [[o.label, f"ck:a:{o.value}"] for o in question.options]
        payload = answers.understand(text, rows)
        if payload:
            found[question.id] = payload.split(":", 2)[2]
    return found if len(found) == 1 else {}


# words around a paper's name in "có cái căn cước rồi", "chưa có giấy đó"
PAPER_FILL = frozenset("cai giay to ban roi r cua toi minh tui nha em san do nay".split())
OLD_NAMES = ((" can cuoc cong dan ", " can cuoc "), (" chung minh nhan dan ", " the can cuoc "))
_PAPER_CHOICE = {
    answers.YES: logic.HAVE,
    answers.NO: logic.MISSING,
    answers.UNKNOWN: logic.UNKNOWN,
}


def paper_payload(plan: logic.Plan, data: dict[str, Any], text: str, rows: list[Any]) -> str:
    """ "có căn cước", "co cccd roi", "chưa có tờ khai" at a document: the offered "Đã có" /
    "Chưa có" / "Không rõ" button when the words after the answer name the paper being
    asked (its name or a short form: "cccd" is "thẻ căn cước"); '' otherwise (a question,
    another paper: a new need)."""
    pos = data.get("pos") or ["", ""]
    doc = logic.document_by_id(plan, pos[1]) if pos[0] == "d" else None
    if doc is None or asks(text):  # "có căn cước chưa?", "co cccd ko": a question
        return ""
    role, rest = answers.split_role(text)
    choice = _PAPER_CHOICE.get(role)
    named = [w for w in rest if w not in PAPER_FILL and w not in answers.INSIST]
    if choice is None or not named:
        return ""
    if not names_paper(doc, named):
        return ""
    prefix = f"ck:d:{choice}:"
    return next((str(r[1]) for r in rows if len(r) >= 2 and str(r[1]).startswith(prefix)), "")


def names_paper(doc: Any, named: list[str]) -> bool:
    """Whether typed words name this paper (its words or a short form: "cccd")."""
    own = set(fold(doc.name).split())
    said = f" {fold(' '.join(default_expander().expand(named)))} "
    for old, new in OLD_NAMES:  # "căn cước công dân", "chứng minh nhân dân": the ID card
        said = said.replace(old, new)
    return bool(said.split()) and set(said.split()) <= own


def other_paper(plan: logic.Plan, data: dict[str, Any], text: str) -> tuple[Any, str] | None:
    """ "có hợp đồng thuê rồi" typed while another paper is asked: that paper (one not
    answered yet, named by its words) and the choice said, or None (the current paper, a
    question, none or several named)."""
    pos = data.get("pos") or ["", ""]
    current = logic.document_by_id(plan, pos[1]) if pos[0] == "d" else None
    role, rest = answers.split_role(text)
    choice = _PAPER_CHOICE.get(role)
    named = [w for w in rest if w not in PAPER_FILL and w not in answers.INSIST]
    if current is None or choice is None or not named or asks(text) or names_paper(current, named):
        return None
    told = set(data.get("implied", []))
    open_ = [
        d
        for d in logic.applicable_documents(plan, data["answers"])
        if d.id not in data["docs"] and d.id not in told and d.id != current.id
    ]
    found = [d for d in open_ if names_paper(d, named)]
    return (found[0], choice) if len(found) == 1 else None


# "chắc không cần đâu", "cái này tôi không cần": the paper is not for this case, when the
# question offers "Không thuộc trường hợp của tôi" (never "Chưa có": nothing is missing)
_NOT_NEEDED = re.compile(
    r"^(chac |chac la |cai nay |giay nay |minh |toi |em |tui )*(khong|ko|k|kh) "
    r"(can|phai truong hop cua (toi|minh|em)|thuoc truong hop|ap dung|lien quan)"
    r"( dau| a| nha| nhe| roi| lam| cho (toi|minh|em))*$"
)


def not_mine_payload(text: str, rows: list[Any]) -> str:
    """The offered "Không thuộc trường hợp của tôi" button when the citizen says the paper is
    not needed in their case ("chắc ko cần đâu"); '' otherwise."""
    prefix = f"ck:d:{logic.NOT_MINE}:"
    offered = next((str(r[1]) for r in rows if len(r) >= 2 and str(r[1]).startswith(prefix)), "")
    if not offered or "?" in text:  # the whole message is matched: "đâu" here is no question
        return ""
    return offered if _NOT_NEEDED.match(" ".join(fold(text).split())) else ""


def said_in_words(text: str, label: str) -> bool:
    """A typed answer worth echoing ("Em ghi nhận: ..."): read from words the label does
    not hold ("có bản chính" for "Chưa, chỉ mang bản chính"), so the citizen sees how it was
    read and can correct it; never a number, a bare yes/no word or the label's own words."""
    if answers.role_of(text) or text.strip().isdigit():
        return False
    role, rest = answers.split_role(text)
    said = set(rest) - answers.INSIST - PAPER_FILL
    if not said:
        return False
    clauses = "," in text or " nhung " in f" {fold(text)} "  # "không có X, nhưng có Y"
    other_role = bool(role) and role != answers.label_role(label)  # "có ..." read as "Chưa"
    return clauses or other_role or not said <= set(fold(label).split())
