"""Who may open which page. Other organisations' objects are 404, never 403."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from doorstep.accounts.models import CASEWORK_ROLES, COORDINATING_ROLES, INTAKE_ROLES

if TYPE_CHECKING:
    from doorstep.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def roles_required(roles: Iterable[str]) -> Callable[[View], View]:
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if staff(request).role not in allowed:
                raise PermissionDenied("Your role cannot open this page")
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator


def staff(request: HttpRequest) -> User:
    """The signed-in member of staff (views behind roles_required only)."""
    return cast("User", request.user)


casework_required = roles_required(CASEWORK_ROLES)
coordinator_required = roles_required(COORDINATING_ROLES)
intake_required = roles_required(INTAKE_ROLES)
