"""The words of the typed-answer layer (``handlers.answers``): what "có", "ko bik", "quay
lại", "thôi", "cám ơn" mean, the particles around an answer, the places "cái đầu tiên"."""

from __future__ import annotations

from knowledge.normalize import fold

YES, NO, UNKNOWN, BACK, STOP = "yes", "no", "unknown", "back", "stop"
FUZZY_MIN, FUZZY_MARGIN = 85.0, 10.0  # accent-free similarity needed, and its lead


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Accent-free phrases as word tuples, longest first (matched at the start of a text)."""
    out = {tuple(fold(p).split()) for p in text.split(",") if fold(p)}
    return tuple(sorted(out, key=len, reverse=True))


# Order matters: "không biết" is unknown before "không" is no.
ROLE_WORDS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (
        UNKNOWN,
        _phrases(
            """không biết, ko biết, k biết, kh biết, ko bik, k bik, ko bit, k bit, hok bik,
            hong biet, hổng biết, chưa biết, không rõ, ko rõ, k rõ, kh rõ, chưa rõ, tôi không rõ,
            em không rõ, không chắc, ko chắc, chưa chắc, không nhớ, ko nhớ, not sure,
            don't know, dont know, do not know, no idea, idk, dunno"""
        ),
    ),
    (
        BACK,
        _phrases(
            """quay lại, quay lai, trở lại, lùi lại, quay về, trở về, back, go back,
            quay lại câu trước, quay lại câu hỏi trước, quay lại bước trước, trở lại câu trước,
            lùi lại câu trước, về câu trước, câu trước, previous question"""
        ),
    ),
    (
        STOP,
        _phrases("dừng lại, thôi, thôi không làm nữa, không làm nữa, thôi khỏi, stop, kết thúc"),
    ),
    (
        NO,
        _phrases(
            """không, ko, k, kh, kg, hông, hong, hok, hem, khong co, không có, ko có, k có,
            chưa, chưa có, chưa có ạ, chua, không đồng ý, không muốn, không cần, ko cần,
            k cần, khỏi, chưa bao giờ, không bao giờ, ko bao giờ, chưa từng, chưa hề, không hề,
            chưa lần nào, không lần nào, chưa ai, không ai, ko ai, không có ai, chưa có ai,
            no, nope, not yet, not now, never"""
        ),
    ),
    (
        YES,
        _phrases(
            """có, co, có ạ, có rồi, co r, rồi, roi, r, đã có, da co, đã có rồi, dc, đc, được,
            duoc, ok, oke, okay, okie, oki, ừ, u, uk, uh, ừm, um, uhm, vâng, vang, đồng ý,
            dong y, chắc chắn, chac chan, xác nhận, có sẵn, dung roi, dung vay, chinh xac, yes,
            chuẩn rồi, chuẩn luôn, chuan r, phải rồi, phai r, được rồi, dc r,
            đc r, ok rồi, oke rồi, ok r, chốt, chốt luôn, vâng ạ, dạ vâng, dạ phải,
            yeah, yep, sure, i have it, that's right, correct"""
        ),
    ),
)
# Words around an answer that add nothing ("dạ có ạ", "ừ hủy đi", "chưa có em ơi").
PARTICLES = frozenset("a da nhe nha nhen oi em anh chi ad ah vay di nhi ha ne".split())
# Who the citizen talks to or as, around a yes/no ("có cháu ạ", "chưa cháu ơi", "dạ có rồi
# con"): no part of the answer when nothing else is said beside the answer word
ADDRESS = frozenset("chau con co chu bac ong ba em anh chi cu di duong thim mo".split())
ADDRESS_LEAD = ADDRESS - {"co", "con"}  # "cô"/"có", "con"/"còn" fold alike: never leading
INSIST = frozenset("chu luon that nua ca roi day ma giay do dau nay cai lai".split())  # "có chứ"
# Words that add nothing to which button is meant ("hủy lịch giúp em" is "hủy").
FILLER = frozenset("lich hen giup cho toi minh em di voi luon den len ra roi".split())
# Words that turn "có ..." / "không ..." into a question, not an answer with its reason
ASKING = frozenset("khong ko k kh hong hok chua sao gi nao hay phai can the bi ha".split())
MAX_REASON = 6
# Going there oneself: the in-person option when no label holds these words ("Tự đi đăng ký")
IN_PERSON = tuple(
    f"{verb} {place}".strip()
    for verb in ("tu di", "tu den", "tu len", "tu ra", "di", "den", "len", "ra", "toi")
    for place in ("", "xa", "phuong", "uy ban", "ubnd", "mot cua", "cong an", "tan noi", "noi")
    if verb.startswith("tu") or place
)
# Filing at an office, said as a statement ("tôi nộp tại xã", "lam o phuong"): in person
AT_OFFICE = tuple(
    f"{verb} {at} {place}"
    for verb in ("nop", "lam", "nop ho so", "lam ho so", "nop truc tiep", "dang ky", "xin")
    for at in ("tai", "o", "len", "ra", "den", "toi", "truc tiep tai", "truc tiep o")
    for place in ("xa", "phuong", "uy ban", "ubnd", "mot cua", "bo phan mot cua", "cong an",
                  "tru so", "tru so xa", "tru so phuong")
)  # fmt: skip
# Words that make a negative answer's reason affirm after all ("không, tôi đã ly hôn")
AFFIRM = frozenset("da roi co duoc".split())
# Ages as people say them, as the labels say them ("Không, từ đủ 18 tuổi" / "Có, dưới 18")
AGES = (
    (r" (?:chua du|chua toi|chua den|nho hon|be hon|it hon) (\d+) ", r" duoi \1 "),
    (r" (?:tren|hon|qua|lon hon|du|da du|tu) (\d+) ", r" tu du \1 "),
)
SYNONYMS = {"online": "truc tuyen", "onl": "truc tuyen", "internet": "truc tuyen"}
# Words that never name a button on their own ("lịch hẹn của tôi" is not "... Một cửa").
FUNCTION = frozenset("cua la va thi ma o tai de nay kia".split())
# "cái đầu tiên", "số 2", "cái cuối": an option by its place ("thứ 2" alone is a weekday).
ORDINALS = {
    "dau tien": 0, "dau": 0, "thu nhat": 0, "nhat": 0, "cuoi": -1, "cuoi cung": -1,
    "som nhat": 0, "gan nhat": 0, "muon nhat": -1, "tre nhat": -1,  # a day or a time
}  # fmt: skip
ORDINAL_LEAD = ("cai", "so", "muc", "y", "lua chon", "gio", "ngay", "lich")
ORDINAL_TAIL = frozenset("slot option one choice time day gio ngay lich".split())
LEADING_ONLY = frozenset({"da"})  # "dạ có" / "đã có" are "có", but "dạ" alone is no answer
SOCIAL = {
    "thanks": _phrases(
        """cảm ơn, cám ơn, camon, cam on nhieu, cảm ơn nhiều, cảm ơn em, cám ơn em, thanks,
        thank you, thank, tks, thanks you, ok cảm ơn, dạ cảm ơn"""
    ),
    "bye": _phrases("bye, bye bye, bai, tạm biệt, hẹn gặp lại, goodbye, good bye, see you"),
    "confused": _phrases(
        """ko hiểu, không hiểu, k hiểu, kh hiểu, chưa hiểu, hổng hiểu, hok hiểu, không hiểu gì,
        là sao, nghĩa là sao, ý là sao, sao cơ, là gì vậy, em nói gì vậy, i don't understand,
        i dont understand, what"""
    ),
}


