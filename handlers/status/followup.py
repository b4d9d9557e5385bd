"""Questions typed after a dossier's card, answered about *that* dossier.

"sao quá hạn rồi mà chưa có" (what overdue means and whom to ask), "đã bổ sung thì nộp ở
đâu" (where to hand in the missing papers), "nhận kết quả ở đâu", "bao giờ có kết quả". The
answers use only the dossier's own data (status, dates, office) and the status texts; the
context ends with the status flow.
"""

from __future__ import annotations

import datetime as dt

from handlers.common import handoff_button
from handlers.context import Context
from handlers.i18n import t
from handlers.office_hours import hours_in
from handlers.status.dossier import CLOSED, DossierView
from handlers.status.views import explain, fmt_date, status_label, timing_line, todo_text
from handlers.types import Button
from handlers.workdays import WorkCalendar
from knowledge.normalize import fold

TOPICS: dict[str, tuple[str, ...]] = {
    "supplement": (
        "bo sung", "nop bo sung", "nop them", "nop lai", "thieu giay", "thieu gi", "con thieu",
        "supplement", "missing", "what else", "lacking",
    ),
    "overdue": (
        "qua han", "tre han", "tre hen", "qua ngay", "sao lau", "lau vay", "lau qua", "lau the",
        "sao chua", "van chua", "tre", "cham", "overdue", "late", "delay",
    ),
    # someone else collecting the result ("nhờ chồng lấy hộ được không")
    "proxy": (
        "lay ho", "lay dum", "lay gium", "lay giup", "lay thay", "nhan ho", "nhan dum",
        "nhan gium", "nhan thay", "nhan giup", "di lay ho", "lay dum duoc", "uy quyen",
        "nguoi nha lay", "nguoi khac lay", "nguoi khac nhan", "nho nguoi", "nho chong",
        "nho vo", "nho con", "nho ba", "nho me",
        "on my behalf", "someone else", "pick it up for me", "collect for me",
    ),
    "collect": (
        "nhan ket qua", "lay ket qua", "nhan o dau", "lay o dau", "nhan giay", "mang gi",
        "can mang", "mang theo", "dem theo", "mang nhung gi", "mang toi dau",
        "mang den dau", "dem toi dau", "dem den dau", "mang lai dau", "giay to toi dau",
        "giay to den dau", "collect", "bring", "pick up",
        "pick it up", "pickup", "receive", "get the result",
    ),
    "progress": (
        "buoc nao", "den dau", "toi dau", "the nao roi", "ra sao", "tinh trang", "giai doan",
        "dang o dau", "progress", "what stage", "which step",
    ),
    # what to do now ("giờ tôi cần làm gì"): what the status asks of the citizen (papers to
    # hand in, a result to collect, a fee to pay), else whom to ask (``resolved``)
    "todo": (
        "can lam gi", "phai lam gi", "lam gi bay gio", "lam gi tiep", "gio lam gi", "lam gi nua",
        "can lam nhung gi", "phai lam nhung gi", "lam sao tiep", "buoc tiep theo", "tiep theo",
        "what should i do", "what do i do", "what now", "what next", "what do i need to do",
    ),
    # whom to ask about this dossier: the office that received it, never a procedure
    "contact": (
        "hoi ai", "hoi o dau", "lien he ai", "lien he", "lien lac", "goi ai", "goi cho ai",
        "goi so nao", "goi dau", "so dien thoai", "sdt", "so dt", "hotline", "gap ai", "tim ai",
        "ai giai quyet", "ai phu trach", "ai xu ly", "ai lo", "khieu nai", "phan anh",
        "who do i ask", "who should i", "who can i", "whom", "contact", "call", "phone number",
        # "giờ phải làm sao" after a late dossier: asking its office is what can be done
        "phai lam sao", "lam sao bay gio", "gio lam sao", "what can i do",
    ),
    "received": (
        "nop ngay nao", "nop hom nao", "nop luc nao", "nop khi nao", "ngay nop", "tiep nhan ngay nao",
        "nhan ho so ngay nao", "ngay tiep nhan", "when did i file", "filed on",
    ),
    "when": (
        "khi nao", "bao gio", "bao lau", "ngay nao", "may ngay", "hom nao", "chung nao", "bua nao",
        "when",
    ),
    "where": ("nop o dau", "o dau", "cho nao", "dia chi", "where"),
}  # fmt: skip
# "báo cho bác khi có kết quả nha", "theo dõi hồ sơ này": the card's notices, in words
NOTICES = (
    "bao cho", "bao toi", "bao tui", "bao minh", "bao em", "bao bac", "bao chu", "bao co",
    "bao ong", "bao ba", "bao lai", "bao giup", "bao khi", "bao ngay khi", "nhan thong bao",
    "gui thong bao", "thong bao cho", "thong bao khi", "nhan tin cho", "nhan tin khi",
    "nhan tin bao", "theo doi", "dang ky nhan", "notify", "let me know", "tell me when",
    "keep me posted", "follow this", "co thay doi thi nhan", "co ket qua thi nhan tin",
    "nhan cho tui khi", "nhan cho toi khi", "nhan cho minh khi", "nhan cho bac khi",
    "nhan cho em khi", "bao tin", "co gi bao", "co gi thi bao", "co gi nhan", "co gi thi nhan", "bao e",
)  # fmt: skip  # never "khi có kết quả" alone: "có kết quả thì nhận ở đâu" asks the place
MAX_WORDS = 16  # a follow-up is a short question; a long message is a new one
ONLINE = ("online", "onl", "truc tuyen", "qua mang", "tren mang", "dich vu cong", "vneid")


