"""What a message is about, before (or instead of) a procedure search.

Cheap rules on the accent-free text: greetings, thanks, dossier receipt codes and status
questions, booking requests, phone numbers, obviously unrelated topics. Anything else goes to
the procedure search, whose confidence decides between ``procedure`` and ``out_of_scope``.
Every function here is total: any input, no exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.intent_phrases import PhraseSet
from knowledge.normalize import fold, normalize
from knowledge.off_topic import off_topic
from knowledge.receipts import find_receipt_code, looks_like_receipt
from knowledge.support_needs import HOME_PHRASES, NEEDS, without_need

MAX_CHARS = 2000  # receipt codes and phones sit near the start; never scan a pasted novel


def _phrases(text: str) -> tuple[str, ...]:
    """Comma-separated accent-free phrases (kept as one block of text to stay readable)."""
    return tuple(fold(p) for p in text.split(",") if p.strip())


_BOOKING_CODE = re.compile(r"(?<![0-9a-z])lh\s*-?\s*[a-z0-9]{4}(?![0-9a-z])", re.IGNORECASE)
# a handoff ticket ("HT-4K7Q"): the booking codes' alphabet (no 0/O, 1/I/L); without a hyphen
# or a digit only a short message is one ("ht jksv"), not "ht" before a word in a sentence
_TICKET_CODE = re.compile(r"(?<![0-9a-z])ht(\s*[-‐–—]\s*|\s*)([2-9a-hjkmnp-z]{4})(?![0-9a-z])")
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){9}(?!\d)")

GREETING = _phrases(
    """xin chào, chào, hello, helo, he lo, hê lô, hi, alo, allo, hey, chào buổi sáng,
    chào buổi chiều, chào buổi tối, good morning, bot ơi, có ai không, có ai ko, có ai k, có ai hông,
    có ai trực không, có ai ở đó không, có ai trả lời không, có ai trả lời"""
)
THANKS = _phrases(
    """cảm ơn, cám ơn, camon, thanks, thank, thank you, tks, thanks you, tạm biệt, bye,
    goodbye, hẹn gặp lại, chúc em, chúc bạn, đi đây, về đây, bai bai, bái bai"""
)
# A short acknowledgement closes the exchange like a thank-you does.
ACK = _phrases(
    """ok, oke, okay, okie, oki, ô kê, dạ, vâng, được rồi, đc rồi, dc rồi, dc r, đc r, hiểu rồi,
    rõ rồi, đã hiểu, biết rồi, ừ, rồi, xong rồi, không cần nữa, không cần đâu, khỏi cần"""
)
# A reply to some question ("chưa có", "có rồi không", "ko biết"): alone it names no procedure
# ("chưa có" was answered with the land certificate, whose aliases say "chưa có sổ").
REPLY_WORDS = frozenset("co chua khong ko k hong roi biet bik dc duoc u uh da vang nua".split())
# Words that may surround a greeting/thanks without adding a request.
FILLER = frozenset(
    fold(w)
    for w in """a ạ nhé nha bạn ad admin anh chị em ơi nhiều rất ok oke vâng shop mọi người
    you bot trợ lý à ừ nhìu much lot lots mình tôi thì buổi chiều tối nay
    tư vấn nhiệt tình tận tình luôn cô chú bác ông bà ạ nhe cháu con e""".split()
)
# Not filler although they look like it: once accents are gone they collide with words of
# procedures ("lắm"/"làm", "so much"/"sổ", "đỡ"/"đỏ", "hỗ"/"hộ", "dạ"/"đã",
# "sáng"/"sang tên", "ngày"): "lam so do" is "làm sổ đỏ", not a greeting.
# Around a greeting or thanks (never alone) these may stand too: "cảm ơn đã hỗ trợ nhiều lắm".
FILLER_AROUND = _phrases(
    """đã hỗ trợ, hỗ trợ, giúp đỡ, đã giúp, giúp, thông tin, nhiều lắm, lắm, buổi sáng,
    hôm nay, ngày mới, dạ, đã, nha, thôi, vậy, vậy thôi, vui vẻ, ngày mới vui vẻ, may mắn,
    cho hỏi, cho hỏi chút, cho hỏi tí, hỏi chút, hỏi tí, nhé, sức khỏe, sức khoẻ, để hỏi lại sau,
    hỏi lại sau, hỏi sau, để sau, để mai"""
)
_BOOKING = PhraseSet(
    """đặt lịch, đặt hẹn, hẹn lịch, lịch hẹn, hẹn ngày, hẹn giờ, ngày không viết, hẹn cán bộ,
    hỗ trợ tại nhà, tại nhà, đến nhà, tới nhà, tận nhà, đặt chỗ, đăng ký lịch, book lịch,
    đặt trước, tổ viết hồ sơ, viết hộ, viết giùm, viết giúp, không biết viết, không biết chữ,
    đăng ký hỗ trợ, lịch hỗ trợ, ngày hỗ trợ, sáng thứ năm, làm hộ hồ sơ, hỗ trợ trực tiếp,
    hướng dẫn trực tiếp, hủy lịch, huỷ lịch, hủy hẹn, đổi lịch, dời lịch, dời hẹn, đổi hẹn,
    lịch của tôi, lịch của em, lịch đã đặt, không hủy nữa, không huỷ nữa, thôi không hủy,
    không hủy lịch nữa, hẹn gặp cán bộ, hẹn gặp trực tiếp, hẹn gặp nhân viên, hẹn với cán bộ,
    hẹn gặp người hỗ trợ, đặt hẹn gặp, xin hẹn, xin lịch hẹn, lấy hẹn, lấy lịch hẹn"""
)
_HOME_VISIT = PhraseSet("tại nhà, đến nhà, tới nhà, tận nhà, " + HOME_PHRASES)
_WRITING_HELP = PhraseSet("viết hộ, viết giùm, viết giúp, không biết viết, không biết chữ")
# a need stated in the same message wins over "đã nộp hồ sơ" ("... rút hồ sơ", "dừng hồ sơ")
_NOT_STATUS = PhraseSet("rút hồ sơ, rút lại hồ sơ, dừng hồ sơ, dừng làm hồ sơ")
_STATUS = PhraseSet(
    """tra cứu hồ sơ, tình trạng hồ sơ, hồ sơ của tôi, hồ sơ của em, hồ sơ của mình,
    hồ sơ đến đâu, hồ sơ tới đâu, kiểm tra hồ sơ, hồ sơ xong chưa, hồ sơ đã xong,
    có kết quả chưa, bao giờ có kết quả, khi nào có kết quả, khi nào xong, bao giờ xong,
    mã hồ sơ, mã biên nhận, số biên nhận, giấy biên nhận, biên nhận hồ sơ, theo dõi hồ sơ,
    tiến độ hồ sơ, hồ sơ đã nộp, đã nộp hồ sơ, hồ sơ bị trễ, trễ hẹn, hồ sơ quá hạn, hồ sơ bị quá hạn,
    tra cứu tình trạng, đến hạn trả, ngày hẹn trả, giấy hẹn, phiếu hẹn, chưa thấy gọi,
    chưa có kết quả, sao chưa có, sao lâu vậy, xem hồ sơ của, coi hồ sơ của, tra hồ sơ của"""
)
# "nộp ... rồi/tuần trước ... chưa": a dossier already filed and still waiting.
# "đã nộp ... mà chưa có": a dossier waiting; "nộp giấy xác nhận chưa vợ" is marital status
_FILED_WAITING = re.compile(r"\bnop\b.*\bchua\b(?! (?:co )?(?:vo|chong|ket hon|lap gia dinh)\b)")
# "hồ sơ nộp hôm trước tới đâu rồi": the words between split the phrase "hồ sơ tới đâu"
_FILED_WHERE = re.compile(r"\b(?:ho so|nop)\b.*\b(?:toi|den) dau roi\b")
# Asking for a person: the handoff to ward staff. "Cán bộ" alone is not enough ("cán bộ xã
# làm sai", "hẹn cán bộ đến nhà", "cho tôi hẹn gặp cán bộ" are bookings).
_HUMAN = PhraseSet(
    """gặp cán bộ, gặp trực tiếp cán bộ, gặp cán bộ trực, nói chuyện với cán bộ,
    nói chuyện với người thật, nói chuyện với người, gặp người thật, người thật, tư vấn viên,
    nhân viên tư vấn, gặp nhân viên, chat với cán bộ, chat với người thật, nhắn với cán bộ,
    chuyển cho cán bộ, chuyển cán bộ, gặp người hỗ trợ, cần người hỗ trợ, gặp admin"""
)
# Preparing or checking the papers of a procedure: the walkthrough is the answer, not the
# card ("chuẩn bị giấy tờ khai sinh cho con", "cần mang những gì khi đi làm căn cước"). A
# plain "X cần giấy tờ gì" asks about X and keeps its card (the walkthrough is one tap away).
_WALKTHROUGH = PhraseSet(
    """chuẩn bị giấy tờ, chuẩn bị giấy, chuẩn bị hồ sơ, chuẩn bị những gì, chuẩn bị gì,
    cần chuẩn bị, phải chuẩn bị, soạn giấy tờ, soạn hồ sơ, soạn giấy, sắp xếp giấy tờ,
    kiểm tra giấy tờ, kiểm tra lại giấy tờ, kiểm tra giùm giấy tờ, kiểm tra giúp giấy tờ,
    xem giúp giấy tờ, xem giùm giấy tờ, rà soát giấy tờ, rà lại giấy tờ, đủ giấy tờ chưa,
    đủ giấy tờ không, cần mang những gì, cần mang gì, cần mang theo, phải mang những gì,
    phải mang gì, phải mang theo, mang những gì, mang theo những gì, mang theo gì, mang gì,
    mang những giấy tờ gì, mang giấy tờ gì, mang theo giấy tờ gì, mang những giấy gì,
    đem những gì, đem theo những gì, đem gì, prepare documents, prepare the documents,
    prepare my documents, prepare papers, check my documents, check my papers, what to bring,
    what should i bring, what do i bring"""
)
# A message that asks or wants something: a question word, a wish or a request. A long story
# without any ("chồng tôi mất cũng được 5 năm rồi, giờ tôi sống một mình buồn lắm") is told,
# not asked: a weak match on it is no suggestion (``knowledge.index_bands.classify``).
_ASKING = PhraseSet(
    """không, ko, k, hông, hok, chưa, gì, j, sao, nào, đâu, muốn, cần, nhờ, xin, phải,
    giúp, giùm, dùm, hỏi, thủ tục, hồ sơ, giấy tờ, bao nhiêu, bao lâu, bao giờ, chỉ em,
    chỉ giúp, làm giấy, đăng ký, đi làm, ai viết, ai làm, ai lo"""
)

# ... or ends like a request: "cán bộ xuống nhà làm", "làm giúp với", "chỉ em đi"
_ASK_END = PhraseSet("làm, với, đi")


@dataclass(frozen=True, slots=True)
class Intent:
    """An intent found by rules; ``None`` intent means "search the procedures"."""

    intent: str | None
    receipt_code: str | None = None
    phone: str | None = None
    rest: str | None = None  # booking: the message without its booking words, to search
    # booking read only from an accent-free phrase that is also a procedure phrase ("dat
    # cho": đặt chỗ or đất cho): the ambiguous word, so the search may overrule the rule
    weak_word: str | None = None
    # booking read only from a home-visit phrase ("tại nhà", "xuống tận nhà"): a procedure
    # done at home ("đăng ký kết hôn tại nhà vì vợ bị liệt" is the "lưu động" one) overrules it
    home_visit: bool = False
    # ... or only from asking for help with writing ("tôi không biết chữ, ai viết giúp"): a life
    # event told in the same message is the need ("chồng tôi vừa mất ... ai viết giúp")
    writing_help: bool = False


def find_phone(text: str) -> str | None:
    """A Vietnamese phone number in the text as bare digits ("0912345678"), or ``None``."""
    if not isinstance(text, str):
        return None
    m = _PHONE.search(text[:MAX_CHARS])
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(0))
    return "0" + digits[2:] if digits.startswith("84") else digits


def find_ticket_code(text: str) -> str | None:
    """A handoff ticket code in the text ("ht 4k7q", "HT-4K7Q") as ``HT-4K7Q``, or None."""
    if not isinstance(text, str):
        return None
    m = _TICKET_CODE.search(text[:MAX_CHARS].lower())
    if m is None:
        return None
    body = m.group(2)
    plain = not m.group(1).strip() and not any(ch.isdigit() for ch in body)
    if plain and len(text.split()) > 3:  # "ht tran" inside a sentence is no code
        return None
    return "HT-" + body.upper()


def _only(words: list[str], phrases: tuple[str, ...], around: tuple[str, ...] = ()) -> bool:
    """True when the words are one of the phrases plus filler words (and ``around``
    phrases: "chào" said as a goodbye next to a thank-you) and nothing else."""
    text = " ".join(words)
    rest = _without(text, phrases)
    if rest == text:
        return False
    return all(w in FILLER for w in _without(rest, FILLER_AROUND + around).split())


def asks(text: str) -> bool:
    """True when the message asks or wants something (``_ASKING``, or a question mark)."""
    if not isinstance(text, str):
        return False
    head = text[:MAX_CHARS]
    words = normalize(head).split()
    return "?" in head or _ASKING.has(words) or _ASK_END.has(words[-1:])


def closing(text: str) -> str | None:
    """``"thanks"`` when a message says thanks or goodbye anywhere, ``"greeting"`` when it
    opens with a greeting: what the message is when it names no procedure either ("ok cảm
    ơn, để mai tôi ra phường", "xin chào, cho tôi hỏi chút")."""
    if not isinstance(text, str):
        return None
    padded = f" {fold(text[:MAX_CHARS])} "
    if any(f" {p} " in padded for p in THANKS):
        return "thanks"
    return "greeting" if any(padded.startswith(f" {p} ") for p in GREETING) else None


def _without(folded: str, phrases: tuple[str, ...]) -> str:
    """The accent-free text with every occurrence of the phrases removed ("bye bye" too)."""
    padded = f" {folded} "
    for p in sorted(phrases, key=len, reverse=True):
        while f" {p} " in padded:
            padded = padded.replace(f" {p} ", " ")
    return padded.strip()


# ... with a few words between: "kiểm tra giúp em giấy tờ kết hôn", "soạn giùm tôi hồ sơ"
_WALK_SPLIT = re.compile(
    r"\b(?:chuan bi|soan|kiem tra|ra soat|xem lai|xem giup|xem gium|sap xep)"
    r"(?:\s+(?:giup|gium|ho|cho|em|toi|tui|minh|lai|lai giup|voi|dum|di|truoc|san|xem|da)){1,3}"
    r"\s+(?:(?:du|het|cac|nhung)\s+)?(?:giay to|giay|ho so)\b"
    r"|\bdu (?:giay to|ho so|giay)\b.*\bchua\b"  # "em đủ giấy tờ kết hôn chưa"
)


def without_walkthrough(text: str) -> str:
    """The message without its prepare/check words: what names the procedure."""
    if not isinstance(text, str):
        return ""
    return " ".join(_WALKTHROUGH.without(normalize(text[:MAX_CHARS]).split()))


def wants_walkthrough(text: str) -> bool:
    """True when the message's act is preparing or checking a procedure's papers."""
    if not isinstance(text, str):
        return False
    head = text[:MAX_CHARS]
    return _WALKTHROUGH.has(normalize(head).split()) or bool(_WALK_SPLIT.search(fold(head)))


def detect_intent(text: str) -> Intent:
    """Rule-based intent of a message, or ``Intent(None)`` to let the search decide."""
    if not isinstance(text, str):
        text = ""
    head = text[:MAX_CHARS]
    code = find_receipt_code(head)
    phone = None if code else find_phone(head)
    folded = fold(head)
    if code:
        return Intent("dossier_status", receipt_code=code)
    if looks_like_receipt(head):
        return Intent("dossier_status")
    if not folded:
        return Intent("empty")
    words = folded.split()
    if _only(words, THANKS + ACK, GREETING):
        return Intent("thanks")
    if _only(words, GREETING) or all(w in FILLER for w in words):
        return Intent("greeting")
    if all(w in REPLY_WORDS for w in words):  # "chưa có", "không biết": an answer, no need
        return Intent("out_of_scope")
    norm = normalize(head).split()
    if find_ticket_code(head):
        return Intent("ticket", phone=phone)
    booking = _BOOKING.hits(norm) or NEEDS.hits(norm)  # or help asked for as a need
    if _HUMAN.has(norm) and not booking:
        return Intent("human", phone=phone, rest=" ".join(_HUMAN.without(norm)))
    filed = _FILED_WAITING.search(folded) or _FILED_WHERE.search(folded)
    if (_STATUS.has(norm) or filed) and not _NOT_STATUS.has(norm):
        return Intent("dossier_status", phone=phone)
    if booking or _BOOKING_CODE.search(folded):
        weak = {h.weak_word for h in booking}
        weak_word = weak.pop() if len(weak) == 1 and None not in weak else None
        rest = " ".join(without_need(_BOOKING.without(norm)))
        home = bool(booking) and all(_HOME_VISIT.has(norm[h.start : h.end]) for h in booking)
        writing = bool(booking) and all(_WRITING_HELP.has(norm[h.start : h.end]) for h in booking)
        return Intent(
            "booking", phone, rest=rest, weak_word=weak_word, home_visit=home, writing_help=writing
        )
    if off_topic(norm):
        return Intent("out_of_scope", phone=phone)
    if not any(ch.isalpha() for ch in folded):
        # digits only: a phone number or a stray number is not a procedure
        return Intent("out_of_scope", phone=phone)
    return Intent(None, phone=phone)
