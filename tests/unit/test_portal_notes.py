"""Rows of the portal's dossier table that describe a form are notes, never papers to bring
(fact audit 5, M2: the ID-card walkthroughs asked "đã có 'Phiếu này là biểu mẫu điện tử...'
chưa" and for the CC01 sheet the police print at intake)."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.portal_notes import row_kind
from knowledge.schema import Document
from tests.support.chat import Chat

CC01 = (
    "Phiếu CC01 được tạo lập khi trích xuất thông tin của công dân trong Cơ sở dữ liệu quốc gia"
    " về dân cư và in trong quá trình thu nhận hồ sơ căn cước để công dân kiểm tra và ký xác nhận."
)


@pytest.mark.parametrize(
    ("name", "originals"),
    [("Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến.", 0),
     (CC01, 1)],
)  # fmt: skip
def test_a_row_describing_a_form_is_a_note(name: str, originals: int) -> None:
    assert row_kind(Document(id="d1", name=name, originals=originals)) == "note"


@pytest.mark.parametrize(
    "name",
    ["Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số"
     " 17/2024/TT-BCA của Bộ Công an)", "Phiếu thu thập thông tin dân cư", "Tờ khai đăng ký khai sinh"],
)  # fmt: skip
def test_a_form_to_fill_stays_a_paper(name: str) -> None:
    assert row_kind(Document(id="d1", name=name, originals=1)) is None


async def test_the_id_card_reissue_walkthrough_asks_only_papers(app: Any) -> None:
    chat = Chat(app.engine, chat_id="reissue")
    await chat.press("ck:start:1.014064")
    text = "\n".join(r.text for r in chat.last)
    assert "Phiếu đề nghị giải quyết thủ tục về căn cước" in text, text
    assert "Phiếu này là" not in text and "CC01" not in text
