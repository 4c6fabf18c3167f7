"""Every result says which model labelled it."""

from __future__ import annotations

import re

import pytest

import doorstep.triage as engine
from doorstep.triage import model_version, reload_model, triage
from doorstep.triage.loader import MODEL_ENV, MODELS_DIR, RULES_ONLY, current_model_path


def test_it_reports_the_model_version_on_each_result() -> None:
    result = triage("can someone help me with my shopping", "sms")
    assert result.model_version == model_version()
    assert result.to_dict()["model_version"] == result.model_version


def test_the_committed_model_is_named_by_current_txt() -> None:
    path = current_model_path()
    assert path is not None and path.is_file()
    assert path.parent == MODELS_DIR
    version = re.fullmatch(r"triage-(\d{8}-[0-9a-f]{8})\.joblib", path.name)
    assert version is not None
    assert model_version() == version.group(1)


def test_model_version_is_exported_from_the_package() -> None:
    assert model_version() == engine.MODEL_VERSION


def test_it_falls_back_to_rules_only_when_the_model_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv(MODEL_ENV, "/nonexistent/triage-none.joblib")
    try:
        reload_model()
        result = triage("I have no food today and need a food parcel", "sms")
        assert result.model_version == RULES_ONLY
        assert result.urgency == "emergency"
        assert "food" in result.needs
    finally:
        monkeypatch.delenv(MODEL_ENV)
        reload_model()
    assert model_version() != RULES_ONLY
