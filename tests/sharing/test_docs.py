from __future__ import annotations

from pathlib import Path

from doorstep.sharing import catalogue as cat

DOC = Path(__file__).resolve().parents[2] / "docs" / "subsystems" / "sharing.md"


def test_the_doc_lists_every_field_with_its_sensitivity() -> None:
    text = DOC.read_text()
    for specs in cat.FIELD_CATALOGUE.values():
        for spec in specs.values():
            row = f"| `{spec.name}` | {spec.label} | {spec.sensitivity.value.replace('_', ' ')} |"
            assert row in text, row


def test_the_doc_explains_every_purpose() -> None:
    text = DOC.read_text()
    for code, meaning in cat.PURPOSES.items():
        assert f"| `{code}` | {meaning} |" in text
