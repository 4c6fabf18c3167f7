"""Walking the chain: recompute every hash and find the first broken link."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from doorstep.audit.chain import GENESIS_HASH
from doorstep.audit.models import AuditEvent


@dataclass(frozen=True)
class Anchor:
    """An entry's sequence and hash noted down earlier, somewhere outside the database."""

    sequence: int
    hash: str


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    problem: str
    explanation: str

    def __str__(self) -> str:
        return f"Audit chain broken at sequence {self.sequence}: {self.problem}: {self.explanation}"


@dataclass
class ChainWalk:
    entries: int = 0
    last_sequence: int = 0
    last_hash: str = GENESIS_HASH
    broken: BrokenLink | None = None


def entries_in_order(batch_size: int = 2000) -> Iterator[AuditEvent]:
    """Every entry by sequence, fetched a batch at a time (keyset pages: no open cursor)."""
    if batch_size < 1:
        raise ValueError("batch_size must be 1 or more")
    after = 0
    while True:
        batch = list(
            AuditEvent.objects.filter(sequence__gt=after).order_by("sequence")[:batch_size]
        )
        yield from batch
        if len(batch) < batch_size:
            return
        after = batch[-1].sequence


def walk_chain(events: Iterable[AuditEvent], anchor: Anchor | None = None) -> ChainWalk:
    """Check each entry against the one before, in sequence order; stop at the first break."""
    walk = ChainWalk()
    for event in events:
        walk.broken = check_link(walk, event) or _check_anchor(anchor, event)
        if walk.broken is not None:
            return walk
        walk.entries += 1
        walk.last_sequence, walk.last_hash = event.sequence, event.hash
    walk.broken = _check_anchor_reached(anchor, walk)
    return walk


def check_link(walk: ChainWalk, event: AuditEvent) -> BrokenLink | None:
    expected = walk.last_sequence + 1
    if event.sequence != expected:
        return _gap(expected, event.sequence)
    if event.prev_hash != walk.last_hash:
        return BrokenLink(
            event.sequence,
            "prev_hash mismatch",
            f"its prev_hash is not the hash of entry {walk.last_sequence}: an entry was "
            f"removed or inserted before it, or entry {walk.last_sequence} was altered "
            "and given a new hash",
        )
    if event.compute_hash() != event.hash:
        return BrokenLink(
            event.sequence, "hash mismatch", "its content does not match its hash: entry altered"
        )
    return None


def _gap(expected: int, found: int) -> BrokenLink:
    missing = (
        f"entry {expected} is" if found == expected + 1 else f"entries {expected}-{found - 1} are"
    )
    return BrokenLink(
        expected,
        "sequence gap",
        f"{missing} missing (the next entry is {found}): entries were deleted",
    )


def _check_anchor(anchor: Anchor | None, event: AuditEvent) -> BrokenLink | None:
    if anchor is None or anchor.sequence != event.sequence or anchor.hash == event.hash:
        return None
    return BrokenLink(
        event.sequence,
        "anchor mismatch",
        f"its hash is {event.hash}, not the {anchor.hash} noted earlier: the chain was "
        "rewritten up to here",
    )


def _check_anchor_reached(anchor: Anchor | None, walk: ChainWalk) -> BrokenLink | None:
    if anchor is None or anchor.sequence <= walk.last_sequence:
        return None
    return BrokenLink(
        walk.last_sequence + 1,
        "log truncated",
        f"the log ends at sequence {walk.last_sequence} but entry {anchor.sequence} "
        "was noted earlier: the latest entries were deleted",
    )
