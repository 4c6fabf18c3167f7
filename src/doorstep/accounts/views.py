"""Signing in: a password, then a code from an authenticator app (TOTP)."""

from __future__ import annotations

from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.accounts.access import staff
from doorstep.web.forms import GovukForm


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=6,
        min_length=6,
        help_text="6 numbers, like 123456",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the 6-number code from your authenticator app",
            "min_length": "The code has 6 numbers",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error("code", "That code is not right or has expired: enter the newest code")
    context = {"form": form, "setting_up": not device.confirmed, "next": safe_next(request)}
    if not device.confirmed:
        context["secret"] = _spaced(device.config_url)
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_http_methods(["GET"])
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code for setting up an authenticator app; only while not yet confirmed."""
    device = TOTPDevice.objects.filter(user=staff(request), confirmed=False).first()
    if device is None:
        raise Http404("No authenticator app is waiting to be set up")
    return HttpResponse(_qr_svg(device.config_url), content_type="image/svg+xml")


def safe_next(request: HttpRequest) -> str:
    """Where to go after signing in: only ever somewhere on this site."""
    target = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "/"


def _spaced(config_url: str) -> str:
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
