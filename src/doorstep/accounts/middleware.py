"""Staff who can see personal data must prove a second factor before anything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

ALWAYS_ALLOWED = ("/accounts/", "/static/", "/api/inbound/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_second_factor(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('two_factor')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        return (
            settings.DOORSTEP_REQUIRE_SECOND_FACTOR
            and user.is_authenticated
            and not cast(Any, user).is_verified()
            and not request.path.startswith(ALWAYS_ALLOWED)
        )
