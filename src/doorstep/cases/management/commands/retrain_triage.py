"""Retrain the triage classifier on the labelled train split plus guides' corrections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorstep.cases.training import correction_rows
from doorstep.triage import training
from doorstep.triage.loader import MODELS_DIR


class Command(BaseCommand):
    help = (
        "Export guides' triage corrections and retrain the classifier with them. The new "
        "model file is versioned; commit it with models/current.txt to ship it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export", type=Path, help="only write the corrections to this JSONL")
        parser.add_argument("--models-dir", type=Path, default=MODELS_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        rows = list(correction_rows())
        if options["export"]:
            with options["export"].open("w", encoding="utf-8") as out:
                out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            self.stdout.write(f"Exported {len(rows)} corrections to {options['export']}")
            return
        model = training.retrain(rows, models_dir=options["models_dir"])
        self.stdout.write(
            f"Trained model {model.version} on the train split and {len(rows)} corrections; "
            f"written to {options['models_dir']}"
        )
