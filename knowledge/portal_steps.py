"""Facts a record states in its own steps text (``trinh_tu_thuc_hien``) but not in its tables.

- ``named_channels``: the ways to file that a filing sentence names ("cơ sở sản xuất nộp 01
  bộ hồ sơ đến Ủy ban nhân dân cấp xã theo hình thức trực tiếp hoặc trực tuyến hoặc qua dịch
  vụ bưu chính"). The method table of 1.013997 lists only "Trực tiếp", so the card said
  online filing was not available. Only a sentence where someone files (``nộp``, ``gửi hồ
  sơ``) and that names the channels as alternatives counts; sentences about results, about
  what the office sends or does, or with a negation do not.
- ``filing_deadlines``: a time limit the applicant must meet ("Trong thời hạn 30 ngày kể từ
  ngày kết thúc việc tiêu hủy ..., cơ sở sản xuất nộp 01 bộ hồ sơ ..."), kept only when the
  sentence's subject is the applicant, never an office.
- ``same_day_rule``: "nếu tiếp nhận hồ sơ sau 15 giờ thì ... trả kết quả ... trong ngày làm
  việc tiếp theo": the unit of a bare "1" in the time cell is then the working day.
"""

from __future__ import annotations

import re

from knowledge.schema import SubmissionMethod

ONLINE, POST, DIRECT = "Trực tuyến", "Dịch vụ bưu chính", "Trực tiếp"
_CHANNELS = (
    (ONLINE, re.compile(r"trực tuyến|môi trường (?:mạng|điện tử)|cổng dịch vụ công", re.I)),
    (POST, re.compile(r"bưu (?:chính|điện)", re.I)),
    (DIRECT, re.compile(r"\btrực tiếp\b(?! quản lý)", re.I)),
)
_SENTENCE = re.compile(r"[^.;\n]+")
# Someone files: "nộp hồ sơ", "nộp 01 bộ hồ sơ", "nộp trực tiếp", "gửi hồ sơ".
_FILES = re.compile(
    r"\bnộp\b(?! (?:phí|lệ phí|lại|thuế|tiền|bổ sung))|\bgửi (?:01 bộ )?hồ sơ", re.I
)
# Not a filing sentence: results, what the office does, refusals, negations.
_NOT_FILING = re.compile(
    r"kết quả|\btrả\b|\bnhận\b(?! (?:hồ sơ|được hồ sơ))|[Cc]án bộ|công chức|thông báo|"
    r"\bkhông\b|hướng dẫn|quản lý trực tiếp|trực tiếp quản lý|chuyển|xác minh|kiểm tra",
    re.I,
)
_CASE_OF = re.compile(r"^\s*[-+]?\s*(?:Trường hợp|Nếu) nộp hồ sơ", re.I)


def named_channels(steps: str | None) -> dict[str, str]:
    """The filing channels the steps name, each with the sentence that names it."""
    found: dict[str, str] = {}
    for sentence in _SENTENCE.findall(steps or ""):
        text = " ".join(sentence.split())
        case_of = _CASE_OF.match(text)  # "Trường hợp nộp hồ sơ trực tuyến: ..."
        if case_of:
            head = text[: text.find(":")] if ":" in text else text[:80]
        elif _FILES.search(text) and " hoặc " in text and not _NOT_FILING.search(text):
            head = text
        else:
            continue
        for channel, rx in _CHANNELS:
            if rx.search(head) and channel not in found:
                found[channel] = text[:300]
    return found


CHANNEL_NOTE = "Cách nộp này ghi trong trình tự thực hiện trên Cổng Dịch vụ công: "


def with_named_channels(
    methods: list[SubmissionMethod], steps: str | None, warn: list[str]
) -> list[SubmissionMethod]:
    """``methods`` plus a row (no time, no fee: the table gives none) for every channel the
    steps name but the method table lacks; its description quotes the sentence."""
    have = {m.channel for m in methods}
    added = [
        SubmissionMethod(channel=channel, description=CHANNEL_NOTE + sentence)
        for channel, sentence in named_channels(steps).items()
        if channel not in have
    ]
    if added:
        warn.append("methods: channel named in the steps added")
    return methods + added


