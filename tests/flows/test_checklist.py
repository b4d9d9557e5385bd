"""The guided document walkthrough, through the engine, with buttons and typed answers."""

from __future__ import annotations

import pytest

from bot.app import build_app
from bot.config import Settings
from handlers.checklist.logic import applicable_documents, plan_for
from tests.support.chat import Chat

BIRTH = "1.001193"


def _curated_codes() -> list[str]:
    from knowledge.loader import load_knowledge

    return sorted(p.code for p in load_knowledge().procedures if p.curated and p.documents)


async def _walk(chat: Chat, code: str, pattern: list[str]) -> tuple[list[str], list[str]]:
    """Answer every deciding question with its first option, then documents in ``pattern``
    order (cycled); returns (names answered "Chưa có", names of all documents asked)."""
    await chat.press(f"ck:start:{code}")
    missing: list[str] = []
    asked: list[str] = []
    i = 0
    for _ in range(60):
        payloads = [b.payload for b in chat.buttons()]
        if any(p.startswith("ck:a:") for p in payloads):
            await chat.press(next(p for p in payloads if p.startswith("ck:a:")))
            continue
        if chat.payload("ck:d:have"):
            name = chat.last[-1].text.split('"')[1]
            asked.append(name)
            choice = pattern[i % len(pattern)]
            i += 1
            if choice == "missing":
                missing.append(name)
            await chat.press_prefix(f"ck:d:{choice}")
            continue
        break
    return missing, asked


def _section(text: str, title: str) -> str:
    start = text.find(title)
    if start < 0:
        return ""
    rest = text[start + len(title) :]
    ends = [rest.find(m) for m in ("Giấy tờ đã có", "Giấy tờ anh/chị chưa rõ", "📍")]
    ends = [e for e in ends if e > 0]
    return rest[: min(ends)] if ends else rest


@pytest.mark.parametrize("code", _curated_codes())
async def test_every_curated_procedure_walks_to_an_exact_summary(app, code) -> None:
    chat = Chat(app.engine, chat_id=f"walk-{code}")
    missing, asked = await _walk(chat, code, ["have", "missing"])
    assert asked, "the walkthrough asked no document"
    summary = chat.text
    assert "Tóm tắt hồ sơ" in summary
    missing_block = _section(summary, "Giấy tờ còn thiếu")
    for name in missing:
        assert f"❌ {name}" in missing_block
    assert missing_block.count("❌") == len(missing)
    assert "Đặt lịch hỗ trợ" in chat.labels()


async def test_birth_registration_only_applicable_documents(app) -> None:
    chat = Chat(app.engine, chat_id="birth-1")
    await chat.press(f"ck:start:{BIRTH}")
    assert "trực tiếp" in chat.text
    await chat.click("Nộp trực tiếp")
    await chat.click("Cha hoặc mẹ")
    await chat.click("sinh bình thường")
    await chat.click("Có Giấy chứng sinh")
    asked = []
    while chat.payload("ck:d:have"):
        asked.append(chat.last[-1].text)
        await chat.press_prefix("ck:d:missing" if "Tờ khai" in chat.last[-1].text else "ck:d:have")
    joined = "\n".join(asked)
    assert "Tờ khai đăng ký khai sinh" in joined
    assert "Giấy chứng sinh" not in joined  # "Có Giấy chứng sinh" said it: not asked again
    assert "ủy quyền" not in joined  # a parent files: no power of attorney
    assert "bỏ rơi" not in joined
    assert "làm chứng" not in joined
    summary = chat.text
    assert "Giấy chứng sinh" in _section(summary, "Giấy tờ đã có")
    missing = _section(summary, "Giấy tờ còn thiếu")
    assert "❌ Tờ khai đăng ký khai sinh" in missing and missing.count("❌") == 1
    assert "Bộ phận Một cửa" in missing  # how to get it
    assert "bản chính" in summary


async def test_typed_answers_work(app) -> None:
    chat = Chat(app.engine, chat_id="typed")
    await chat.say("menu")
    await chat.click("Chuẩn bị giấy tờ")
    await chat.say("lam giay khai sinh cho con")
    assert "trực tiếp" in chat.text  # the walkthrough started directly
    await chat.say("1")  # in person
    await chat.say("cha hoac me")
    await chat.say("1")
    await chat.say("co giay chung sinh")
    assert "Anh/chị đã có" in chat.text and "(1/2)" in chat.text  # not asked it again
    await chat.say("k")
    assert "Để có" in chat.text  # "k" = không: explained how to get it
    await chat.say("co")
    summary = chat.text
    assert "Tóm tắt" in summary
    assert _section(summary, "Giấy tờ còn thiếu").count("❌") == 1


async def test_unclear_typed_answer_is_asked_again(app) -> None:
    chat = Chat(app.engine, chat_id="unclear")
    await chat.press(f"ck:start:{BIRTH}")
    offered = chat.labels()
    await chat.say("hmm")
    assert "chưa rõ ý anh/chị" in chat.text
    assert chat.labels() == offered  # the same options, once, nothing else