def topic_of(text: str) -> str | None:
    """The follow-up a short message asks about, or None."""
    folded = f" {fold(text)} "
    if len(folded.split()) > MAX_WORDS:
        return None
    for topic, words in TOPICS.items():
        if any(f" {fold(w)} " in folded for w in words):  # folded alike: "how" reads "hơ"
            online = topic == "supplement" and any(f" {w} " in folded for w in ONLINE)
            return "supplement_online" if online else topic  # "bổ sung online được không"
    return None


def resolved(topic: str, view: DossierView) -> str:
    """ "todo" ("giờ tôi cần làm gì") as what the dossier's status asks of the citizen: the
    papers to hand in, the result to collect, the fee ("todo" itself), else whom to ask."""
    if topic != "todo":
        return topic
    if view.status == "Chờ bổ sung hồ sơ":
        return "supplement"
    if view.status == "Đã có kết quả":
        return "collect"
    return "todo" if view.status == "Chờ thực hiện nghĩa vụ tài chính" else "contact"


def wants_notices(text: str) -> bool:
    """A short message asking to be told when the dossier moves ("báo cho bác khi có kết quả")."""
    folded = f" {fold(text)} "
    return len(folded.split()) <= MAX_WORDS and any(f" {w} " in folded for w in NOTICES)


def _office(view: DossierView, locale: str) -> str:
    return view.office or t("status.one_stop", locale)


def answer(topic: str, view: DossierView, today: dt.date, locale: str, cal: WorkCalendar) -> str:
    """The answer to a follow-up about the dossier the chat has just verified."""
    fields = {
        "code": view.code,
        "status": status_label(view.status, locale),
        "office": _office(view, locale),
        "due": fmt_date(view.due_at),
    }
    timing = timing_line(view, today, cal, locale)
    if topic in ("where", "collect"):  # "ở đâu", "mang giấy tờ tới đâu": to hand in papers
        # when they are asked for (there is no result to collect yet), else to collect
        topic = "supplement" if view.status == "Chờ bổ sung hồ sơ" else "collect"
    if topic == "received":  # "hồ sơ này nộp ngày nào": the day it was received
        return t("status.follow.received", locale, received=fmt_date(view.received_at), **fields)
    if topic == "todo":  # a fee to pay: the status and what to do
        return "\n".join([t("status.follow.now", locale, **fields), todo_text(view, locale)])
    if topic == "proxy":
        return t("status.follow.proxy", locale, **fields)
    if topic == "progress":
        return "\n".join(
            [t("status.follow.now", locale, **fields), explain(view.status, locale), timing]
        ).strip()
    if topic in ("supplement", "supplement_online"):
        key = "supplement_here" if view.status == "Chờ bổ sung hồ sơ" else "supplement_not_now"
        key = "supplement_online" if topic == "supplement_online" else key
        lines = [t(f"status.follow.{key}", locale, **fields)]
        if view.note:
            lines.append(t("status.card_note", locale, value=view.note))
        return "\n".join(lines)
    if view.status in CLOSED or topic == "collect":
        todo = todo_text(view, locale) or t("status.follow.not_ready", locale, **fields)
        return "\n".join(
            [t("status.follow.now", locale, **fields), explain(view.status, locale), todo]
        )
    if topic == "overdue" and view.due_at is not None and today > view.due_at:
        late = max(1, cal.workdays_between(view.due_at, today))
        return "\n".join(
            [
                t("status.follow.overdue", locale, days=late, **fields),
                t("status.follow.ask_office", locale, **fields),
            ]
        )
    if view.due_at is None:
        return t("status.follow.no_due", locale, **fields)
    return "\n".join([t("status.follow.not_overdue", locale, **fields), timing]).strip()


def contact(
    ctx: Context, view: DossierView, where: list[str], rows: list[list[Button]]
) -> tuple[str, list[list[Button]]]:
    """ "vậy tôi hỏi ai", "liên hệ ai": the office that received the dossier, its phone and
    hours where the data knows them (the ward office's lines, else ``offices.yaml`` by
    name), and the "Gặp cán bộ" button to reach staff in the chat."""
    office = _office(view, ctx.locale)
    lines = [ctx.t("status.follow.contact", code=view.code, office=office)]
    if not where:
        known = getattr(ctx.services.kb, "offices", {}) or {}
        found = next((o for o in known.values() if o.name == view.office), None)
        for key in ("address", "phone", "hours"):
            value = getattr(found, key, "") if found is not None else ""
            if value:
                lines.append(ctx.t(f"menu.contact_{key}", value=hours_in(value, ctx.locale)))
    lines.extend(where)
    lines.append(ctx.t("status.follow.contact_staff"))
    return "\n".join(lines), [[handoff_button(ctx.locale, "status")], *rows]