# ------------------------------------------------------------------ applicant deadlines
DEADLINE_LEAD = "Thời hạn phải thực hiện (theo trình tự trên Cổng Dịch vụ công): "
_APPLICANT = (
    r"(?:thì\s+)?(?:cơ sở sản xuất|cơ sở|người (?:nộp thuế|có yêu cầu|yêu cầu|đề nghị|lao động|"
    r"tập sự|đăng ký|đứng đầu)|tổ chức, cá nhân|tổ chức|cá nhân|hộ kinh doanh|hộ gia đình|"
    r"doanh nghiệp|chủ (?:doanh nghiệp|đầu tư|dự án|phương tiện|hộ|sở hữu)|công dân|đối tượng|"
    r"tổ hợp tác|hợp tác xã|chi nhánh|NNT|người)\b"
)
# The start point may hold commas ("kể từ ngày kết thúc việc tiêu hủy động vật, sản phẩm
# động vật tại ổ dịch, cơ sở sản xuất nộp..."): the subject is the first applicant after one.
_DEADLINE = re.compile(
    r"(?:Trong thời hạn|Trong vòng|Chậm nhất)\s+(?:(?:không quá|tối đa)\s+)?\d+\s*"
    r"(?:\([^)]*\)\s*)?(?:ngày làm việc|ngày|tháng)\s+(?:kể\s+)?(?:từ|sau)([^.;]{0,200}?),"
    rf"\s*(?=(?i:{_APPLICANT}))([^.;]*)"
)
# The applicant must be the one who files: "cơ sở sản xuất nộp", "doanh nghiệp phải gửi",
# not "... cho cơ quan, tổ chức đã gửi hồ sơ" or "... gửi cho tổ chức, cá nhân và gửi ...".
_FILES_NOW = re.compile(
    rf"^(?i:{_APPLICANT})(?:(?!\b(?:đã|và|mà|cho)\b)[^,.;]){{0,80}}?\b(?:nộp|gửi)\b"
)
# An office acting inside the start point means the sentence is about that office.
_OFFICE = re.compile(
    r"^\s*(?:Ủy ban|UBND|[Cc]ơ quan|Sở|Bộ|Cục|Phòng|Chi cục|Tổ|Hội đồng|Văn phòng|Trung tâm|"
    r"Chủ tịch|Thủ trưởng|Ngân hàng|Kho bạc|Thuế|công chức|Công chức)"
)
DEADLINE_MAX = 320
_NEXT_DEADLINE = re.compile(r"\s+Trong (?:thời hạn|vòng)\b")


def filing_deadlines(steps: str | None) -> list[str]:
    """The applicant's own time limits stated in the steps, as written (at most three)."""
    out: list[str] = []
    for m in _DEADLINE.finditer(" ".join((steps or "").split())):
        if not _FILES_NOW.match(m.group(2)) or any(
            _OFFICE.match(part) for part in m.group(1).split(",")[1:]
        ):
            continue
        text = m.group(0)
        nxt = _NEXT_DEADLINE.search(text, 20)
        text = (text[: nxt.start()] if nxt else text).strip(" ,:")
        if len(text) > DEADLINE_MAX:
            text = text[:DEADLINE_MAX].rsplit(" ", 1)[0].rstrip(" ,:") + " …"
        else:
            text += "."
        if text not in out:
            out.append(text)
    return out[:3]


# ------------------------------------------------------------------ the 15:00 rule
_AFTER_15 = re.compile(
    r"nếu tiếp nhận hồ sơ sau 15 giờ thì[^.;]{0,80}?trong ngày làm việc tiếp theo", re.I
)
SAME_DAY_TEXT = (
    "Trong ngày làm việc; hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"
)


def same_day_rule(text: str | None) -> bool:
    """Whether the record says files received after 15:00 get the result the next working day."""
    return bool(_AFTER_15.search(" ".join((text or "").split())))


# ------------------------------------------------------------------ where to file
_ORG = (
    r"(Ủy ban nhân dân cấp xã|UBND cấp xã|Trung tâm [Pp]hục vụ hành chính công(?: cấp xã| có thẩm "
    r"quyền)?|Bộ phận [Mm]ột cửa(?: cấp xã)?|Công an cấp xã|Cơ quan đăng ký kinh doanh cấp xã)"
    r"((?: nơi| đã| của)[^,.;:()]{0,60}?)?"
    r"(?=[,.;:()]| theo | thì | để | bằng | trước | trong | hoặc | và | nộp |\s\d|$)"
)
_FILED_AT = re.compile(r"\b(?:nộp|gửi)\b[^.;\n]{0,80}?\b(?:đến|tại|cho|về)\s+" + _ORG)


def filing_place(steps: str | None) -> str | None:
    """Where the steps say the file goes ("Ủy ban nhân dân cấp xã nơi đã ra quyết định công
    nhận hòa giải viên"), for records whose authority field is empty."""
    m = _FILED_AT.search(" ".join((steps or "").split()))
    if not m:
        return None
    return (m.group(1) + (m.group(2) or "")).strip()