async def test_back_one_step_undoes_the_last_answer(app) -> None:
    chat = Chat(app.engine, chat_id="back")
    await chat.press(f"ck:start:{BIRTH}")
    await chat.click("Nộp trực tiếp")
    assert "Ai sẽ đi" in chat.text
    await chat.click("Quay lại")
    assert "trực tiếp" in chat.text and "Ai sẽ đi" not in chat.text
    await chat.click("Nộp trực tuyến")
    await chat.click("ủy quyền")
    await chat.click("sinh bình thường")
    await chat.click("Có Giấy chứng sinh")
    texts = []
    while chat.payload("ck:d:have"):
        texts.append(chat.last[-1].text)
        await chat.press_prefix("ck:d:have")
    joined = "\n".join(texts)
    assert "ủy quyền" in joined  # authorised person
    assert "Giấy tờ tùy thân" not in joined  # online: nothing to present at the desk


async def test_resumes_exactly_after_a_service_restart(tmp_path, knowledge, clock) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/restart.db")
    kb, index = knowledge
    first = await build_app(settings, clock=clock, kb=kb, index=index)
    chat = Chat(first.engine, chat_id="restart")
    await chat.press(f"ck:start:{BIRTH}")
    await chat.click("Nộp trực tiếp")
    await chat.click("Cha hoặc mẹ")
    await chat.click("sinh bình thường")
    await chat.click("Có Giấy chứng sinh")
    await chat.press_prefix("ck:d:have")
    before = chat.last[-1].text
    await first.close()

    second = await build_app(settings, clock=clock, kb=kb, index=index)
    chat2 = Chat(second.engine, chat_id="restart")
    await chat2.say("chưa có")
    assert "Để có" in chat2.text  # the answer applied to the document asked before
    assert before.split('"')[1] in chat2.text
    await second.close()


async def test_stop_and_old_buttons(app) -> None:
    chat = Chat(app.engine, chat_id="stop")
    await chat.press(f"ck:start:{BIRTH}")
    old = chat.payload("ck:a:")
    await chat.click("Dừng")
    assert "đã dừng" in chat.text
    await chat.press(old)  # a button from the finished walkthrough
    assert "không còn dùng được" in chat.text


def test_conditions_select_documents() -> None:
    from knowledge.loader import load_knowledge

    proc = load_knowledge().get(BIRTH)
    plan = plan_for(proc)
    docs = applicable_documents(
        plan, {"method": "online", "who": "authorised", "special": "abandoned"}
    )
    ids = {d.id for d in docs}
    assert "bien_ban_bo_roi" in ids and "uy_quyen" in ids
    assert "giay_chung_sinh" not in ids and "giay_to_tuy_than" not in ids


async def test_uncatalogued_groups_become_a_question(app) -> None:
    """A catalogue-only procedure with case groups asks which case applies first."""
    kb = app.services.kb
    proc = next(
        p
        for p in kb.procedures
        if not p.curated and len({d.group for d in p.documents if d.group}) >= 2
    )
    chat = Chat(app.engine, chat_id="groups")
    await chat.press(f"ck:start:{proc.code}")
    assert "Trường hợp của anh/chị" in chat.text


async def test_a_catalogue_paper_for_another_case_can_be_marked_not_mine(app) -> None:
    """1.004827 (catalogue only): the ủy quyền letter "trong trường hợp ủy quyền" and the paper
    form "(nếu ... nộp hồ sơ theo hình thức trực tiếp)" apply only in their case: "not my case"
    keeps them out of the missing list; an unconditional paper gets no such button."""
    chat = Chat(app.engine, chat_id="walk-na")
    await chat.press("ck:start:1.004827")
    marked: list[str] = []
    for _ in range(30):
        if not chat.payload("ck:d:have"):
            break
        name = chat.last[-1].text.split('"')[1]
        offers = chat.payload("ck:d:na") is not None
        if "Giấy báo tử" in name:
            assert not offers  # the death notice is always needed
        if offers and ("ủy quyền" in name or "(nếu" in name):
            marked.append(name)
            await chat.press_prefix("ck:d:na")
        else:
            await chat.press_prefix("ck:d:missing")
    assert len(marked) >= 2
    summary = chat.text
    missing = summary.split("Giấy tờ còn thiếu", 1)[1].split("Không thuộc trường hợp", 1)[0]
    assert "Không thuộc trường hợp của anh/chị (" in summary
    assert all(name[:40] not in missing for name in marked)


async def test_a_record_filed_at_the_police_does_not_get_the_ubnds_hours(app) -> None:
    """1.014056 is filed at the Công an xã, which the record says also opens Saturday
    mornings: the summary must not give the UBND's Monday-Friday hours for it (audit 2)."""
    chat = Chat(app.engine, chat_id="walk-hours")
    await chat.press("ck:start:1.014056")
    for _ in range(10):
        if not chat.payload("ck:d:have"):
            break
        await chat.press_prefix("ck:d:have")
    assert "📋" in chat.text and "Công an" in chat.text
    assert "🕗" not in chat.text
    chat = Chat(app.engine, chat_id="walk-hours-ubnd")
    missing, _ = await _walk(chat, BIRTH, ["have"])
    assert "🕗" in chat.text  # a UBND procedure keeps them
