"""The words behind round 10's fixes, one by one: what each phrase is read as."""

from __future__ import annotations

import pytest

from handlers.answer_overlap import closest
from handlers.answers import understand
from handlers.status import followup
from handlers.status.verify import unverifiable
from handlers.topics import topic_of


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("người già", None),  # "già" (old) is no "giá" (price)
        ("nguoi gia neo don", None),
        ("giá bao nhiêu", "fee"),
        ("gia bao nhieu", "fee"),  # unaccented, alone: the price
        ("bao nhiêu tiền", "fee"),
        ("được bao nhiêu tiền", "amount"),
        ("được hưởng bao nhiêu", "amount"),
        ("mức trợ cấp bao nhiêu", "amount"),
        ("được bao nhiêu ngày", "time"),  # a time, never the amount
    ],
)
def test_topic_words(text: str, topic: str | None) -> None:
    assert topic_of(text) == topic


GROUPS = [
    ["Trẻ em (mồ côi...)", "child"],
    ["Người khuyết tật nặng hoặc đặc biệt nặng", "disabled"],
    ["Người cao tuổi (neo đơn, thuộc hộ nghèo...)", "elderly"],
]


@pytest.mark.parametrize(
    ("text", "payload"),
    [("người già", "elderly"), ("cu gia neo don", "elderly"), ("con nit mo coi", "child"),
     ("nguoi tan tat", "disabled")],
)  # fmt: skip
def test_everyday_words_for_a_group(text: str, payload: str) -> None:
    assert closest(text, GROUPS, "Người đề nghị thuộc nhóm nào?").payload == payload


def test_truc_tiep_and_truc_tuyen_never_share_a_syllable() -> None:
    rows = [["Đến thẳng Công an xã/phường", "in"], ["Đặt lịch trực tuyến trước rồi đến làm", "on"]]
    assert closest("truc tiep", rows, "đặt lịch trước hay đến thẳng?").payload is None
    assert closest("nop truc tuyen", rows, "đặt lịch trước hay đến thẳng?").payload == "on"
    assert understand("truc tiep", rows) == "in"
    assert understand("truc tiep hay truc tuyen", rows) is None  # both said: ask again


@pytest.mark.parametrize(
    ("text", "why"),
    [("ko biết sđt", "no_phone"), ("không nhớ số điện thoại", "no_phone"),
     ("quen so roi", "no_phone"), ("cho biết tên người nộp", "owner"), ("hồ sơ này của ai", "owner"),
     ("ai nộp vậy", "owner"), ("5678", ""), ("tôi là chủ hồ sơ", "")],
)  # fmt: skip
def test_what_keeps_a_dossier_closed(text: str, why: str) -> None:
    assert unverifiable(text) == why


@pytest.mark.parametrize(
    ("text", "topic"),
    [("bo sung online dc ko", "supplement_online"), ("thieu gi", "supplement"),
     ("nho chong lay ho dc ko", "proxy"), ("cho người nhà nhận thay được không", "proxy"),
     ("lay ket qua o dau", "collect")],
)  # fmt: skip
def test_status_follow_up_words(text: str, topic: str) -> None:
    assert followup.topic_of(text) == topic


def test_co_gi_bao_em_is_asking_for_the_notices() -> None:
    assert followup.wants_notices("co gi bao e nha") and followup.wants_notices("có gì báo em nhé")
    assert not followup.wants_notices("có gì mang theo")


def test_a_new_walkthrough_run_never_reuses_the_previous_runs_tag() -> None:
    from handlers.checklist.views import new_nonce

    assert all(new_nonce("ab") != "ab" for _ in range(3000))  # 1 in 676 each, without the check


def test_a_label_typed_with_a_polite_tail_presses_it() -> None:
    from handlers.sanitize import match_label

    rows = [["Bỏ qua", "w:skip"], ["Dừng", "w:stop"]]
    assert match_label("bo qua cai nay", rows) == "w:skip"
    assert match_label("Bỏ qua đi nha", rows) == "w:skip"
    assert match_label("phường Cao Lãnh", rows) is None  # a ward name stays data
