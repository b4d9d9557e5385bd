"""Which questions and documents of a procedure apply, given the answers so far.

Pure functions over ``knowledge.schema.Procedure``; the flow (``handlers/checklist``) only
keeps the answers in the conversation state. Procedures without curated questions whose
catalogue documents fall into case groups get one synthetic question: "which case is yours?".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from knowledge.normalize import fold
from knowledge.schema import ChecklistOption, ChecklistQuestion, Document, Procedure

HAVE, MISSING, UNKNOWN = "have", "missing", "unknown"  # a document's answer
NOT_MINE = "na"  # a catalogue document its own name makes conditional: "not my case"
_CONDITIONAL = re.compile(
    r"^(?:trường hợp|đối với trường hợp)\b|\btrong trường hợp\b|\([^()]*\bnếu\b",
    re.IGNORECASE,
)
# "(đối với trường hợp bị rách, nát)" at the end of the name (1.013228), "Quyết định tiếp
# nhận đối với trẻ em ở cơ sở nuôi dưỡng" (2.001263), "(chỉ khi cán bộ không tra cứu được
# ...)": the case is stated for the whole paper, not in a later sentence about a detail
# ("Tờ khai ...; đối với người chưa thành niên thì ...").
_TAIL_CASE = re.compile(
    r"\((?:chỉ )?(?:áp dụng )?(?:đối với|nếu|khi|chỉ khi)\b[^()]*\)\s*[.;]?\s*$", re.IGNORECASE
)
_FOR_CASE = re.compile(r"\bđối với (?:trường hợp|trẻ em|người)\b|\(chỉ khi\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[;:]|\.\s")
# Papers proving one acts for someone else ("chứng minh là người đại diện hợp pháp của người
# dưới 14 tuổi", 1.014063 cấp đổi thẻ căn cước): only when filing for that person, unless the
# procedure itself is about such a person (1.014062, the card for a child under 14).
_FOR_SOMEONE = re.compile(
    r"\bngười đại diện hợp pháp\b|\bngười giám hộ\b|\bngười dưới \d+ tuổi\b", re.IGNORECASE
)
_ABOUT_SOMEONE = re.compile(
    r"dưới \d+ tuổi|chưa thành niên|trẻ em|giám hộ|người đại diện|mất năng lực", re.IGNORECASE
)
GROUP_QUESTION = "_case"
GROUP_LABEL_MAX = 60


@dataclass(frozen=True)
class Plan:
    """The questions and documents of one procedure's walkthrough."""

    questions: list[ChecklistQuestion]
    documents: list[Document]


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= GROUP_LABEL_MAX:
        return text
    return text[: GROUP_LABEL_MAX - 1].rsplit(" ", 1)[0] + "…"


def plan_for(proc: Procedure, ask_text: str = "") -> Plan:
    """Questions + documents with stable ids (catalogue documents get ``d<n>`` ids)."""
    docs = [
        d if d.id else d.model_copy(update={"id": f"d{i + 1}"})
        for i, d in enumerate(proc.documents)
    ]
    if proc.checklist_questions:
        return Plan(list(proc.checklist_questions), docs)
    groups: list[str] = []
    for doc in docs:
        if doc.group and doc.group not in groups:
            groups.append(doc.group)
    if len(groups) < 2:
        return Plan([], docs)
    question = ChecklistQuestion(
        id=GROUP_QUESTION,
        ask=ask_text,
        options=[ChecklistOption(value=f"g{i}", label=_short(g)) for i, g in enumerate(groups)],
    )
    grouped = [
        d.model_copy(update={"when": {GROUP_QUESTION: f"g{groups.index(d.group)}"}})
        if d.group
        else d
        for d in docs
    ]
    return Plan([question], grouped)


