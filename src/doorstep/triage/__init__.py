"""Triage: free text in, needs, urgency, language and risk out (a pure engine).

    from doorstep.triage import triage
    result = triage("can u get me shopping im stuck in no food since tuesday", "sms")
    result.urgency, result.needs, result.reasons, result.model_version

Nothing here imports Django. See docs/subsystems/triage.md.
"""

from __future__ import annotations

from doorstep.triage.engine import triage
from doorstep.triage.loader import model_version, reload_model
from doorstep.triage.result import CHANNELS, NEED_CODES, URGENCIES, TriageResult

__all__ = [
    "CHANNELS",
    "MODEL_VERSION",
    "NEED_CODES",
    "URGENCIES",
    "TriageResult",
    "model_version",
    "reload_model",
    "triage",
]


def __getattr__(name: str) -> str:
    """``MODEL_VERSION`` is read lazily: it loads the current model on first use."""
    if name == "MODEL_VERSION":
        return model_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
