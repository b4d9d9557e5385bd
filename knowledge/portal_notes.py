"""Notes and headings of the portal's dossier table, told apart from the papers themselves.

The ``thanh_phan_ho_so`` table lists more than papers: every line of the portal's box ends
in a count cell, so a rule ("Trường hợp gửi hồ sơ qua bưu chính thì phải gửi kèm bản sao có
chứng thực..."), a duty of the officer ("Người tiếp nhận có trách nhiệm...") or a heading
("Người có yêu cầu ... các giấy tờ sau:") looks like a paper with "0 bản chính". Asked as
papers in the walkthrough they drowned the real ones (1.004827: 17 of 24 "papers"). Here:

- a *heading* (ends with ":" and introduces a list) is not a paper; when the rows under it
  are marked "+", the heading stays with them: as the note of a paper, or in front of a note;
- a *note* (under the "Lưu ý" heading, or a row without any count that states a rule) is
  not a paper either: it becomes one of the procedure's notes, shown under "Lưu ý" and in
  the walkthrough's summary, in the portal's own words;
- a paper "Xuất trình ..." is shown, not handed in; "Bản chính hoặc bản sao ..." counted "1
  bản chính, 1 bản sao" asks for one of them.

``knowledge.audit`` uses ``row_kind`` to flag catalogue cards that still ask such rows.
"""

from __future__ import annotations

import re
from typing import Literal

from knowledge.schema import Document

NOTE_GROUP = "Lưu ý"
RowKind = Literal["heading", "note"]

# A heading introduces the list that follows it.
_INTRO = re.compile(
    r"(?:thành phần hồ sơ|hồ sơ\b[^:]{0,160}?\b(?:bao gồm|gồm)|(?:các )?giấy tờ[^:]{0,80}?sau"
    r"(?: đây)?|tài liệu[^:]{0,40}?sau(?: đây)?)\s*:+\s*$",
    re.IGNORECASE,
)
_ENDS_COLON = re.compile(r":+\s*$")
# The same introductions without the colon the portal sometimes drops.
_INTRO_BARE = re.compile(
    r"(?:thành phần hồ sơ (?:bao )?gồm|các giấy tờ(?: sau| dưới)(?: đây)?)\s*$", re.IGNORECASE
)
_EITHER = re.compile(r"bản chính hoặc bản sao", re.IGNORECASE)
_EITHER_NOTE = (
    "Một trong các loại bản nêu trong tên giấy tờ (bản chính hoặc bản sao), không cần cả hai."
)
# A drafting instruction left inside a paper's name: "... Trong đó thay thế cụm từ ...".
_DRAFTING = re.compile(r"(?<=\.)\s*(Trong đó (?:thay thế|bãi bỏ|sửa đổi)\b.*)$")
# A row without a count that opens like a rule, not like the name of a paper.
_RULE_OPENERS = re.compile(
    r"^\(?\s*(?:Trường hợp|Người tiếp nhận|Người yêu cầu|Người có yêu cầu|Cá nhân có quyền|"
    r"Bản chụp các giấy tờ|Lưu ý|Ghi chú|Số lượng hồ sơ|Ví dụ|Cơ quan đăng ký|"
    r"Đối với giấy tờ|Nếu |Khi |Việc |Chậm nhất|Trong đó)",
)
# A row that describes a form instead of naming a paper to bring: "Phiếu này là biểu mẫu điện
# tử..." (the note of the row above it), "Phiếu CC01 được tạo lập khi trích xuất thông tin ...
# và in trong quá trình thu nhận hồ sơ căn cước để công dân kiểm tra và ký xác nhận" (printed
# by the police at intake: nobody can bring it; fact audit 5, M2).
_DESCRIBES_FORM = re.compile(
    r"^(?:Phiếu|Biểu mẫu|Mẫu) này\b|\bđược tạo lập khi\b"
    r"|\bin (?:ra )?trong quá trình (?:thu nhận|tiếp nhận)\b",
    re.IGNORECASE,
)
# Duties of the office, not of the citizen: kept, but after the citizen's own rules.
_OFFICE_DUTY = re.compile(r"^(?:Người tiếp nhận|Cán bộ tiếp nhận|Cơ quan đăng ký hộ tịch)")


def row_kind(doc: Document) -> RowKind | None:
    """Whether a dossier row is a heading or a note rather than a paper (``None``)."""
    name = doc.name.strip()
    uncounted = not doc.originals and not doc.copies
    if _ENDS_COLON.search(name) and (uncounted or _INTRO.search(name)):
        return "heading"
    if _INTRO_BARE.search(name):
        return "heading"
    if doc.group == NOTE_GROUP:
        return "note"
    if uncounted and _RULE_OPENERS.match(name):
        return "note"
    return "note" if _DESCRIBES_FORM.search(name) else None


def _heading_text(name: str) -> str:
    return _ENDS_COLON.sub("", name).strip()


def split_notes(
    docs: list[Document], bullets: list[str], warn: list[str]
) -> tuple[list[Document], list[str]]:
    """The papers and the notes of a dossier table (``bullets``: each row's list mark).

    A heading marked "-" (or unmarked) owns the "+" rows right after it: a paper among them
    gets the heading as its note ("Thuộc mục: Chứng cứ chứng minh quan hệ cha, con gồm"), a
    note gets it in front. Any other heading only introduced the list and is dropped.
    """
    papers: list[Document] = []
    notes: list[str] = []
    duties: list[str] = []
    heading: str | None = None
    for doc, bullet in zip(docs, bullets, strict=True):
        kind = row_kind(doc)
        if kind == "heading":
            heading = _heading_text(doc.name) if bullet != "+" else None
            continue
        owner = heading if bullet == "+" else None
        if bullet != "+":
            heading = None
        if kind == "note":
            text = doc.name.strip()
            target = duties if _OFFICE_DUTY.match(doc.name) else notes
            if owner and target and target[-1].startswith(f"{owner}: "):
                # the heading's next item joins its note, not a copy of the heading (2.001263)
                prev = target[-1].rstrip()
                item = text if prev.endswith(".") else f"{text[:1].lower()}{text[1:]}"
                target[-1] = f"{prev} {item}"
                continue
            if owner:
                text = f"{owner}: {text[:1].lower()}{text[1:]}"
            if text not in notes and text not in duties:
                target.append(text)
            continue
        if owner and not doc.note:
            doc = doc.model_copy(update={"note": f"Thuộc mục: {owner}."})
        if doc.originals and doc.copies and _EITHER.match(doc.name):
            # "Bản chính hoặc bản sao có chứng thực ... Giấy chứng tử" counted "1 bản chính,
            # 1 bản sao": the name asks for one of them, not both.
            doc = doc.model_copy(update={"copies": 0, "note": doc.note or _EITHER_NOTE})
        if doc.kind == "submit" and doc.name.lower().startswith("xuất trình"):
            # "Xuất trình giấy tờ hợp lệ chứng minh thông tin ...": shown, not handed in
            doc = doc.model_copy(update={"kind": "present"})
        drafting = _DRAFTING.search(doc.name)
        if drafting and not doc.note:
            # The form's own amendment, for the officer: said as a note, not in the name.
            doc = doc.model_copy(
                update={"name": doc.name[: drafting.start()].strip(), "note": drafting.group(1)}
            )
        papers.append(doc)
    if len(papers) < len(docs):
        warn.append("documents: note or heading rows kept as notes, not papers")
    return papers, notes + duties
