"""Pydantic models of the procedure knowledge base.

Two sources meet here: the national catalogue (imported by ``knowledge.portal``) and the
hand-curated overlay (``knowledge/data/procedures/*.yaml``). Both produce ``Procedure``
objects; ``knowledge.loader`` merges an overlay onto its catalogue record by ``code``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Document(_Model):
    """One paper of a dossier (thành phần hồ sơ)."""

    id: str = ""  # stable slug inside its procedure, e.g. "to_khai"; catalogue: "d1", "d2"...
    name: str  # what the paper is, cleaned
    form: str | None = None  # form to fill ("Mẫu số 01/TK-..."), when there is one
    originals: int = 0  # number of originals (bản chính)
    copies: int = 0  # number of copies (bản sao)
    kind: Literal["submit", "present"] = "submit"  # nộp / xuất trình
    group: str | None = None  # the catalogue's case heading the document belongs to
    when: dict[str, str | list[str]] = Field(default_factory=dict)  # checklist conditions
    how_to_get: str | None = None  # where/how to obtain it (curated)
    note: str | None = None


class SubmissionMethod(_Model):
    """One row of the catalogue's "cách thức thực hiện" table."""

    channel: str  # "Trực tiếp" | "Trực tuyến" | "Dịch vụ bưu chính" | other text
    time_text: str = ""  # as published, unit restored when it was lost
    time_days: float | None = None  # processing time in working days when known
    fee_text: str = ""  # as published ("Miễn phí", "10,000 Việt Nam Đồng", ...)
    fee_note: str | None = None  # text in parentheses after the fee
    description: str | None = None


class LegalBasis(_Model):
    """A legal document: number (``123/2015/NĐ-CP``) and title."""

    number: str
    title: str = ""


class Fee(_Model):
    """A fee the citizen pays, as curated (local rates where known)."""

    label: str
    amount: str  # human text, e.g. "10.000 đồng", "Miễn lệ phí"
    basis: str | None = None  # legal basis of the amount


class ChecklistOption(_Model):
    value: str
    label: str


class ChecklistQuestion(_Model):
    """A question that decides which documents apply (e.g. filing online or in person)."""

    id: str
    ask: str  # polite Vietnamese question
    options: list[ChecklistOption]
    when: dict[str, str | list[str]] = Field(default_factory=dict)  # ask only if ...


class Online(_Model):
    available: bool = False
    url: str | None = None
    note: str | None = None


class Procedure(_Model):
    """A procedure as the bot knows it: catalogue facts plus curated overlay."""

    code: str  # national code "1.001193"; hand-written ones use "dp.<slug>"
    name: str  # official name (catalogue) or the curated citizen-facing name
    short_name: str | None = None  # citizen-facing name (curated)
    ministry: str | None = None  # folder in the catalogue, e.g. "bo-tu-phap"
    field: str | None = None  # lĩnh vực
    levels: list[str] = Field(default_factory=list)  # cấp thực hiện
    decision: str | None = None  # số quyết định công bố
    url: str | None = None  # official page
    subjects: str | None = None  # đối tượng thực hiện
    authority: str | None = None  # cơ quan thực hiện / có thẩm quyền
    steps: str | None = None  # trình tự thực hiện (free text)
    methods: list[SubmissionMethod] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    result: str | None = None  # kết quả
    requirements: str | None = None  # yêu cầu, điều kiện

    # curated overlay
    curated: bool = False
    summary: str | None = None
    aliases: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)  # example citizen questions
    popularity: float = 0.0  # 0..1 prior; curated common procedures are high
    where: str | None = None  # where to file, citizen words
    offices: list[str] = Field(default_factory=list)  # ids in offices.yaml
    processing_time: str | None = None  # citizen words
    processing_days: float | None = None
    fees: list[Fee] = Field(default_factory=list)
    online: Online | None = None
    checklist_questions: list[ChecklistQuestion] = Field(default_factory=list)
    local_notes: list[str] = Field(default_factory=list)
    source: str | None = None
    verified_on: dt.date | None = None

    @property
    def display_name(self) -> str:
        """The name shown to citizens: curated short name, else the official one."""
        return self.short_name or self.name
