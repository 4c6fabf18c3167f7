"""Signing staff in for tests, second factor included (as the middleware requires)."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.accounts.models import User


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
