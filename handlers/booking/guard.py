"""What the booking's free-text steps (name, phone, address) get before they read the text.

At "họ và tên" or "số điện thoại" citizens type other things than the answer: "hủy lịch
hẹn", "thôi không đặt nữa" (leave the booking: nothing is booked), "chọn giờ khác" (back to
the day's times), a question or a procedure's name (never taken as a name), a name and a
phone in one message ("Nguyễn Thị Mai 0912 345 678", both kept), a phone inside a sentence
("số của tôi là 0912345678 nhé"). A step that rejects the same answer twice says once,
briefly, what it needs and how to stop, instead of the full rule again.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from typing import Any

from handlers.booking import form
from handlers.booking import input as bi
from handlers.booking import typed_names as tn
from handlers.booking import views as view
from handlers.booking.resume import stopped
from handlers.common import elsewhere
from handlers.context import Context
from handlers.topics import is_question
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold

# leaving the booking, typed where a name, a phone or an address is asked
_LEAVE = re.compile(  # never one word: "Dung" is a name (a bare "dừng", "hủy" are commands)
    r"^(?:thoi\s+)?(?:huy|huy bo|bo|dung|cancel)\s+(?:dat\s+)?(?:lich|hen|lich hen|viec dat"
    r" lich)(?:\s+(?:nay|do|kia|vua roi|nha|nhe|di|a|giup em|gium|dum|luon))*$"
    r"|^thoi\s+(?:huy|dung|bo)(?:\s+(?:di|nha|nhe|a|luon))*$"
    r"|\b(?:khong|ko|k|kh|hong)\s+(?:dat|hen|can dat|muon dat)(?:\s+\w+)?\s+nua\b"
    r"|^thoi(?:\s+(?:khoi|nha|nhe|a|em|khong can|khong lam nua|de sau))+$"
    r"|\bkhoi dat\b|\bkhong can dat\b|\bkhong dat lich\b"
)
_OTHER_TIME = ("chon gio khac", "gio khac", "doi gio", "ngay khac", "doi ngay", "chon ngay khac")
# words of a request, a question or a procedure: never a person's name (accent-aware: a name
# may be "Minh", never "mình")
NOT_NAME = frozenset(
    """giờ lịch đặt hủy huỷ đổi chọn khác thủ tục giấy đăng muốn không được cần hỏi
    tôi mình số điện thoại hẹn thôi nữa gì nào đâu nhiêu ngày làm sáng chiều""".split()
)
# ... and typed without accents, only those no name shares ("Dat", "Thu", "Huy" are names)
_NOT_NAME_PLAIN = frozenset("gio lich chon khac tuc muon khong".split())
_PROCEDURE_WORDS = ("khai sinh", "ket hon", "tam tru", "thuong tru", "can cuoc", "khai tu",
                    "ho khau", "so do", "dang ky", "chung thuc", "giay to", "ho so")  # fmt: skip
# words around a name or a phone in a sentence ("tôi tên là ...", "số của tôi là ... nhé")
_AROUND = re.compile(
    r"\b(?:toi|em|minh|tui|chau|con)?\s*(?:ten\s+(?:la\s+)?|ho ten\s+(?:la\s+)?)"
    # "số của tôi là", "số cô là", "sđt chú là" (QA pass 10: "số cô là 0977..." was a name)
    r"|\b(?:so dien thoai|so dt|sdt|dien thoai|so)\s*"
    r"(?:(?:cua\s+)?(?:toi|em|minh|tui|co|chu|bac|anh|chi|ong|ba|chau|con)\s+)?(?:la\s+)?"
    r"|[,.;:!]"
)
# particles after a name or a phone, as typed ("ạ", never a plain "a": "Nguyễn Văn A")
_TAIL = frozenset("nhé nha nhe nhen ạ dạ vậy vay nghen".split())
_PHONE = re.compile(r"(?<!\d)(?:\(?\+?84\)?|0)(?:[\s.\-]?\d){9}(?!\d)")
KINDS = {"ask_name": "name", "ask_phone": "phone", "ask_address": "address", "ask_need": "need"}


def not_a_name(text: str) -> bool:
    """A question, a request or a procedure typed where the name is asked."""
    if "?" in text:
        return True
    raw = [w.strip(",.!") for w in text.lower().split()]
    folded = fold(text)
    plain = folded == " ".join(raw)  # typed without accents
    if any(w in NOT_NAME for w in raw):
        return True
    if plain and any(w in _NOT_NAME_PLAIN for w in folded.split()):
        return True
    return any(f" {p} " in f" {folded} " for p in _PROCEDURE_WORDS)


def _plain(text: str) -> str:
    """Lower case without accents, letter for letter (spans map back to the text)."""
    out = []
    for ch in text:
        low = ch.lower()
        low = "d" if low == "đ" else unicodedata.normalize("NFD", low)[:1]
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def _strip_around(text: str) -> str:
    """The text without the lead-in words of a sentence ("tôi tên là"), accents kept."""
    out = text
    for m in sorted(_AROUND.finditer(_plain(text)), key=lambda m: -m.start()):
        out = out[: m.start()] + " " + out[m.end() :]
    return " ".join(out.split())


def details_in(text: str) -> dict[str, str]:
    """``{"name": ..., "phone": ...}``: what a message gives of the two, each when valid."""
    found: dict[str, str] = {}
    rest = text
    m = _PHONE.search(text)
    phone = bi.parse_mobile(m.group(0)) if m else None
    if m is not None and phone is not None:
        found["phone"] = phone
        rest = text[: m.start()] + " " + text[m.end() :]
    words = _strip_around(rest).split()
    while words and words[-1].lower() in _TAIL:
        words.pop()
    name_part = " ".join(words)
    name = bi.clean_name(name_part) if name_part else None
    if name is not None and not not_a_name(name_part):
        found["name"] = name
    return found


def guarded(step_fn: Any, day_fn: Any) -> Any:
    """Wrap a free-text step of the form (see the module doc); ``day_fn`` shows a day's
    times again ("chọn giờ khác")."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        text = " ".join((msg.text or "").split())
        folded = fold(text)
        kind = KINDS.get(ctx.state.step, "")
        programme = form.current(ctx)
        if msg.payload is not None or programme is None or not text or not kind:
            return await step_fn(msg, ctx)
        if _LEAVE.search(folded):  # "hủy lịch hẹn", "thôi không đặt nữa": nothing booked
            return stopped(ctx, "booking.left_typed")
        if ctx.data.get("d") and any(f" {w} " in f" {folded} " for w in _OTHER_TIME):
            return await day_fn(msg, ctx, dt.date.fromisoformat(ctx.data["d"]))
        away = tn.other_ward_note(ctx, programme, text) if kind == "address" else None
        if away is not None:  # an address in another ward than the home visits' own
            return Step([_ask(ctx, "booking.ask_address_again", away)])
        ward = tn.ward_only(ctx, text) if kind == "name" and text == text.lower() else None
        if ward is not None:  # "cao lãnh" at the name: a ward, no person's name
            said = ctx.t("booking.ward_not_name", ward=ward.display)
            return _count(ctx, kind, Step([_ask(ctx, "booking.ask_name", said)]))
        if kind in ("name", "phone"):
            given = details_in(text)
            if kind in given:  # "Nguyễn Thị Mai 0912 345 678": both kept
                keep = {k: v for k, v in given.items() if k == kind or not ctx.data.get(k)}
                data = {k: v for k, v in {**ctx.data, **keep}.items() if k not in ("rej", "tries")}
                return form.next_missing(ctx, programme, data)  # (the count starts afresh)
            if kind == "name" and "phone" in given:  # "số của tôi là 0912..." at the name
                return await step_fn(replace(msg, text=given["phone"]), ctx)
            if kind == "phone" and "name" in given and looks_named(text):  # a name again
                said = ctx.t("booking.kept_name", name=bi.mask_name(given["name"]))
                data = {**ctx.data, "name": given["name"]}
                return Step([_ask(ctx, "booking.ask_phone", said)], data=data)
            if kind == "name" and not_a_name(text):
                if is_question(text) and elsewhere(ctx, text):
                    return Step(unhandled=True)  # a new question: answered at once
                return _count(ctx, kind, Step([_ask(ctx, "booking.not_a_name")]))
        result = await step_fn(msg, ctx)
        if result.next is not None and result.data is not None:
            result.data.pop("rej", None)  # answered: the next step counts afresh
        invalid = ctx.t(f"booking.{kind}_invalid") if kind != "need" else None
        if any(r.text == invalid for r in result.replies):  # rejected: asked again
            return _count(ctx, kind, result)
        return result

    step.__doc__ = step_fn.__doc__
    return step