# "thôi không cần nữa", "thôi cảm ơn", "thôi bác chào con": done, whatever was going on
DONE_LEAD = _phrases("thôi, thôi vậy, thôi khỏi")  # "không cần nữa" alone may answer "no"
DONE_FILL = frozenset(
    """khong ko k can nua khoi cam on camon chao bye tam biet de sau vay ok oke duoc roi
    that thoi nhieu lam minh toi tui mai tinh tiep hom khac lan bua""".split()
)  # ... and putting it off: "thôi để mai em tính tiếp", "thôi hôm khác làm"
# ... and around a thank-you: "cám ơn con", "cảm ơn cô chú nhiều nha"
SOCIAL_FILL = frozenset(
    "nhieu lam nhe nha em a ban ad admin so much lot con chau co chu bac ong ba me".split()
)
# English answers to Vietnamese option labels (the procedure content stays in Vietnamese).
ENGLISH = {
    "in person": "truc tiep", "at the office": "truc tiep", "face to face": "truc tiep",
    "by post": "buu chinh", "by mail": "buu chinh", "skip": "bo qua", "parent": "cha hoac me",
    "father": "cha", "mother": "me", "relative": "nguoi than", "authorised": "uy quyen",
    "authorized": "uy quyen", "the first one": "cai dau tien", "first one": "cai dau tien",
    "the first": "cai dau tien", "the last one": "cai cuoi", "last one": "cai cuoi",
}  # fmt: skip


def role_words(words: list[str]) -> tuple[str, list[str]]:
    """The role of the phrase that starts ``words`` and the words after it."""
    for role, phrases in ROLE_WORDS:
        for phrase in phrases:
            if tuple(words[: len(phrase)]) == phrase:
                return role, words[len(phrase) :]
    return "", words


def only_address(rest: list[str]) -> bool:
    """Nothing but address words, particles and insisting words beside the answer word."""
    return set(rest) <= ADDRESS | PARTICLES | INSIST
