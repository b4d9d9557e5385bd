"""Text-only rendering (Zalo): numbered options, links, 2000-character pieces."""

from __future__ import annotations

from bot.channels.text_render import render_replies, render_reply
from handlers.textsplit import ZALO_LIMIT
from handlers.types import Button, Reply


def test_buttons_become_numbered_options_in_reading_order() -> None:
    reply = Reply.make(
        "Anh/chị cần gì ạ?",
        [
            [Button("Hỏi thủ tục", "mn:ask"), Button("Tra cứu hồ sơ", "mn:status")],
            [Button("Đặt lịch", "mn:book")],
        ],
    )
    text = render_reply(reply)
    lines = text.splitlines()
    assert lines[0] == "Anh/chị cần gì ạ?"
    assert lines[-3:] == ["1. Hỏi thủ tục", "2. Tra cứu hồ sơ", "3. Đặt lịch"]
    assert "gõ số" in text  # the citizen is told how to choose


def test_link_is_appended_as_plain_url() -> None:
    url = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1"
    text = render_reply(Reply.make("Thủ tục khai sinh", link=url))
    assert url in text and text.startswith("Thủ tục khai sinh")


def test_only_the_last_reply_of_a_turn_numbers_its_buttons() -> None:
    # the engine maps a typed number to the last reply's buttons only
    first = Reply.make("Thẻ thủ tục", [[Button("Xem giấy tờ", "ck:start:x")]])
    last = Reply.make("Anh/chị chọn:", [[Button("Về menu chính", "mn:menu")]])
    out = render_replies([first, last])
    assert "Xem giấy tờ" not in out[0] and "1." not in out[0]
    assert out[-1].endswith("1. Về menu chính")


def test_long_answer_is_split_under_the_zalo_limit_between_lines() -> None:
    lines = [f"{i}. Giấy tờ số {i}: bản chính hoặc bản sao có chứng thực." for i in range(120)]
    reply = Reply.make("\n".join(lines), [[Button("Về menu chính", "mn:menu")]])
    pieces = render_replies([reply])
    assert len(pieces) > 1
    assert all(len(p) <= ZALO_LIMIT for p in pieces)
    rejoined = "\n".join(pieces).splitlines()
    for line in lines:  # every line arrives whole
        assert line in rejoined
    assert pieces[-1].endswith("1. Về menu chính")


def test_a_clipped_line_never_ends_inside_an_open_parenthesis() -> None:
    from handlers.textsplit import clip

    fee = (
        "Lệ phí đăng ký lại khai sinh (tại Đồng Tháp): 10.000 đồng khi nộp trực tiếp hoặc qua "
        "bưu chính (mức khi nộp trực tuyến: cần xác minh với Bộ phận Một cửa)"
    )
    text, cut = clip(fee, 120)
    assert cut and text.endswith("…") and text.count("(") == text.count(")")
    assert "10.000 đồng" in text  # the cut moved before the parenthesis, the amount stays
    early = (
        "Nguồn: TT 15/2026 (Điều lệ trường tiểu học, trường trung học cơ sở, trường phổ thông"
        " có nhiều cấp học và văn bản khác)"
    )
    text, cut = clip(early, 80)
    assert cut and text.endswith("…)") and text.count("(") == text.count(")")
