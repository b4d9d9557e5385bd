"""Whose data a staff member may see: one ward's (a ward officer) or every ward's (the
provincial admin). The same rule for the staff API's tokens and the console's accounts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Whose data a staff request may see: ``ward`` None is the provincial admin."""

    ward: str | None = None

    def sees(self, ward: str | None) -> bool:
        """A record of ``ward`` is visible (a record of no known ward only to the admin)."""
        return self.ward is None or ward == self.ward


ADMIN = Scope()
NO_WARD = "none"  # ``?ward=none`` (the admin's): handoffs of no known ward
