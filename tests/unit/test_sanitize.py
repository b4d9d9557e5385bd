from handlers import sanitize


def test_clean_text_strips_controls_zero_width_and_composes() -> None:
    nfd = "khai sinh".replace("i", "i") + " đăng ky\u0301"  # ký typed as y + combining acute
    assert sanitize.clean_text("  xin\u200b chào\x00\x07 \n\t ") == "xin chào"
    assert sanitize.clean_text(nfd).endswith("đăng ký")


def test_emoji_punctuation_and_blank_messages_count_as_empty() -> None:
    for text in ["", "   ", "\n\t", "😀😀🙏", "???!!!", "\u200b\u200b", "👍 👍"]:
        assert sanitize.clean_text(text) == ""


def test_huge_message_is_cut() -> None:
    assert len(sanitize.clean_text("a " * 20000)) <= sanitize.MAX_TEXT


def test_global_commands_with_and_without_diacritics() -> None:
    assert sanitize.command_of("Hủy") == "huy"
    assert sanitize.command_of("/huy") == "/huy"
    assert sanitize.command_of("Trợ giúp") == "tro giup"
    assert sanitize.command_of("/start tt_1.001193") == "/start"
    assert sanitize.command_of("/menu@tthc_bot") == "/menu"


def test_deep_links_open_a_procedure() -> None:
    assert sanitize.deep_link_payload("tt_1.001193") == "sr:card:1.001193"
    assert sanitize.deep_link_payload("tt_1-001193") == "sr:card:1.001193"
    assert sanitize.deep_link_payload("whatever") == "mn:menu"
    assert (
        sanitize.deep_link_payload("tt_dp-tro-cap-xa-hoi-hang-thang")
        == "sr:card:dp.tro-cap-xa-hoi-hang-thang"
    )


def test_typed_number_or_label_presses_the_offered_button() -> None:
    offered = [["Đã có", "ck:ans:yes"], ["Chưa có", "ck:ans:no"]]
    assert sanitize.match_button("2", offered) == "ck:ans:no"
    assert sanitize.match_button("chua co", offered) == "ck:ans:no"
    assert sanitize.match_button("3", offered) is None
    assert sanitize.match_button("có", offered) is None
    assert sanitize.match_button("1", []) is None
