"""The guided required-documents walkthrough.

```mermaid
stateDiagram-v2
    [*] --> question: ck:start:<code>
    question --> question: ck:a:<value> (next deciding question)
    question --> doc: all deciding questions answered
    doc --> doc: ck:d:have / ck:d:miss (+ how to get) / ck:d:unk
    doc --> summary: last applicable document
    question --> question: ck:back
    doc --> doc: ck:back
    question --> [*]: ck:stop / hủy
    doc --> [*]: ck:stop / hủy
    summary --> booking: bk:start:need=<code>
```
State data: ``code``, ``answers`` (question id -> value), ``docs`` (document id -> have /
missing / unknown), ``history`` (positions answered, for "back"), ``pos`` (what is being
asked). Everything is in the database, so a restart of the service resumes exactly here.
"""

from __future__ import annotations

from handlers.checklist import steps
from handlers.flow import Flow

FLOW = Flow(
    name="checklist",
    prefix="ck",
    actions={"start": steps.start_checklist, "stop": steps.stop_checklist},
    steps={
        "question": steps.with_navigation(steps.answer_question),
        "doc": steps.with_navigation(steps.answer_document),
    },
)
