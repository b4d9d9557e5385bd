"""Per-procedure term tables of the search index kept as flat arrays (issue 17).

The index holds, for every procedure, the weighted unigrams of its official name (a dict)
and a few sets of term ids. As Python objects those are ~125,000 int and float objects in
8,000 dicts and frozensets, about 12 MB for the catalogue; a question reads a handful of
them (``knowledge.siblings``). Here each table is one CSR layout (offsets, term ids, weights)
and an entry is rebuilt when asked for, the same value in the same order as the one it
replaces (a dict keeps its insertion order, so sums over it add up the same way), with a
small memo for the entries a burst of questions keeps reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np

MEMO = 512  # entries kept rebuilt per table (a few hundred KB at most)


class _Packed:
    """Offsets and term ids of ``n`` entries, plus an optional weight per term."""

    def __init__(self, ptr: np.ndarray, ids: np.ndarray, weights: np.ndarray | None) -> None:
        self.ptr = ptr
        self.ids = ids
        self.weights = weights
        self._memo: dict[int, Any] = {}

    @staticmethod
    def _layout(rows: Iterable[Iterable[int]]) -> tuple[np.ndarray, list[int]]:
        ptr, flat = [0], list[int]()
        for row in rows:
            flat.extend(row)
            ptr.append(len(flat))
        return np.array(ptr, dtype=np.int64), flat

    def __len__(self) -> int:
        return len(self.ptr) - 1

    def _entry(self, i: int) -> Any:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        got = self._memo.get(i)
        if got is None:
            if i < 0:
                i += len(self)
            if not 0 <= i < len(self):
                raise IndexError(i)
            got = self._entry(i)
            if len(self._memo) >= MEMO:
                self._memo.clear()
            self._memo[i] = got
        return got

    def __iter__(self) -> Iterator[Any]:
        return (self._entry(i) for i in range(len(self)))

    def __getstate__(self) -> dict[str, Any]:
        return {"ptr": self.ptr, "ids": self.ids, "weights": self.weights}

    def __setstate__(self, state: dict[str, Any]) -> None:
        _Packed.__init__(self, state["ptr"], state["ids"], state["weights"])


class PackedSets(_Packed, Sequence[frozenset[int]]):
    """A list of frozensets of term ids."""

    @classmethod
    def of(cls, sets: Sequence[frozenset[int]]) -> PackedSets:
        ptr, flat = cls._layout(sorted(s) for s in sets)
        return cls(ptr, np.array(flat, dtype=np.int32), None)

    def _entry(self, i: int) -> frozenset[int]:
        return frozenset(self.ids[self.ptr[i] : self.ptr[i + 1]].tolist())


class PackedWeights(_Packed, Sequence[dict[int, float]]):
    """A list of ``{term id: weight}`` dicts, each in its own insertion order."""

    @classmethod
    def of(cls, dicts: Sequence[dict[int, float]]) -> PackedWeights:
        ptr, flat = cls._layout(d.keys() for d in dicts)
        weights = np.array([w for d in dicts for w in d.values()], dtype=np.float64)
        return cls(ptr, np.array(flat, dtype=np.int32), weights)

    def _entry(self, i: int) -> dict[int, float]:
        lo, hi = self.ptr[i], self.ptr[i + 1]
        assert self.weights is not None
        return dict(zip(self.ids[lo:hi].tolist(), self.weights[lo:hi].tolist(), strict=True))
