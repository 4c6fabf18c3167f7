"""The query parameters /openreferral/ takes, typed so its OpenAPI says what is accepted.

The profile types most of them as plain strings; these are stricter where a wrong value could
never match (ids are UUIDs, times are times, days are days), so clients learn it from the
document and get a 422 that names the parameter.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import Field

from doorstep.directory.api_schemas import Shape
from doorstep.directory.queries import ServiceFilters

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
Day = Literal[
    "MO",
    "TU",
    "WE",
    "TH",
    "FR",
    "SA",
    "SU",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]


class Paging(Shape):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)


def _text(value: object) -> str:
    return "" if value is None else str(value)


class ServiceQuery(Shape):
    search: str = Field("", max_length=200, description="Words that must all appear.")
    text: str = Field("", max_length=200, description="The same as search.")
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    minimum_age: float | None = Field(
        None, description="Services whose minimum age is at least this."
    )
    maximum_age: float | None = Field(
        None, description="Services whose maximum age is at most this."
    )
    start_time: dt.time | None = Field(None, description="Opening at or after this time.")
    end_time: dt.time | None = Field(None, description="Closing at or before this time.")
    day: Day | None = Field(None, description="Open on this day.")

    def filters(self) -> ServiceFilters:
        return ServiceFilters(
            search=self.search or self.text,
            taxonomy_term_id=_text(self.taxonomy_term_id),
            taxonomy_id=_text(self.taxonomy_id),
            organization_id=_text(self.organization_id),
            minimum_age=self.minimum_age,
            maximum_age=self.maximum_age,
            start_time=self.start_time,
            end_time=self.end_time,
            day=_text(self.day),
        )


class LinkQuery(ServiceQuery):
    postcode: str = Field("", pattern=POSTCODE_PATTERN + "|^$", description="A UK postcode.")
    proximity: float | None = Field(
        None, gt=0, le=100_000, description="Metres from the postcode's centre (needs postcode)."
    )


class TermQuery(Shape):
    taxonomy_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    top_only: bool = False
