"""Finding and loading the current model file, once per process."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from doorstep.triage.model import Model, load_model

MODELS_DIR = Path(__file__).resolve().parent / "models"
CURRENT_FILE = "current.txt"
MODEL_ENV = "DOORSTEP_TRIAGE_MODEL"
RULES_ONLY = "rules-only"

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, Model | None] = {}


def current_model_path(models_dir: Path = MODELS_DIR) -> Path | None:
    """The model named by ``$DOORSTEP_TRIAGE_MODEL`` or by ``models/current.txt``."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return Path(override)
    pointer = models_dir / CURRENT_FILE
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return models_dir / name if name else None


def _load() -> Model | None:
    path = current_model_path()
    if path is None or not path.is_file():
        logger.warning("No triage model file found; triage runs on rules only")
        return None
    try:
        return load_model(path)
    except (OSError, ValueError, KeyError) as error:
        logger.error("Could not load triage model %s: %s", path, error)
        return None


def current_model() -> Model | None:
    """The loaded model, or None if there is none (the engine then uses rules only)."""
    if "model" not in _loaded:
        with _lock:
            if "model" not in _loaded:
                _loaded["model"] = _load()
    return _loaded["model"]


def reload_model() -> str:
    """Forget the loaded model so the next message loads ``current.txt`` again."""
    with _lock:
        _loaded.clear()
    return model_version()


def model_version() -> str:
    """The version of the model in use ("rules-only" if none could be loaded)."""
    model = current_model()
    return model.version if model else RULES_ONLY
