"""Procedures whose details stay on disk until someone reads them.

A running bot searches over names, aliases and example questions of every procedure, but
shows the documents, steps, legal basis and fees of only the few a citizen asks about; the
details are nine tenths of the catalogue's memory. A ``LazyProcedure`` is a full
``knowledge.schema.Procedure`` to every caller: the head fields (``HEAD_FIELDS``: code,
names, aliases, questions, levels, popularity, curated) are plain attributes, and the first read
of a detail field (``DETAIL_FIELDS``) fills them all in from the compact store
(``knowledge.store``), which keeps only the most recently used ones filled in.

Writing a detail field pins the procedure: its details then stay in memory for good, so a
change made in a running process (or a test) is never silently dropped. Copies, dumps and
comparisons fill the details in first and behave exactly as for a plain ``Procedure``.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import PrivateAttr

from knowledge.schema import Procedure

# what the search index and the lists of procedures read; any other field (a new one too) is
# a detail, read from the store when first used
HEAD_FIELDS = frozenset(
    {
        "code",
        "name",
        "short_name",
        "ministry",
        "field",
        "levels",
        "curated",
        "aliases",
        "questions",
        "popularity",
    }
)
DETAIL_FIELDS = frozenset(set(Procedure.model_fields) - HEAD_FIELDS)


class Details(Protocol):
    """Where a ``LazyProcedure`` gets its details (``knowledge.store.Store``)."""

    def hydrate(self, proc: LazyProcedure) -> None: ...

    def pin(self, proc: LazyProcedure) -> None: ...


class LazyProcedure(Procedure):
    """A ``Procedure`` whose detail fields are read from ``_details`` when first used."""

    _details: Any = PrivateAttr(default=None)

    def __getattr__(self, name: str) -> Any:
        if name in DETAIL_FIELDS:
            self.fill_details()
            return self.__dict__[name]
        return super().__getattr__(name)  # type: ignore[misc]

    def __setattr__(self, name: str, value: Any) -> None:
        if name in DETAIL_FIELDS:
            self.fill_details()
            details = self.__pydantic_private__.get("_details")  # type: ignore[union-attr]
            if details is not None:
                details.pin(self)
        super().__setattr__(name, value)

    @property
    def filled(self) -> bool:
        """Whether every detail field is in memory now."""
        return DETAIL_FIELDS <= self.__dict__.keys()

    def fill_details(self) -> None:
        """Read the details from the store unless they are in memory already."""
        if not self.filled:
            details = self.__pydantic_private__.get("_details")  # type: ignore[union-attr]
            if details is None:
                raise AttributeError(f"{self.code}: details unavailable (no store)")
            details.hydrate(self)

    def drop_details(self) -> None:
        """Forget the details (the store calls this for the least recently used ones)."""
        kept = {k: v for k, v in self.__dict__.items() if k not in DETAIL_FIELDS}
        object.__setattr__(self, "__dict__", kept)  # a dict sized for the head fields only

    # --- pydantic reads ``__dict__`` directly in these: fill the details in first
    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        self.fill_details()
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        self.fill_details()
        return super().model_dump_json(**kwargs)

    def __copy__(self) -> LazyProcedure:
        self.fill_details()
        return self._detached(lambda: super(LazyProcedure, self).__copy__())

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> LazyProcedure:
        self.fill_details()
        return self._detached(lambda: super(LazyProcedure, self).__deepcopy__(memo))

    def _detached(self, make: Any) -> LazyProcedure:
        """A copy with every detail in its own ``__dict__`` and no store (never dropped).

        The heads of one store share one private dict, so it is swapped, not changed."""
        shared = self.__pydantic_private__
        object.__setattr__(self, "__pydantic_private__", {"_details": None})
        try:
            copy: LazyProcedure = make()
        finally:
            object.__setattr__(self, "__pydantic_private__", shared)
        return copy

    @classmethod
    def head(cls, values: dict[str, Any], private: dict[str, Any]) -> LazyProcedure:
        """A procedure of head fields only, from values the store validated when built.

        ``values`` must hold every head field; ``private`` (``{"_details": store}``) is
        shared by all the heads of a store: a few hundred bytes less per procedure.
        """
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set())
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", private)
        return obj

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Procedure):
            return self.model_dump() == other.model_dump()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr_args__(self) -> Any:
        self.fill_details()
        return super().__repr_args__()

    def __iter__(self) -> Any:
        self.fill_details()
        return super().__iter__()

    def __reduce__(self) -> Any:
        return (Procedure.model_validate, (self.model_dump(),))
