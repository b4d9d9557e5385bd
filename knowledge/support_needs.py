"""Help asked for as a need, with no booking word: the assistance programmes are the answer.

"tôi già yếu đi không nổi, muốn nhờ cán bộ xuống nhà giúp làm hồ sơ" (the at-home help),
"muốn được hướng dẫn nộp hồ sơ online" (the online-filing guidance), "mai có chỗ nào hỗ trợ
làm giấy tờ không" (any programme, tomorrow): each is a booking request
(``knowledge.intents.detect_intent`` reads these phrases beside its own booking words), and
``kind_of`` says which kind of programme (``knowledge/data/programmes.yaml`` ``kind``) fits.
A procedure named in the same message stays the need ("hướng dẫn nộp online khai sinh").
"mai" opening such a message is tomorrow, never "mai táng" (``tomorrow_said``).
Every function here is total: any input, no exception.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.intent_phrases import Hit, PhraseSet
from knowledge.normalize import fold, normalize

MAX_CHARS = 2000

# staff coming home: like "tại nhà", a procedure done at home ("cán bộ xuống nhà làm khai
# tử", the "lưu động" one) overrules them (``knowledge.index_bands.classify``)
HOME_PHRASES = """xuống nhà, xuống tận nhà, về tận nhà, đến tận nhà, tới tận nhà, ra tận nhà,
    cán bộ xuống, cán bộ về nhà, cán bộ đến nhà, cán bộ tới nhà, người xuống nhà"""
_KINDS = {
    "home": PhraseSet(HOME_PHRASES),
    "online_guidance": PhraseSet(
        """hướng dẫn nộp online, hướng dẫn nộp hồ sơ online, hướng dẫn nộp trực tuyến,
        hướng dẫn nộp hồ sơ trực tuyến, hướng dẫn làm online, hướng dẫn làm hồ sơ online,
        hướng dẫn dịch vụ công, hướng dẫn nộp qua mạng, hướng dẫn làm trực tuyến,
        chỉ cách nộp online, chỉ cách nộp trực tuyến, giúp nộp online, giúp nộp hồ sơ online,
        giúp nộp trực tuyến, hỗ trợ nộp online, hỗ trợ nộp hồ sơ online, hỗ trợ nộp trực tuyến,
        không biết nộp online, không biết nộp trực tuyến, hướng dẫn cài vneid"""
    ),
    "": PhraseSet(
        """chỗ nào hỗ trợ, nơi nào hỗ trợ, ở đâu hỗ trợ, đâu hỗ trợ, ai hỗ trợ làm,
        hỗ trợ làm giấy tờ, hỗ trợ làm hồ sơ, hỗ trợ làm thủ tục, giúp làm giấy tờ,
        giúp làm hồ sơ, giúp làm thủ tục, giúp em làm giấy tờ, giúp tôi làm giấy tờ,
        người giúp làm giấy tờ, người giúp làm hồ sơ"""
    ),
}
# moving a booking without "lịch" ("đổi sang tuần sau"): a booking request, of no kind
_MOVES = PhraseSet(
    """đổi sang tuần, dời sang tuần, đổi qua tuần, dời qua tuần, đổi sang thứ, dời sang thứ,
    đổi qua thứ, dời qua thứ, đổi sang ngày, dời sang ngày, đổi qua ngày, dời qua ngày,
    đổi sang hôm, dời sang hôm, đổi qua hôm, dời qua hôm, đổi sang mai, dời sang mai,
    dời lại tuần, lùi lịch, lùi hẹn, hoãn lịch, hoãn hẹn, lùi sang tuần, hoãn sang tuần"""
)
_TOMORROW = re.compile(r"^(?:ngay )?mai\b(?! tang)|\b(?:ngay mai|mai (?:co|duoc|dc|nay))\b")


# registrations the civil-status officer does at home ("lưu động": birth, death, marriage):
# staff coming home for one of them is that procedure, not the assistance programme
_MOBILE = PhraseSet("khai sinh, khai tử, kết hôn, đăng ký kết hôn, giấy khai sinh")


class _Needs:
    """Every need phrase, as one phrase set for the intent rules."""

    def hits(self, words: Sequence[str]) -> list[Hit]:
        kinds = [p for k, p in _KINDS.items() if k != "home" or not _MOBILE.has(words)]
        return [h for p in (*kinds, _MOVES) for h in p.hits(words)]


NEEDS = _Needs()


def kind_of(text: str) -> str | None:
    """The programme kind a need asks for ("home", "online_guidance"), ``""`` for any
    assistance, None when the message asks for none."""
    if not isinstance(text, str):
        return None
    words = normalize(text[:MAX_CHARS]).split()
    return next((kind for kind, phrases in _KINDS.items() if phrases.has(words)), None)


def without_need(words: Sequence[str]) -> list[str]:
    """The words without their need phrases and a leading "mai" (tomorrow): what is left
    may name a procedure ("... hướng dẫn nộp online khai sinh")."""
    out = list(words)
    for phrases in _KINDS.values():
        out = phrases.without(out)
    if out[:1] and fold(out[0]) == "mai" and [fold(w) for w in out[1:2]] != ["tang"]:
        out = out[1:]
    return out


def tomorrow_said(text: str) -> bool:
    """ "mai có chỗ nào hỗ trợ", "ngày mai": tomorrow; "mai táng" is not."""
    return isinstance(text, str) and bool(_TOMORROW.search(" ".join(fold(text[:200]).split())))
