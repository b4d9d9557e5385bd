"""Off-topic words and the dossier-waiting pattern inside a real request (knowledge.off_topic,
knowledge.intents): a bank loan named as the purpose of a certificate is still a request for
the certificate; "chưa vợ" is marital status, not a dossier waiting."""

from __future__ import annotations

import pytest

from knowledge.intents import detect_intent


@pytest.mark.parametrize(
    "text",
    [
        "xin giấy xác nhận độc thân để làm hồ sơ vay mua nhà",
        "xin mã số thuế cá nhân để làm hồ sơ vay tín chấp ngân hàng",
        "chứng thực bản sao sổ đỏ để nộp ngân hàng vay mua xe",
    ],
)
def test_an_off_topic_purpose_does_not_hide_the_request(text: str) -> None:
    assert detect_intent(text).intent is None  # searched as a procedure


@pytest.mark.parametrize(
    "text",
    ["vay mua nhà lãi bao nhiêu", "vay tín chấp ngân hàng nào dễ", "giá vàng hôm nay để mua"],
)
def test_off_topic_questions_stay_out_of_scope(text: str) -> None:
    assert detect_intent(text).intent == "out_of_scope"


def test_chua_vo_is_marital_status_not_a_dossier_waiting() -> None:
    assert detect_intent("công ty bắt nộp giấy xác nhận chưa vợ, xin ở đâu").intent is None
    assert detect_intent("cong ty bat nop giay xac nhan chua co chong").intent is None
    assert detect_intent("tôi nộp hồ sơ rồi mà chưa có kết quả").intent == "dossier_status"
    assert detect_intent("nop ho so khai sinh 5 ngay chua thay goi").intent == "dossier_status"


@pytest.mark.parametrize(
    "text",
    ["ho so nop hom truoc toi dau roi", "hồ sơ khai sinh nộp tuần trước giờ tới đâu rồi"],
)
def test_a_dossier_asked_where_it_is_with_words_between_is_a_status_question(text: str) -> None:
    assert detect_intent(text).intent == "dossier_status"


def test_where_something_is_without_a_dossier_is_not_a_status_question() -> None:
    assert detect_intent("làm sổ đỏ tới đâu rồi thì cần gì").intent != "dossier_status"
    assert detect_intent("bạn tên gì").intent == "out_of_scope"
