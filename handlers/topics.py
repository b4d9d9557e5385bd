"""Follow-up questions typed after a card, and which part of the card they ask about.

"lệ phí bao nhiêu", "mất bao lâu", "nộp ở đâu", "có bị phạt không", "làm online được
không", "cần bản sao không", "cần giấy tờ gì", "căn cứ luật nào" (and the same in English)
are about the procedure just shown. A short message with one of these words, and no other
procedure named in it, is a follow-up; anything else is a new question.

The vocabulary is built, not listed phrase by phrase: each topic has its words (the card's
own labels among them: "thời hạn giải quyết", "lệ phí", "nơi nộp", "căn cứ pháp lý"); a
message is first spelled out (teen code "bn", "dc", "hông", "onl"; accents folded), and the
longest topic phrase found in it wins ("bao nhiêu ngày" is time, not "bao nhiêu" the fee).
"""

from __future__ import annotations

from knowledge.normalize import fold

# Short spellings citizens type, spelled out before the topic words are looked for.
SPELLED = {
    "bn": "bao nhieu", "bnh": "bao nhieu", "bnhiu": "bao nhieu", "nhiu": "nhieu",
    "bao nhiu": "bao nhieu", "dc": "duoc", "dk": "duoc", "ko": "khong", "k": "khong",
    "kh": "khong", "kg": "khong", "khg": "khong", "hong": "khong", "hok": "khong",
    "hem": "khong", "onl": "online", "lm": "lam", "j": "gi", "z": "vay", "v": "vay",
    "ntn": "nhu the nao", "mn": "may ngay", "hs": "ho so", "gt": "giay to",
}  # fmt: skip
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # how long the result paper stays valid: not the processing time ("bao lâu")
    ("validity", ("gia tri", "co gia tri", "gia tri bao lau", "gia tri trong bao lau",
                  "gia tri may thang", "gia tri su dung", "hieu luc", "con hieu luc",
                  "het han", "het hieu luc", "thoi han su dung", "han su dung",
                  "dung duoc bao lau", "xai duoc bao lau", "su dung duoc bao lau",
                  "dung duoc may thang", "xai duoc may thang", "duoc may thang",
                  "valid", "validity", "expire", "expires",
                  "how long is it valid")),
    # by when the citizen must file: not the processing time ("trong bao lâu phải đi khai")
    ("deadline", ("bao lau phai", "trong bao lau phai", "phai di khai", "phai khai trong",
                  "phai dang ky trong", "phai lam trong", "han chot", "han cuoi", "cham nhat",
                  "tre nhat", "muon nhat", "how soon must", "deadline")),
    ("penalty", ("phat", "bi phat", "xu phat", "phat tien", "penalty", "fine", "fined")),
    ("notice", ("dang bao", "niem yet", "thong bao mat", "len bao", "cong khai", "notice",
                "newspaper")),
    ("copies", ("ban sao", "photo", "cong chung", "chung thuc", "ban chinh", "may ban", "copy",
                "copies")),
    ("online", ("online", "truc tuyen", "qua mang", "tren mang", "vneid", "dich vu cong",
                "internet", "tren dien thoai", "qua dien thoai", "bang dien thoai",
                "qua app", "tren app", "ung dung", "tai nha", "o nha", "khong can den",
                "khong can di", "nop tu xa", "dien tu", "qua zalo", "by phone", "from home")),
    ("fee", ("le phi", "le fi", "phi", "fi", "chi phi", "mat phi", "ton phi", "tinh phi",
             "thu phi", "mien phi", "muc thu", "tien", "bao nhieu tien", "may tien",
             "het bao nhieu", "ton bao nhieu", "mat bao nhieu", "ton nhieu", "het nhieu",
             "mat nhieu", "ton kem", "bao nhieu", "gia", "gia bao nhieu", "gia ca",
             "gia tien", "dong tien", "tra tien", "nop tien", "mat tien", "ton tien",
             "tinh tien", "tinh tien sao", "tinh sao",
             "fee", "fees", "cost", "costs", "how much", "price", "pay", "free")),
    ("time", ("bao lau", "lau", "lau khong", "may ngay", "bao nhieu ngay", "bao nhieu lau",
              "bao gio", "bao gio co", "khi nao", "khi nao co", "khi nao xong", "luc nao",
              "thoi han", "thoi gian", "thoi han giai quyet", "thoi gian giai quyet",
              "han giai quyet", "trong ngay", "xong trong ngay", "lay trong ngay", "lay lien",
              "lay ngay", "co lien", "co ngay", "lam lien", "nhanh", "mat may ngay",
              "may tuan", "bao lau co", "bao lau thi co", "bao lau xong", "ngay tra",
              "tra ket qua", "hen tra", "how long", "days", "when", "same day")),
    ("place", ("o dau", "nop o dau", "lam o dau", "cho nao", "noi nop", "noi lam",
               "noi giai quyet", "co quan nao", "dia chi", "den dau", "nop dau", "lam dau",
               "nop tai", "truc tiep", "ra cong an", "len cong an", "den cong an",
               "ra xa", "len xa", "ra phuong", "len phuong", "ra ubnd", "len ubnd", "where",
               "address", "in person")),
    # someone else filing for the citizen ("nhờ người khác nộp dùm", "ủy quyền", "khỏi đi")
    ("proxy", ("uy quyen", "nho nguoi", "nguoi khac", "nguoi nha", "lam dum", "nop dum",
               "di dum", "lam gium", "nop gium", "di gium", "lam thay", "nop thay", "di thay",
               "dung ten", "khoi di", "khoi den", "khoi len", "khoi ra", "co mat",
               "phai co mat", "vang mat", "nho ai", "ba noi", "ong noi", "ba ngoai",
               "ong ngoai", "ai di", "ai duoc", "ai lam", "on behalf", "someone else",
               "for me", "in my place", "must i come", "proxy")),
    # the office's days and hours ("thứ bảy có làm không", "mấy giờ mở cửa")
    ("hours", ("thu bay", "thu 7", "chu nhat", "cuoi tuan", "ngay nghi", "may gio", "gio nao",
               "gio lam viec", "gio hanh chinh", "mo cua", "dong cua", "nghi trua",
               "buoi trua", "trua", "ngay le", "nghi le", "lam viec ngay nao", "office hours", "opening hours", "open",
               "saturday", "sunday", "weekend")),
    ("legal", ("can cu", "can cu phap li", "co so phap li", "luat nao", "van ban nao",
               "nghi dinh", "thong tu", "quy dinh nao", "phap li", "legal", "law")),
    ("documents", ("giay to gi", "giay gi", "giay to can", "can chuan bi", "chuan bi gi",
                   "can gi", "ho so gom", "thanh phan ho so", "mang gi", "mang theo",
                   "nhung gi", "can nhung gi", "giay to", "documents", "what do i need",
                   "papers")),
    # "chuẩn bị hồ sơ" typed on a card is its "Giấy tờ cần chuẩn bị" button: the walkthrough
    ("prepare", ("chuan bi ho so", "chuan bi giay to", "chuan bi giay", "soan ho so",
                 "lam ho so", "huong dan chuan bi", "huong dan ho so", "giay to can chuan bi",
                 "chuan bi", "prepare")),
    # what a support or allowance pays the citizen ("được bao nhiêu tiền"): after "time",
    # so "được bao nhiêu ngày" stays a time question; a fee question on other procedures
    ("amount", ("duoc bao nhieu", "duoc bao nhieu tien", "duoc may tien", "duoc huong bao nhieu",
                "huong bao nhieu", "huong duoc bao nhieu", "duoc nhan bao nhieu",
                "nhan duoc bao nhieu", "lanh bao nhieu", "lanh duoc bao nhieu",
                "duoc lanh bao nhieu", "duoc ho tro bao nhieu", "ho tro bao nhieu",
                "tro cap bao nhieu", "muc huong", "muc tro cap", "muc ho tro", "so tien duoc",
                "how much will i get", "how much do i get", "how much does it pay")),
)  # fmt: skip
# Words that make a short message a question ("... được không", "có phải ... không").
QUESTION = frozenset("khong ko k hok hong ha chua gi sao nao the bao dc duoc phai".split())
# Words a follow-up holds besides its topic words; what is left names something else.
FOLLOW_FILL = frozenset(
    """khong co duoc phai thi la vay a da nhe nha oi em anh chi cho hoi minh toi tui ban
    lam thu tuc nay cai kia roi sao nao gi the bao nhieu mat het ton bi can di den nop
    xong lay ve voi va cua o tai trong ngay co the muon hoi ha hen ne nhi luon nua chu
    nguoi ai mot hai ba bi this it do does is can i the a my for of to get
    gui nho dum gium thay khoi xa qua""".split()
)
MAX_WORDS = 18  # a follow-up is short; a long message is a question of its own


