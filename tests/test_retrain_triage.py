from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from doorstep.accounts.models import Organisation, User
from doorstep.cases.actions import do_correct_triage
from doorstep.cases.models import HelpRequest
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.triage import training

TEXT = "my landlord changed the locks while I was at work, all my things are inside"


def corrected_request(hub: Organisation, guide: User) -> HelpRequest:
    do_receive_message(
        hub.pk,
        channel="sms",
        body=TEXT,
        provider_id="n-1",
        sender=SenderDetails(phone="+447700900123"),
    )
    request = HelpRequest.objects.get()
    do_correct_triage(
        guide,
        request,
        needs=["housing", "legal_immigration"],
        urgency="emergency",
        safeguarding=False,
        language="en",
    )
    return request


def test_corrections_are_exported_as_training_rows(
    hub: Organisation, alice: User, tmp_path: Path
) -> None:
    corrected_request(hub, alice)
    out = tmp_path / "corrections.jsonl"
    call_command("retrain_triage", export=out, stdout=StringIO())
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["text"] == TEXT
    assert row["needs"] == ["housing", "legal_immigration"]
    assert row["urgency"] == "emergency"
    assert row["split"] == "train"


def test_retraining_writes_a_new_versioned_model(
    hub: Organisation, alice: User, tmp_path: Path
) -> None:
    corrected_request(hub, alice)
    output = StringIO()
    call_command("retrain_triage", models_dir=tmp_path, stdout=output)
    (model_file,) = tmp_path.glob("triage-*.joblib")
    assert (tmp_path / "current.txt").read_text().strip() == model_file.name
    assert "1 corrections" in output.getvalue()
    assert training.load(model_file).version in model_file.name
