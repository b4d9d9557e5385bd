"""Cases the law frees from the fee, which the portal's fee column does not show
(knowledge/data/fee_exemptions.yaml): a first ID card, a renewal at 25, 40 or 60, the groups
Thông tư 73/2024/TT-BTC exempts. A parent or a pensioner who owes nothing must read so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from knowledge.fee_exemptions import for_code, read
from tests.flows.test_card_facts import _card, _details, _line
from tests.support.chat import Chat


def test_every_exemption_names_its_law_its_source_and_real_procedures(
    knowledge: tuple[Any, Any],
) -> None:
    kb = knowledge[0]
    entries = read()
    assert entries
    for entry in entries:
        assert entry.codes and entry.vi.strip() and entry.en.strip()
        assert "Điều" in entry.basis, entry.id  # the article, not only the act
        assert entry.source.startswith("https://"), entry.id
        assert isinstance(entry.verified_on, dt.date)
        for code in entry.codes:
            assert kb.get(code) is not None, (entry.id, code)


async def test_a_childs_first_id_card_is_said_to_be_free(app) -> None:
    fee = _line(await _card(app, "1.014062"), "💰")
    assert "không phải nộp lệ phí" in fee and "Điều 38" in fee
    assert "Chưa có thông tin" not in fee


async def test_a_first_id_card_for_a_teenager_is_free_and_an_old_card_holder_is_told_more(
    app,
) -> None:
    chat = Chat(app.engine, chat_id="fee-first-card")
    await chat.say("lam can cuoc lan dau cho con 15 tuoi het bao nhieu tien")
    text = "\n".join(r.text for r in chat.last)
    assert "Không phải nộp lệ phí" in text
    details = await _details(app, "1.014061", "fees")
    assert "Điều 38 khoản 2" in details
    assert "Căn cước công dân" in details  # the old-card holder's renewal is named


async def test_a_renewal_card_points_to_the_cases_that_pay_nothing(app) -> None:
    fee = _line(await _card(app, "1.014063"), "💰")
    assert "25.000 đồng" in fee  # the reduced rate still leads
    assert "không phải nộp hoặc được miễn" in fee
    details = await _details(app, "1.014063", "fees")
    assert "đủ 14, 25, 40 hoặc 60 tuổi" in details
    assert "người cao tuổi" in details and "Thông tư 73/2024/TT-BTC, Điều 5" in details
    reissue = await _details(app, "1.014064", "fees")
    assert "người thuộc hộ nghèo" in reissue
    assert "đủ 14, 25, 40" not in reissue  # the age rule is about renewals only


async def test_english_readers_get_the_exemptions_in_english(app) -> None:
    chat = Chat(app.engine, chat_id="fee-en", locale="en")
    await chat.press("sr:fees:1.014063")
    text = chat.last[0].text
    assert "renewed at 14, 25, 40 or 60" in text
    assert "elderly people" in text


def test_a_procedure_without_an_entry_has_no_exemption() -> None:
    assert for_code("1.001193") == ()


def test_kb_validate_names_an_unknown_code_and_a_basis_without_its_article(tmp_path) -> None:
    from knowledge.fee_exemptions import check

    path = tmp_path / "fee_exemptions.yaml"
    path.write_text(
        "exemptions:\n"
        "  - {id: x, codes: ['1.014063', '9.999999'], vi: a, en: b,\n"
        "     basis: 'Thông tư 73/2024/TT-BTC', source: 'https://x', verified_on: 2026-12-01}\n",
        encoding="utf-8",
    )
    found = check(path, {"1.014063"})
    assert any("9.999999" in p for p in found) and not any("1.014063" in p for p in found)
    assert any("điều luật" in p for p in found)
    path.write_text("exemptions:\n  - {id: x}\n", encoding="utf-8")  # a key missing
    assert check(path, set()) and "không đọc được" in check(path, set())[0]
