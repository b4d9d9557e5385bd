"""The locality data's shapes: a province, its wards, their former units and offices.

Loaded by ``knowledge.localities`` from ``knowledge/data/localities/`` (see that module).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.offices import Office

WARDS_FILE = "wards.csv"
WardType = Literal["xã", "phường", "đặc khu"]
CODE_PATTERN = r"^\d{5}$"  # commune-level codes of the national list (QĐ 19/2025/QĐ-TTg)
UNIT_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"  # receipt-code unit prefix (TT 01/2018)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FormerUnit(_Model):
    """A unit merged into today's ward: its name and where it was ("Phường 3", "TP Cao Lãnh")."""

    name: str
    district: str = ""  # the former district-level unit ("TP Cao Lãnh", "huyện Cái Bè")
    province: str = ""  # the former province when not the same one ("Tiền Giang")
    part: str = ""  # "một phần" / "phần còn lại" when the unit was split
    until: dt.date | None = None  # merged earlier than 30/06/2025 (01/01/2025 arrangement)

    @property
    def label(self) -> str:
        """ "Phường 3 (TP Cao Lãnh)", "Xã Mỹ Tân (huyện Cái Bè, Tiền Giang)"."""
        where = ", ".join(x for x in (self.district, self.province) if x)
        return f"{self.name} ({where})" if where else self.name


class WardOffice(Office):
    """Where the ward's citizens file and collect papers (its one-stop shop or a reception
    point): an office (``knowledge.offices``) that also knows the receipt-code unit
    prefixes it issues. Empty fields are unknown, never guessed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    receipt_units: tuple[str, ...] = ()  # unit prefixes of the receipt codes it issues

    def missing(self) -> list[str]:
        """Which of ``address``, ``phone``, ``hours`` local staff have not filled in yet."""
        return [k for k in ("address", "phone", "hours") if not getattr(self, k)]


class Ward(_Model):
    """A commune-level unit of the province (``xã``, ``phường`` or ``đặc khu``)."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str  # official name with its type word: "Phường Cao Lãnh"
    type: WardType
    former: tuple[FormerUnit, ...] = ()
    offices: tuple[WardOffice, ...] = ()
    verify: str = ""  # "cần xác minh: ..." notes on this row
    source: str = ""  # ids of the sources in the data README

    @property
    def short_name(self) -> str:
        """The name without its type word: "Cao Lãnh"."""
        head = self.type.lower()
        return self.name[len(head) :].strip() if self.name.lower().startswith(head) else self.name

    @property
    def display(self) -> str:
        """The name as written inside a sentence: "phường Cao Lãnh", "xã Tân Hồng"."""
        return f"{self.type} {self.short_name}" if self.short_name != self.name else self.name

    @property
    def office(self) -> WardOffice:
        """The ward's main one-stop office (the loader always gives every ward one)."""
        return self.offices[0]


class LegalRef(_Model):
    """A legal text the locality data rests on."""

    number: str
    title: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    url: str = ""
    source: str = ""
    verify: str = ""


class Province(_Model):
    """Province-wide data: its arrangement resolutions, fee resolutions, provincial offices."""

    code: str
    name: str  # "Tỉnh Đồng Tháp"
    short_name: str  # "Đồng Tháp"
    basis: tuple[LegalRef, ...] = ()
    fee_resolutions: tuple[LegalRef, ...] = ()
    service_centre: str = ""  # office id in offices.yaml (provincial service centre)
    offices: tuple[str, ...] = ()  # provincial office ids in offices.yaml
    wards_file: str = WARDS_FILE
    verify: str = ""
