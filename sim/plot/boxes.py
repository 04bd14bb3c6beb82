"""Boxes in display space (pixels): what a map has already drawn, for placing more.

A :class:`Boxes` holds rectangles ``(x0, y0, x1, y1)`` with an owner each (a place
id, ``"legend"``, ``"scalebar"``, ``"label:<id>"``; a mark shared by several places
is ``"shared:<id>+<id>"``, no one's own). Labels, the scale bar, the legend and the
names of seas and countries are placed where their box hits nothing already
there (boxes of the same owner do not count: a label may touch its own place).

>>> b = Boxes()
>>> b.add((0, 0, 10, 10), "homs")
>>> b.hits((5, 5, 15, 15)), b.hits((5, 5, 15, 15), owner="homs"), b.hits((11, 0, 20, 9))
(True, False, False)
"""

from __future__ import annotations

import numpy as np


class Boxes:
    """Rectangles in pixels, each with an owner; grows as a map is drawn."""

    def __init__(self) -> None:
        self._rows: list[tuple[float, float, float, float]] = []
        self.owners: list[str] = []
        self._array: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, box, owner: str) -> None:
        x0, y0, x1, y1 = (float(v) for v in box)
        self._rows.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        self.owners.append(owner)
        self._array = None

    def array(self) -> np.ndarray:
        if self._array is None:
            self._array = (np.array(self._rows, dtype=float) if self._rows
                           else np.zeros((0, 4)))
        return self._array

    def _others(self, owner: str) -> np.ndarray:
        """Which boxes belong to someone other than ``owner``."""
        return np.array([o != owner for o in self.owners], dtype=bool)

    def hit_mask(self, cands: np.ndarray, owner: str | None = None) -> np.ndarray:
        """For each candidate box (rows of ``cands``), does it overlap any box not
        owned by ``owner``?

        >>> b = Boxes(); b.add((0, 0, 10, 10), "a")
        >>> b.hit_mask(np.array([[5, 5, 6, 6], [20, 20, 30, 30]])).tolist()
        [True, False]
        """
        arr = self.array()
        if not len(arr) or not len(cands):
            return np.zeros(len(cands), dtype=bool)
        if owner is not None:
            arr = arr[self._others(owner)]
            if not len(arr):
                return np.zeros(len(cands), dtype=bool)
        c = np.asarray(cands, dtype=float)[:, None, :]
        over = ((c[..., 0] < arr[None, :, 2]) & (c[..., 2] > arr[None, :, 0])
                & (c[..., 1] < arr[None, :, 3]) & (c[..., 3] > arr[None, :, 1]))
        return over.any(axis=1)

    def hits(self, box, owner: str | None = None) -> bool:
        return bool(self.hit_mask(np.array([box], dtype=float), owner)[0])

    def covers(self, points: np.ndarray, owner: str | None = None,
               only: tuple[str, ...] | None = None) -> bool:
        """Does any box not owned by ``owner`` (and, with ``only``, owned by a name
        starting with one of those) contain one of ``points`` (rows x, y)?"""
        arr = self.array()
        if not len(arr) or not len(points):
            return False
        keep = self._others(owner) if owner is not None else np.ones(len(arr), dtype=bool)
        if only is not None:
            keep &= np.array([o.startswith(only) for o in self.owners], dtype=bool)
        arr = arr[keep]
        if not len(arr):
            return False
        p = np.asarray(points, dtype=float)[:, None, :]
        inside = ((p[..., 0] > arr[None, :, 0]) & (p[..., 0] < arr[None, :, 2])
                  & (p[..., 1] > arr[None, :, 1]) & (p[..., 1] < arr[None, :, 3]))
        return bool(inside.any())


def inside(box, frame) -> bool:
    """Is ``box`` wholly inside ``frame``?

    >>> inside((1, 1, 2, 2), (0, 0, 10, 10)), inside((9, 9, 11, 11), (0, 0, 10, 10))
    (True, False)
    """
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


def extent_box(artist, renderer) -> tuple[float, float, float, float]:
    """The window extent of a drawn artist as ``(x0, y0, x1, y1)`` pixels."""
    bb = artist.get_window_extent(renderer)
    return (bb.x0, bb.y0, bb.x1, bb.y1)


def segment_points(a, b, step: float = 3.0) -> np.ndarray:
    """Points every ``step`` pixels along the segment from ``a`` to ``b``.

    >>> segment_points((0, 0), (6, 0)).tolist()
    [[0.0, 0.0], [3.0, 0.0], [6.0, 0.0]]
    """
    n = max(2, int(np.hypot(b[0] - a[0], b[1] - a[1]) // step) + 1)
    t = np.linspace(0.0, 1.0, n)[:, None]
    return np.asarray(a, dtype=float) * (1 - t) + np.asarray(b, dtype=float) * t


__all__ = ["Boxes", "extent_box", "inside", "segment_points"]
