"""The capacitated assignment solver against brute force on small random graphs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.matching.batch_solve import best_assignment


def brute_force(needs: int, edges: list[tuple[int, int, float]], capacity: list[int]) -> float:
    by_need = [[(o, v) for n, o, v in edges if n == need] for need in range(needs)]
    best = 0.0
    for choice in itertools.product(*[[None, *options] for options in by_need]):
        used = [pick[0] for pick in choice if pick is not None]
        if all(used.count(o) <= max(capacity[o], 0) for o in set(used)):
            best = max(best, sum(pick[1] for pick in choice if pick is not None))
    return best


graphs = st.integers(1, 4).flatmap(
    lambda needs: st.integers(1, 3).flatmap(
        lambda offers: st.tuples(
            st.just(needs),
            st.lists(st.integers(-1, 3), min_size=offers, max_size=offers),
            st.dictionaries(
                st.tuples(st.integers(0, needs - 1), st.integers(0, offers - 1)),
                st.floats(0.01, 4.0),
                max_size=needs * offers,
            ),
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_it_finds_the_best_total_within_capacities(
    graph: tuple[int, list[int], dict[tuple[int, int], float]],
) -> None:
    needs, capacity, weights = graph
    edges = [(n, o, v) for (n, o), v in weights.items()]
    need = np.asarray([e[0] for e in edges], np.int64)
    offer = np.asarray([e[1] for e in edges], np.int64)
    value = np.asarray([e[2] for e in edges], np.float64)
    chosen = best_assignment(need, offer, value, np.asarray(capacity, np.int64))
    assert len(set(need[chosen].tolist())) == len(chosen)
    for o, cap in enumerate(capacity):
        assert int((offer[chosen] == o).sum()) <= max(cap, 0)
    best = brute_force(needs, edges, capacity)
    assert float(value[chosen].sum()) == pytest.approx(best, abs=1e-9)


def test_a_large_capacity_does_not_multiply_the_edges() -> None:
    need = np.arange(1000, dtype=np.int64)
    offer = np.zeros(1000, np.int64)
    chosen = best_assignment(need, offer, np.ones(1000), np.asarray([100_000], np.int64))
    assert len(chosen) == 1000
