"""Doorstep's HTTP API (OpenAPI at /api/docs). Routers live in their apps."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from doorstep.conversations.api import router as inbound_router

api = NinjaAPI(title="Doorstep API", version="1", urls_namespace="api", docs_url="/docs")
api.add_router("/inbound/", inbound_router)


@api.exception_handler(ValidationError)
def explain_invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """One plain sentence, as every other refusal here: which fields are missing or wrong."""
    return api.create_response(request, {"detail": describe_errors(exc.errors)}, status=422)


def describe_errors(errors: list[dict[str, object]]) -> str:
    problems = []
    for error in errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload")]  # type: ignore[attr-defined]
        problems.append(f"{'.'.join(location) or 'body'}: {error.get('msg', 'is not valid')}")
    return "The request was not accepted. Fix these and send it again: " + "; ".join(problems)