def spelled(text: str) -> str:
    """Accent-free words with the short spellings spelled out ("tốn bn" -> "ton bao nhieu")."""
    words = fold(text).replace("?", " ").split()
    return " ".join(SPELLED.get(w, w) for w in words)


def _raw(text: str) -> str:
    return " ".join(text.lower().replace("?", " ").split())


def _key(word: str) -> str:
    """How a topic word is looked for: folded like the message ("how much" reads "hơ
    much"), except one English word that folds into a Vietnamese one ("law" into "là",
    "days" into "đây"): that one only as typed ('')."""
    folded = fold(word)
    return folded if folded == word or " " in word else ""


# "người già", "dì già neo đơn": "già" (old) folds like "giá" (price)
AGED = (" nguoi gia ", " cu gia ", " ba gia ", " ong gia ", " di gia ", " gia yeu ", " gia neo ")


def _price_said(folded: str, raw: str) -> bool:
    """Whether a bare "gia" is the price ("giá"): typed with accents it must be "giá"."""
    if any(phrase in f" {folded} " for phrase in AGED):
        return False
    return fold(raw) == raw or "giá" in raw or "gía" in raw


def _hits(folded: str, raw: str = "") -> list[tuple[int, int, str, str]]:
    padded, typed = f" {folded} ", f" {raw} "
    out = []
    for order, (topic, words) in enumerate(TOPICS):
        for word in words:
            if word.split()[0] == "gia" and topic == "fee" and not _price_said(folded, raw):
                continue
            key = _key(word)
            if (key and f" {key} " in padded) or (not key and f" {word} " in typed):
                out.append((len(word.split()), -order, topic, word))
    return out


