"""Maximum-weight assignment of needs to offers with capacities. Pure: no Django.

A capacitated bipartite matching (a min-cost flow) solved as a sparse linear assignment
with scipy's LAPJVsp (``min_weight_full_bipartite_matching``):

- each offer becomes ``min(capacity, edges)`` identical slot columns; an offer with at
  least as much capacity as candidate needs gets one private slot per edge instead, so
  a large capacity never multiplies the edge count;
- each need gets one private "unassigned" column, so a full matching always exists and
  leaving a need unassigned is worth 0;
- cost = (highest value + 1) - value, so every cost is positive (sparse matrices drop
  zeros) and the minimum cost is the maximum total value.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from scipy.sparse.csgraph import (  # type: ignore[import-untyped]
    min_weight_full_bipartite_matching,
)

from doorstep.matching.engine_time import FloatArray, IntArray


def best_assignment(
    need: IntArray, offer: IntArray, value: FloatArray, capacity: IntArray
) -> IntArray:
    """Indices of the chosen edges: each need at most once, each offer within capacity.

    ``need``, ``offer`` and ``value`` describe distinct (need, offer) edges with positive
    values; ``capacity`` is indexed by offer.
    """
    if len(value) == 0:
        return np.zeros(0, np.int64)
    _, rows = np.unique(need, return_inverse=True)
    rows = rows.astype(np.int64)
    need_count = int(rows.max()) + 1
    slots = _slot_counts(offer, capacity)
    edge, col = _expand(offer, slots)
    slot_total = int(slots.sum())
    top = float(value.max()) + 1.0
    matrix = sp.csr_array(
        (
            np.concatenate([top - value[edge], np.full(need_count, top)]),
            (
                np.concatenate([rows[edge], np.arange(need_count)]),
                np.concatenate([col, slot_total + np.arange(need_count)]),
            ),
        ),
        shape=(need_count, slot_total + need_count),
    )
    matched_row, matched_col = min_weight_full_bipartite_matching(matrix)
    real = matched_col < slot_total
    slot_offer = np.repeat(np.arange(len(slots)), slots)
    return _edge_ids(rows, offer, matched_row[real], slot_offer[matched_col[real]])


def _slot_counts(offer: IntArray, capacity: IntArray) -> IntArray:
    """Slot columns per offer: its capacity, but never more than its edges."""
    degree = np.bincount(offer, minlength=len(capacity))
    return np.minimum(np.maximum(capacity, 0), degree).astype(np.int64)


def _expand(offer: IntArray, slots: IntArray) -> tuple[IntArray, IntArray]:
    """(edge, slot column) for every copy of every edge.

    An offer with a slot per edge gives each edge its own slot (one copy); otherwise
    each edge is copied to every slot of its offer.
    """
    degree = np.bincount(offer, minlength=len(slots))
    private = slots >= degree
    order = np.argsort(offer, kind="stable")
    by_offer = offer[order]
    rank = np.arange(len(order)) - np.searchsorted(by_offer, by_offer)
    copies = np.where(private[by_offer], 1, slots[by_offer])
    edge = np.repeat(order, copies)
    first_copy = np.repeat(np.cumsum(copies) - copies, copies)
    copy_number = np.arange(int(copies.sum())) - first_copy
    offset = np.where(private[offer[edge]], np.repeat(rank, copies), copy_number)
    slot_start = np.cumsum(slots) - slots
    return edge.astype(np.int64), (slot_start[offer[edge]] + offset).astype(np.int64)


def _edge_ids(rows: IntArray, offer: IntArray, got_row: IntArray, got_offer: IntArray) -> IntArray:
    """The edge index of each matched (row, offer) pair."""
    width = int(offer.max()) + 1
    keys = rows * width + offer
    order = np.argsort(keys)
    found = order[np.searchsorted(keys[order], got_row * width + got_offer)]
    return np.sort(found.astype(np.int64))
