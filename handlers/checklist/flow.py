"""The guided required-documents walkthrough.

```mermaid
stateDiagram-v2
    [*] --> question: ck:start:<code>
    question --> question: ck:a:<value>:<tag> (next deciding question)
    question --> doc: all deciding questions answered
    doc --> doc: ck:d:have|missing|unknown:<tag> (+ how to get) / ck:more:<tag>
    doc --> done: last applicable document (the summary)
    question --> question: ck:back:<tag>; an old button: "already answered" + current
    doc --> doc: ck:back:<tag>; an old button: "already answered" + current
    question --> [*]: ck:stop / hủy / a new question typed
    doc --> [*]: ck:stop / hủy / a new question typed
    question --> question: "cho hỏi làm sổ đỏ" (another need: its card offered, kept open)
    question --> card: "à nhầm, tôi muốn làm khai tử" (that card; the walkthrough kept)
    card --> question: ck:resume (back where it was) / "quay lại"
    question --> question: "để hỏi lại" (kept for later: the next one; its papers wait)
    done --> question: ck:later (the questions kept for later, asked now)
    done --> booking: bk:start:need=<code>
    done --> done: a follow-up about the procedure (fee, place, time...)
```
State data: ``code``, ``answers`` (question id -> value), ``docs`` (document id -> have /
missing / unknown), ``later`` (questions kept for later), ``history`` (positions answered, for "back"), ``pos`` (what is being
asked), ``nonce`` and ``rev`` (the revision a button's ``<tag>`` must match). Everything is
in the database, so a restart of the service resumes exactly here.
"""

from __future__ import annotations

from handlers.checklist import after, papers, steps, switch
from handlers.checklist.new_need import new_need_first
from handlers.flow import Flow

FLOW = Flow(
    name="checklist",
    prefix="ck",
    actions={
        "start": steps.start_checklist,
        "stop": steps.stop_checklist,
        "later": steps.answer_later,
        "resume": switch.resume,
    },
    entries={"start_typed": steps.start_typed},
    steps={
        "question": new_need_first(after.with_navigation(steps.answer_question)),
        "doc": new_need_first(
            after.with_navigation(papers.other_paper_first(steps.answer_document))
        ),
        "done": after.after_summary,
    },
    resting=frozenset({"done"}),
)
