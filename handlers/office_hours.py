"""An office's hours in the chat's language.

The hours are data (``knowledge/data/offices.yaml``, a ward's ``office_hours``), written in
Vietnamese: "Sáng 7:00-11:30, chiều 13:30-17:00, thứ Hai đến thứ Sáu; sáng thứ Bảy nhận một
số thủ tục do xã/phường chọn (QĐ 3325/QĐ-UBND tỉnh Đồng Tháp), anh/chị nên hỏi trước". In
another locale their known phrases are put into that language with the pairs of
``handlers/texts/<locale>/common.yaml`` ``hours_words`` (longest first); the times, names
and decision numbers stay as they are.
"""

from __future__ import annotations

import functools

from handlers.i18n import DEFAULT_LOCALE, load_texts


@functools.lru_cache(maxsize=8)
def _pairs(locale: str) -> tuple[tuple[str, str], ...]:
    texts = load_texts(locale)
    keys = {k.rsplit(".", 1)[0] for k in texts if k.startswith("hours_words.")}
    pairs = [(texts.get(f"{k}.vi", ""), texts.get(f"{k}.text", "")) for k in keys]
    return tuple(sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0])))


def hours_in(value: str, locale: str) -> str:
    """The hours ``value`` with its known phrases in ``locale`` (Vietnamese: unchanged)."""
    if not value or locale == DEFAULT_LOCALE:
        return value
    for vietnamese, said in _pairs(locale):
        value = value.replace(vietnamese, said)
    return value
