"""Walkthrough answers typed where no walkthrough question is open.

Right after a card or its document list citizens answer the questions the walkthrough would
ask before it has asked them: "trực tiếp", "tự đi", "giám hộ đương nhiên", "chưa có", "không
rõ". Such a fragment is no new search (it would find tax procedures): the walkthrough starts
with that answer already taken where it names one option of one question. After the
summary, "quay lại" asks the last question again and a bare "có"/"ok" is acknowledged.
"""

from __future__ import annotations

from typing import Any

from handlers import answers
from handlers.checklist import logic
from handlers.topics import is_question, spelled

MAX_WORDS = 5  # an answer fragment is short; a longer message is a question of its own
ASKS = frozenset("dau nao gi sao bao may khi".split())
RESTART = ("lam lai tu dau", "lam lai", "bat dau lai", "tu dau", "start over", "restart")


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


def is_restart(text: str) -> bool:
    return " ".join(spelled(text).split()) in RESTART


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
