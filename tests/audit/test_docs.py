"""docs/subsystems/audit.md stays true: its standalone verifier and worked example work."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from doorstep.audit.actions import CHAIN_LOCK_KEY
from doorstep.audit.models import AuditEvent
from tests.audit.conftest import Recorder
from tests.audit.test_chain import EXAMPLE_HASH, EXAMPLE_JSON

DOC = Path(__file__).resolve().parents[2] / "docs" / "subsystems" / "audit.md"
Rows = list[dict[str, Any]]


def standalone_verify() -> Callable[[Rows], str]:
    """The doc's verify_audit.py, run as an auditor would, without Doorstep."""
    block = re.search(r"<!-- verify_audit\.py.*?```python\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None, "the verify_audit.py block has gone from the doc"
    namespace: dict[str, Any] = {"__name__": "verify_audit"}
    exec(compile(block[1], "verify_audit.py", "exec"), namespace)  # noqa: S102 - our own doc
    verify: Callable[[Rows], str] = namespace["verify"]
    return verify


def exported(as_sqlite: bool) -> Rows:
    """Rows as `sqlite3 -json` or `psql ... row_to_json` would give them."""
    rows: Rows = [dict(row) for row in AuditEvent.objects.order_by("sequence").values()]
    for row in rows:
        if as_sqlite:
            row["at"] = row["at"].replace(tzinfo=None).isoformat(" ")
            row["fields"], row["detail"] = json.dumps(row["fields"]), json.dumps(row["detail"])
            row["flagged"] = int(row["flagged"])
        else:
            row["at"] = row["at"].isoformat()
    return rows


def test_the_worked_example_and_lock_key_are_the_ones_in_the_code() -> None:
    text = DOC.read_text()
    assert EXAMPLE_JSON in text
    assert EXAMPLE_HASH in text
    assert str(CHAIN_LOCK_KEY) in text


@pytest.mark.django_db
@pytest.mark.parametrize("as_sqlite", [True, False], ids=["sqlite-export", "postgresql-export"])
def test_the_documented_standalone_verifier_agrees_with_doorstep(
    record_some: Recorder, as_sqlite: bool
) -> None:
    events = record_some(3)
    verify = standalone_verify()
    rows = exported(as_sqlite)
    assert verify(rows) == f"intact: 3 entries, latest hash {events[-1].hash}"
    rows[1]["purpose"] = "altered"
    assert verify(rows) == "broken at 2: hash mismatch"
    assert verify([rows[0], rows[2]]) == "broken at 2: sequence gap (next entry is 3)"
