"""verify_audit_chain: intact chains pass; tampering is reported at its first broken link."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from doorstep.audit.models import AuditEvent
from tests.audit.conftest import Recorder
from tests.audit.tampering import execute, tampering

pytestmark = pytest.mark.django_db


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit_chain", *args, stdout=out)
    return out.getvalue()


def broken(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        verify(*args)
    return str(failure.value)


def test_an_empty_log_is_intact() -> None:
    assert verify().startswith("Audit chain intact: 0 entries")


def test_an_untouched_chain_is_intact_and_its_head_is_printed(record_some: Recorder) -> None:
    events = record_some(5)
    out = verify()
    assert out.startswith("Audit chain intact: 5 entries\n")
    assert f"--anchor 5:{events[-1].hash}" in out


@pytest.mark.parametrize("batch_size", ["1", "2", "3", "7"])
def test_it_walks_the_chain_in_batches_of_any_size(record_some: Recorder, batch_size: str) -> None:
    record_some(6)
    assert verify("--batch-size", batch_size).startswith("Audit chain intact: 6 entries")


def test_a_break_in_a_later_batch_is_found(record_some: Recorder) -> None:
    record_some(6)
    with tampering():
        execute("UPDATE audit_auditevent SET purpose = 'x' WHERE sequence = 6")
        message = broken("--batch-size", "2")
    assert message.startswith("Audit chain broken at sequence 6: hash mismatch")


def test_an_altered_entry_is_reported_as_a_hash_mismatch(record_some: Recorder) -> None:
    record_some(5)
    with tampering():
        execute("UPDATE audit_auditevent SET purpose = 'nothing to see' WHERE sequence = 3")
        message = broken()
    assert message.startswith("Audit chain broken at sequence 3: hash mismatch")
    assert verify().startswith("Audit chain intact: 5 entries")


def test_an_altered_detail_is_caught_too(record_some: Recorder) -> None:
    record_some(3)
    with tampering():
        execute("""UPDATE audit_auditevent SET fields = '["phone"]' WHERE sequence = 2""")
        assert broken().startswith("Audit chain broken at sequence 2: hash mismatch")


def test_an_altered_entry_given_a_new_hash_breaks_the_next_link(record_some: Recorder) -> None:
    record_some(5)
    forged = AuditEvent.objects.get(sequence=3)
    forged.purpose = "nothing to see"
    with tampering():
        execute(
            "UPDATE audit_auditevent SET purpose = %s, hash = %s WHERE sequence = 3",
            [forged.purpose, forged.compute_hash()],
        )
        message = broken()
    assert message.startswith("Audit chain broken at sequence 4: prev_hash mismatch")
    assert "entry 3 was altered" in message


def test_a_deleted_entry_is_reported_as_a_sequence_gap(record_some: Recorder) -> None:
    record_some(5)
    with tampering():
        execute("DELETE FROM audit_auditevent WHERE sequence = 3")
        message = broken()
    assert message.startswith("Audit chain broken at sequence 3: sequence gap")
    assert "entry 3 is missing" in message


def test_deleting_the_first_entries_is_a_gap_at_sequence_1(record_some: Recorder) -> None:
    record_some(4)
    with tampering():
        execute("DELETE FROM audit_auditevent WHERE sequence <= 2")
        message = broken()
    assert message.startswith("Audit chain broken at sequence 1: sequence gap")
    assert "entries 1-2 are missing" in message


def test_only_the_first_of_several_breaks_is_reported(record_some: Recorder) -> None:
    record_some(6)
    with tampering():
        execute("DELETE FROM audit_auditevent WHERE sequence = 5")
        execute("UPDATE audit_auditevent SET basis = 'x' WHERE sequence = 2")
        assert broken().startswith("Audit chain broken at sequence 2: hash mismatch")


def test_an_entry_inserted_out_of_chain_is_reported(record_some: Recorder) -> None:
    events = record_some(3)
    fake = AuditEvent(**{f.attname: getattr(events[1], f.attname) for f in AuditEvent._meta.fields})
    fake.pk, fake.sequence, fake.purpose = None, 4, "made up"
    fake.hash = fake.compute_hash()
    fake.save()
    message = broken()
    assert message.startswith("Audit chain broken at sequence 4: prev_hash mismatch")


def test_a_truncated_log_is_caught_by_an_anchor_noted_earlier(record_some: Recorder) -> None:
    events = record_some(5)
    anchor = f"5:{events[-1].hash}"
    assert verify("--anchor", anchor).startswith("Audit chain intact: 5 entries")
    with tampering():
        execute("DELETE FROM audit_auditevent WHERE sequence >= 4")
        # Without the anchor the chain itself looks whole: only the missing guards show.
        assert "guards on the audit log are missing" in broken()
        message = broken("--anchor", anchor)
    assert message.startswith("Audit chain broken at sequence 4: log truncated")


def test_a_rewritten_chain_is_caught_by_an_anchor(record_some: Recorder) -> None:
    events = record_some(3)
    message = broken("--anchor", f"2:{'ab' * 32}")
    assert message.startswith("Audit chain broken at sequence 2: anchor mismatch")
    assert events[1].hash in message


def test_a_malformed_anchor_is_refused() -> None:
    with pytest.raises(CommandError, match="SEQUENCE:HASH"):
        verify("--anchor", "five")


def test_missing_triggers_fail_the_check_even_when_the_chain_is_intact(
    record_some: Recorder,
) -> None:
    record_some(2)
    with tampering():
        message = broken()
    assert "guards on the audit log are missing" in message