def conditional(doc: Document, procedure: str = "") -> bool:
    """A catalogue document that applies only in a case its own name states ("Văn bản ủy
    quyền ... trong trường hợp ủy quyền", "Tờ khai ... (nếu ... nộp trực tiếp)"): the
    walkthrough offers "not my case" for it, so nobody is told it is missing when it is not
    theirs (issue 13, 1.004827; "(đối với trường hợp ...)", 1.013228, fact audit 3).
    Curated papers with a ``when`` condition are asked only in their case anyway."""
    name = " ".join(doc.name.split())
    if _CONDITIONAL.search(name) or _TAIL_CASE.search(name):
        return True
    if _FOR_SOMEONE.search(name) and not _ABOUT_SOMEONE.search(procedure):
        return True
    case = _FOR_CASE.search(name)
    return bool(case and not _SENTENCE_BREAK.search(name[: case.start()]))


def holds(when: dict[str, str | list[str]], answers: dict[str, str]) -> bool:
    """True when every condition matches the answers (unanswered conditions do not hold)."""
    for key, expected in when.items():
        value = answers.get(key)
        if value is None:
            return False
        if isinstance(expected, list):
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def applicable_questions(plan: Plan, answers: dict[str, str]) -> list[ChecklistQuestion]:
    return [q for q in plan.questions if holds(q.when, answers)]


def applicable_documents(plan: Plan, answers: dict[str, str]) -> list[Document]:
    return [d for d in plan.documents if holds(d.when, answers)]


def next_position(
    plan: Plan, answers: dict[str, str], docs: dict[str, str], later: Sequence[str] = ()
) -> list[str] | None:
    """``["q", id]`` or ``["d", id]`` of the next thing to ask, or None when all is answered;
    questions kept ``later`` ("để hỏi lại") are not asked (nor the papers that hang on them)."""
    for question in plan.questions:
        if (
            question.id not in answers
            and question.id not in later
            and holds(question.when, answers)
        ):
            return ["q", question.id]
    for doc in applicable_documents(plan, answers):
        if doc.id not in docs:
            return ["d", doc.id]
    return None


def question_by_id(plan: Plan, qid: str) -> ChecklistQuestion | None:
    return next((q for q in plan.questions if q.id == qid), None)


def document_by_id(plan: Plan, did: str) -> Document | None:
    return next((d for d in plan.documents if d.id == did), None)


def copies_text(doc: Document, original: str, copy: str) -> str:
    """'1 bản chính, 2 bản sao' style count (templates given), '' when none is known."""
    parts = []
    if doc.originals:
        parts.append(original.format(n=doc.originals))
    if doc.copies:
        parts.append(copy.format(n=doc.copies))
    return ", ".join(parts)


def prune(plan: Plan, data: dict[str, Any]) -> None:
    """Drop the answers and documents an undone answer made inapplicable."""
    valid_q = {q.id for q in applicable_questions(plan, data["answers"])}
    data["answers"] = {k: v for k, v in data["answers"].items() if k in valid_q}
    valid_d = {d.id for d in applicable_documents(plan, data["answers"])}
    data["docs"] = {k: v for k, v in data["docs"].items() if k in valid_d}
    data["implied"] = [i for i in data.get("implied", []) if i in data["docs"]]
    answered = set(data["answers"]) | set(data["docs"])
    data["history"] = [h for h in data["history"] if h[1] in answered]


def _named_after_yes(label: str) -> list[str]:
    """ "Có Giấy chứng sinh" -> the words of what it says the citizen has; [] for another
    kind of label ("Có, dưới 18 tuổi", "Không có...")."""
    words = fold(re.split(r"[/(,]", label, maxsplit=1)[0]).split()
    return words[1:] if len(words) > 1 and words[0] == "co" else []


def implied_documents(plan: Plan, answers: dict[str, str], docs: dict[str, str]) -> list[str]:
    """Documents an answer already said the citizen has: one that applies because of the
    option "Có Giấy chứng sinh" and is named so is not asked about again."""
    found = []
    for doc in applicable_documents(plan, answers):
        if doc.id in docs:
            continue
        name = set(fold(doc.name).split())
        for qid in doc.when:
            question = question_by_id(plan, qid)
            chosen = next(
                (o for o in (question.options if question else []) if o.value == answers.get(qid)),
                None,
            )
            named = _named_after_yes(chosen.label) if chosen else []
            if named and set(named) <= name:
                found.append(doc.id)
                break
    return found
