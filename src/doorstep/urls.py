"""Every URL of Doorstep. Public views are listed in web.public.PUBLIC_VIEWS."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from doorstep.accounts import views as account_views
from doorstep.api import api
from doorstep.directory.api import openreferral_api

urlpatterns = [
    path("", include("doorstep.web.urls")),
    path("", include("doorstep.cases.urls")),
    path("", include("doorstep.conversations.urls")),
    path("", include("doorstep.messaging.urls")),
    path("", include("doorstep.matching.urls")),
    path("", include("doorstep.assignments.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", account_views.two_factor, name="two_factor"),
    path("accounts/two-factor/qr.svg", account_views.two_factor_qr, name="two_factor_qr"),
    path("api/", api.urls),
    path("directory/", include("doorstep.directory.urls")),
    path("sharing/", include("doorstep.sharing.urls")),
    path("openreferral/", openreferral_api.urls),
]
