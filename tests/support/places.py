"""Locality data for tests: the shipped folder copied, with some wards' cells changed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

from knowledge.loader import DATA_DIR
from knowledge.localities import LOCALITIES_DIR, Localities, load_localities


def places_folder(tmp: Path, edits: dict[str, dict[str, str]] | None = None) -> Path:
    """A copy of ``knowledge/data/localities`` where ``edits[code][column] = value``, beside
    copies of the data it refers to (offices, programmes, procedures): ``tmp`` works as a
    knowledge data folder (``--data-dir``)."""
    folder = tmp / "localities"
    shutil.copytree(LOCALITIES_DIR, folder)
    for name in ("offices.yaml", "programmes.yaml"):
        shutil.copy(DATA_DIR / name, tmp / name)
    shutil.copytree(DATA_DIR / "procedures", tmp / "procedures")
    if edits:
        path = folder / "wards.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields: Any = reader.fieldnames
            rows = list(reader)
        for row in rows:
            if row["code"] in edits and row["name"]:
                row.update(edits[row["code"]])
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def places_with(tmp: Path, edits: dict[str, dict[str, str]]) -> Localities:
    """The shipped province with some wards' cells changed (e.g. an office filled in)."""
    return load_localities(places_folder(tmp, edits), strict=True)


async def book_in_ward(app: Any, chat_id: str, ward: str) -> str:
    """A full booking through the engine by a chat that answers the ward question with
    ``ward``; the confirmation text (with its ``LH-`` code)."""
    from tests.support.chat import Chat

    chat = Chat(app.engine, chat_id=chat_id)
    await chat.say("đặt lịch")
    await chat.say(ward)
    await chat.press_prefix("bk:prog:")
    await chat.press_prefix("bk:day:")
    await chat.press_prefix("bk:slot:")
    await chat.say("Nguyễn Văn An")
    await chat.say("0912345678")
    if "địa chỉ" in chat.text:  # at-home help
        await chat.say("khóm 1, phường Mỹ Ngãi")
    await chat.press_prefix("bk:need:")
    await chat.press_prefix("bk:confirm:")
    assert "LH-" in chat.text
    return chat.text
