"""Entry links of a ward and its printable QR poster (PNG and PDF) for the one-stop shop.

Scanning a code opens the bot already set to that ward: Telegram through the ``/start``
parameter ``xa_<code>`` (``t.me/<bot>?start=xa_29869``), the web chat through ``?xa=<code>``.
Zalo links cannot carry a parameter, so the poster prints the text to send ("XA 29869"),
which the bot reads the same way. QR codes by ``segno``, the page drawn with Pillow in a
font that has every Vietnamese letter (DejaVu Sans, Debian package ``fonts-dejavu-core``).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from handlers.i18n import t

log = logging.getLogger(__name__)

DPI = 150
PAGE = (1240, 1754)  # A4 portrait at 150 dpi
MARGIN = 90
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
)
TELEGRAM_NAME = r"^[A-Za-z][A-Za-z0-9_]{3,31}$"


@dataclass(frozen=True)
class Link:
    """One way into the bot for a ward: the channel, its address, what the QR encodes."""

    channel: str  # "telegram", "web", "zalo"
    url: str


def ward_links(code: str, web: str | None, telegram: str | None, zalo: str | None) -> list[Link]:
    """The configured entry links of a ward (none configured: an empty list)."""
    import re

    links = []
    if telegram:
        name = telegram.lstrip("@")
        if not re.match(TELEGRAM_NAME, name):
            raise ValueError(f"not a Telegram bot username: {telegram!r}")
        links.append(Link("telegram", f"https://t.me/{name}?start=xa_{code}"))
    if web:
        links.append(Link("web", f"{web.rstrip('/')}/?xa={quote(code)}"))
    if zalo:
        links.append(Link("zalo", zalo))
    return links


def zalo_text(code: str) -> str:
    """What a Zalo user sends to set the ward (Zalo links carry no parameter)."""
    return f"XA {code}"


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    log.warning("font %s not found (install fonts-dejavu-core): accents may not print", name)
    return ImageFont.load_default(size)


def _qr(url: str, px: int) -> Any:
    import segno
    from PIL import Image

    code = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    scale = max(1, px // (code.symbol_size(border=4)[0]))
    code.save(buf, kind="png", scale=scale, border=4)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            probe = f"{line} {word}".strip()
            if draw.textlength(probe, font=font) <= width or not line:
                line = probe
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _text(draw: Any, y: int, text: str, font: Any, fill: str = "#000000") -> int:
    """Centred, wrapped lines from ``y``; returns the y below them."""
    width = PAGE[0] - 2 * MARGIN
    for line in _wrap(draw, text, font, width):
        w = draw.textlength(line, font=font)
        draw.text(((PAGE[0] - w) / 2, y), line, font=font, fill=fill)
        y += int(font.size * 1.35)
    return y


def render(ward: Any, office: str, province: str, links: list[Link], locale: str = "vi") -> Any:
    """The poster of one ward as a Pillow image (A4 at ``DPI``)."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(page)
    y = _text(draw, MARGIN, t("poster.title", locale), _font(58, bold=True), "#0b4f8a")
    y = _text(draw, y + 10, office, _font(34, bold=True))
    y = _text(draw, y, province, _font(32))
    y = _text(draw, y + 20, t("poster.intro", locale), _font(28))
    size = 420 if len(links) > 2 else 520
    gap = (PAGE[0] - 2 * MARGIN - size * min(len(links), 2)) // max(1, min(len(links), 2) + 1)
    x, top = MARGIN + gap, y + 40
    bold = _font(26, bold=True)
    for i, link in enumerate(links):
        alone = i == 2 or len(links) == 1  # a third code goes on a second row, centred
        if i == 2:
            x, top = (PAGE[0] - size) // 2, top + size + 150
        qr = _qr(link.url, size).resize((size, size), Image.Resampling.NEAREST)  # sharp modules
        page.paste(qr, (x, top))
        label = t(f"poster.label_{link.channel}", locale, text=zalo_text(ward.code))
        width = PAGE[0] - 2 * MARGIN if alone else size + gap
        ly = top + size + 10
        for line in _wrap(draw, label, bold, width):
            w = draw.textlength(line, font=bold)
            draw.text((x + (size - w) / 2, ly), line, font=bold, fill="#000000")
            ly += 34
        x += size + gap
    foot = t("poster.footer", locale, code=ward.code, ward=ward.display)
    _text(draw, PAGE[1] - MARGIN - 80, foot, _font(24), "#444444")
    return page


def write_poster(image: Any, out: Path, code: str) -> tuple[Path, Path]:
    """``xa-<code>.png`` and ``xa-<code>.pdf`` (one A4 page) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    png, pdf = out / f"xa-{code}.png", out / f"xa-{code}.pdf"
    image.save(png, dpi=(DPI, DPI))
    image.save(pdf, "PDF", resolution=DPI)
    return png, pdf
