"""A short serial typed as a correction after a receipt code ("hay là mã 0005", "à nhầm, mã
0005"): the same unit and date with that serial. Without an earlier code the whole code is
asked for. Nothing here tells whether a code exists: the new code gets the phone digits
asked like any other."""

from __future__ import annotations

import re
from typing import Any

from knowledge.normalize import fold

# words that make a bare number a code's serial, not phone digits ("mã 0005", "hay là 0005")
_CUES = (" ma ", " hay la ", " nham ", " lon ", " sua lai ", " khong phai ", " chu khong ",
         " so ho so ", " ma so ", " bien nhan ", " duoi ")  # fmt: skip
_WORDS = frozenset(
    """a ua oi da em xin loi nham lon ma so hay la sua lai khong phai chu ho so bien nhan cua
    toi minh la duoi moi dung the vay nha nhe ak ah chi anh chac roi""".split()
)
_NUMBER = re.compile(r"(?<![\d.\-/])(\d{1,4})(?![\d.\-/])")


def short_serial(text: str) -> str | None:
    """The serial (four digits, zero-padded) of a correction, or None for anything else."""
    folded = f" {fold(text).replace(',', ' ')} "
    numbers = _NUMBER.findall(folded)
    if len(numbers) != 1 or len(re.sub(r"\D", "", folded)) != len(numbers[0]):
        return None
    if not any(cue in folded for cue in _CUES):
        return None
    if not set(folded.replace(numbers[0], " ").split()) <= _WORDS:
        return None
    return numbers[0].zfill(4)


def with_serial(data: dict[str, Any], serial: str) -> str | None:
    """The earlier code (``code``, ``verified`` or ``tail`` of the state) with that serial."""
    earlier = str(data.get("code") or data.get("verified") or data.get("tail") or "")
    if "-" not in earlier:
        return None
    return f"{earlier.rsplit('-', 1)[0]}-{serial}"
