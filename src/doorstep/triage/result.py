"""The engine's vocabulary and its one output type, :class:`TriageResult`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

NEED_CODES: tuple[str, ...] = (
    "food",
    "medicine",
    "shopping",
    "befriending",
    "money",
    "housing",
    "mental_health",
    "physical_care",
    "digital",
    "transport",
    "safety",
    "family",
    "work_skills",
    "legal_immigration",
    "other",
)

URGENCIES: tuple[str, ...] = ("routine", "urgent", "emergency")
"""From least to most urgent; an index in this tuple is an urgency's rank."""

CHANNELS: tuple[str, ...] = ("sms", "web", "phone_note", "walk_in", "referral")

DUE_HOURS: dict[str, int] = {"emergency": 3, "urgent": 24, "routine": 168}


def urgency_rank(urgency: str) -> int:
    """0 for routine, 1 for urgent, 2 for emergency (unknown values count as routine)."""
    return URGENCIES.index(urgency) if urgency in URGENCIES else 0


def most_urgent(*urgencies: str) -> str:
    """The most urgent of the given urgencies (routine if none are given)."""
    return URGENCIES[max((urgency_rank(u) for u in urgencies), default=0)]


@dataclass(frozen=True)
class TriageResult:
    """What the engine read in one message, with the reasons a guide can check."""

    needs: dict[str, float]
    urgency: str
    safeguarding: bool
    language: str
    interpreter_needed: bool
    is_offer: bool
    is_spam: bool
    risk_to_life: bool
    reasons: list[str] = field(default_factory=list)
    model_version: str = ""

    @property
    def due_hours(self) -> int:
        """Hours from the first message to the first contact that is due."""
        return DUE_HOURS[self.urgency]

    @property
    def need_codes(self) -> list[str]:
        """Need codes, most confident first."""
        return sorted(self.needs, key=lambda code: -self.needs[code])

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready copy, with ``due_hours`` included."""
        data = asdict(self)
        data["due_hours"] = self.due_hours
        return data
