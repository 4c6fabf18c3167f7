"""Doorstep's HTTP API (OpenAPI at /api/docs). Routers live in their apps."""

from __future__ import annotations

from ninja import NinjaAPI

from doorstep.conversations.api import router as inbound_router

api = NinjaAPI(title="Doorstep API", version="1", urls_namespace="api", docs_url="/docs")
api.add_router("/inbound/", inbound_router)
