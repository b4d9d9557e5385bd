"""Offices and the one-stop shop's contact block (``knowledge/data/offices.yaml``).

Addresses and phone numbers are local facts that only local staff can confirm, so both may be
empty; the ``note`` then tells the citizen they are still being filled in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Office(BaseModel):
    """A place where citizens file or collect papers."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    address: str = ""
    phone: str = ""
    hours: str = ""
    map_url: str = ""
    note: str = ""


class Contact(BaseModel):
    """Who to call when the bot cannot help (shown in every "need a human" answer)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    hotline: str = ""
    hotline_label: str = ""
    website: str = ""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with the fast C loader when PyYAML was built with it."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # safe loaders only


def parse_offices(raw: Any) -> tuple[dict[str, Office], Contact]:
    """Build offices and contact from the parsed YAML; raises ``TypeError`` when malformed."""
    if not isinstance(raw, dict) or not isinstance(raw.get("offices"), dict):
        raise TypeError("offices.yaml: expected a mapping with an 'offices:' mapping")
    offices = {
        str(oid): Office(id=str(oid), **(body or {})) for oid, body in raw["offices"].items()
    }
    contact = Contact(**(raw.get("contact") or {"name": "Bộ phận Một cửa"}))
    return offices, contact


def load_offices(path: Path) -> tuple[dict[str, Office], Contact]:
    """Read ``offices.yaml``; a missing file gives no offices and a generic contact."""
    if not path.exists():
        return {}, Contact(name="Bộ phận Một cửa")
    return parse_offices(read_yaml(path))