def leaves(text: str) -> bool:
    """ "thôi hủy lịch đó đi", "thôi không đặt nữa": the booking being made is given up."""
    return bool(_LEAVE.search(fold(text)))


def leaving(step_fn: Any) -> Any:
    """Wrap a choice step of the booking (programme, day, time): "hủy lịch hẹn", "thôi
    không đặt nữa" typed there stop the booking in progress, nothing booked."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        if msg.payload is None and _LEAVE.search(fold(msg.text or "")):
            return stopped(ctx, "booking.left_typed")
        return await step_fn(msg, ctx)

    step.__doc__ = step_fn.__doc__
    return step


def _ask(ctx: Context, key: str, said: str = "") -> Reply:
    return Reply.make(f"{said} {ctx.t(key)}".strip(), [view.stop_row(ctx)])


def looks_named(text: str) -> bool:
    """Capitalised like a name ("Nguyễn Thị Mai"), two to five words."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def _count(ctx: Context, kind: str, result: Step) -> Step:
    """From the second rejection on: what is needed in one line, and the ways out."""
    rejected = int(ctx.data.get("rej", 0)) + 1
    data = {**(result.data if result.data is not None else ctx.data), "rej": rejected}
    if rejected < 2:
        result.data = data
        return result
    rows = [view.stop_row(ctx), [Button(ctx.t("menu.btn_contact"), "mn:contact")]]
    return Step([Reply.make(ctx.t(f"booking.brief_{kind}"), rows)], data=data)