NEVER = (" chua bao gio ", " khong bao gio ")  # "chưa bao giờ" answers, never asks when


def topic_of(text: str) -> str | None:
    """The part of the card a short question asks about, or None."""
    folded = f" {spelled(text)} "
    for never in NEVER:
        folded = folded.replace(never, " chua tung ")
    folded = folded.strip()
    if len(folded.split()) > MAX_WORDS:
        return None
    hits = _hits(folded, _raw(text))
    return max(hits)[2] if hits else None


def rest_words(text: str) -> list[str]:
    """The words of a follow-up besides its topic words and fillers: what could name
    another procedure ("lệ phí làm sổ đỏ" -> ["so", "do"])."""
    padded = f" {spelled(text)} "
    for _n, _o, _t, word in sorted(_hits(padded.strip(), _raw(text)), reverse=True):
        padded = padded.replace(f" {fold(word)} ", " ")
    return [w for w in padded.split() if w not in FOLLOW_FILL]


def is_question(text: str) -> bool:
    """A short question ("có cần mang theo ai không", "làm thay được không")."""
    words = spelled(text).split()
    return 0 < len(words) <= MAX_WORDS and ("?" in text or bool(QUESTION & set(words[1:])))


# Words that only say which office is asked about ("ubnd phường làm việc mấy giờ").
OFFICE_WORDS = frozenset(
    """may gio ubnd ub uy ban nhan dan phuong xa thi tran viec lam mot cua bo phan o day
    nay hom nay mai ngay thu tiep nhan trung tam phuc vu hanh chinh cong""".split()
)


def asks_office_hours(text: str) -> bool:
    """Whether the whole message only asks the office's days or hours ("giờ làm việc",
    "thứ 7 có làm không"): no procedure is named, so no card should answer it."""
    return topic_of(text) == "hours" and set(rest_words(text)) <= OFFICE_WORDS
