"""Demo staff sign in with a second factor too: codes come from `manage.py demo_code`.

Each demo account gets a confirmed authenticator (TOTP) device, so the demo shows the real
sign-in. Nobody needs a phone to try it: `make code USER=guide` prints the current code.
"""

from __future__ import annotations

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstep.accounts.models import Organisation, User

DEVICE_NAME = "Demo authenticator"


def give_demo_devices(organisations: list[Organisation]) -> int:
    users = User.objects.filter(organisation__in=organisations)
    TOTPDevice.objects.filter(user__in=users, name=DEVICE_NAME).delete()
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name=DEVICE_NAME, confirmed=True) for user in users
    )
    return users.count()


def current_code(username: str) -> str:
    """The code a demo account's authenticator would show now."""
    device = TOTPDevice.objects.filter(user__username=username, name=DEVICE_NAME).first()
    if device is None:
        raise LookupError(f"{username} is not a demo account: only demo accounts have codes here")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"
