"""Follow-up questions typed after a card, and which part of the card they ask about.

"lệ phí bao nhiêu", "mất bao lâu", "nộp ở đâu", "có bị phạt không", "làm online được
không", "cần bản sao không", "cần giấy tờ gì", "căn cứ luật nào" (and the same in English)
are about the procedure just shown. A short message with one of these words, and no other
procedure named in it, is a follow-up; anything else is a new question.
"""

from __future__ import annotations

from knowledge.normalize import fold

TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("penalty", ("phat", "bi phat", "xu phat", "penalty", "fine", "fined")),
    ("notice", ("dang bao", "niem yet", "thong bao mat", "len bao", "cong khai", "notice",
                "newspaper")),
    ("copies", ("ban sao", "photo", "cong chung", "chung thuc", "ban chinh", "may ban", "copy",
                "copies")),
    ("online", ("online", "truc tuyen", "qua mang", "tren mang", "vneid", "dich vu cong",
                "internet")),
    ("fee", ("le phi", "le fi", "phi", "fi", "mat phi", "ton phi", "tinh phi", "bao nhieu tien",
             "may tien", "het bao nhieu", "ton bao nhieu", "mat tien", "ton tien",
             "fee", "fees", "cost", "how much", "price")),
    ("time", ("bao lau", "lau", "lau khong", "may ngay", "bao nhieu ngay", "bao gio co",
              "khi nao co", "thoi han", "trong ngay", "lay lien", "lay ngay", "co lien",
              "nhanh", "how long", "days", "when", "same day")),
    ("place", ("o dau", "nop o dau", "lam o dau", "cho nao", "noi nop", "dia chi", "den dau",
               "where", "address")),
    ("legal", ("can cu", "luat nao", "van ban nao", "nghi dinh", "thong tu", "legal", "law")),
    ("documents", ("giay to gi", "giay to can", "can chuan bi", "chuan bi gi", "can gi",
                   "ho so gom", "mang gi", "mang theo", "nhung gi", "documents",
                   "what do i need", "papers")),
)  # fmt: skip
# Words that make a short message a question ("... được không", "có phải ... không").
QUESTION = frozenset("khong ko k hok hong ha chua gi sao nao the bao dc duoc phai".split())
MAX_WORDS = 12  # a follow-up is short; a long message is a question of its own


def topic_of(text: str) -> str | None:
    """The part of the card a short question asks about, or None."""
    folded = f" {fold(text)} "
    if len(folded.split()) > MAX_WORDS:
        return None
    for topic, words in TOPICS:
        if any(f" {fold(w)} " in folded for w in words):  # folded alike: "how" reads "hơ"
            return topic
    return None


def is_question(text: str) -> bool:
    """A short question ("có cần mang theo ai không", "làm thay được không")."""
    words = fold(text).split()
    return 0 < len(words) <= MAX_WORDS and ("?" in text or bool(QUESTION & set(words[1:])))
