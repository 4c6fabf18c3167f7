"""Doorstep settings. Everything configurable is read from the environment here, once.

The defaults give a working embedded install: SQLite in ./var, the outbox transport.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from doorstep.lib.env import ConfigurationError, envbool, envint, envlist, envstr

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(envstr("DOORSTEP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
PRODUCTION = envbool("DOORSTEP_PRODUCTION", False)
_DEV_SECRET_KEY = "dev-only-not-secret-change-me-in-production-0123456789abcdef"  # noqa: S105  # nosec B105
SECRET_KEY = envstr("SECRET_KEY", _DEV_SECRET_KEY)
if PRODUCTION and SECRET_KEY == _DEV_SECRET_KEY:
    raise ConfigurationError("Set SECRET_KEY to a long random value in production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "doorstep.accounts",
    "doorstep.places",
    "doorstep.people",
    "doorstep.conversations",
    "doorstep.cases",
    "doorstep.messaging",
    "doorstep.audit",
    "doorstep.sharing",
    "doorstep.offers",
    "doorstep.assignments",
    "doorstep.jobs",
    "doorstep.directory",
    "doorstep.web",
    "doorstep.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "doorstep.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "doorstep.web.middleware.PrivacyHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "doorstep.urls"
WSGI_APPLICATION = "doorstep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doorstep.web.context_processors.doorstep",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'doorstep.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", _default_db), conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use a file too (not shared-cache memory) so concurrent writers behave as in use.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-doorstep.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "doorstep.accounts.passwords.DenyListValidator"},
]

# Lockout after repeated failures (django-axes); each lockout is written to the audit log.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Lock out by username only: a hub's staff often share one public IP address, and locking
# the address would lock out everyone in the building (axes.W006 says otherwise).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# A second factor (TOTP) for everyone whose role lets them see personal data.
DOORSTEP_REQUIRE_SECOND_FACTOR = envbool("DOORSTEP_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "Doorstep"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Sessions end after 30 minutes without use, and when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Production (behind HTTPS): secure cookies, HSTS, redirect to HTTPS. `check --deploy` is clean.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
SECURE_HSTS_SECONDS = 63_072_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SESSION_COOKIE_NAME = "__Host-doorstep-session" if PRODUCTION else "doorstep-session"
CSRF_COOKIE_NAME = "__Host-doorstep-csrf" if PRODUCTION else "doorstep-csrf"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Doorstep's own settings
DOORSTEP_HUB_NAME = envstr("DOORSTEP_HUB_NAME", "Doorstep")
DOORSTEP_TRANSPORT = envstr("DOORSTEP_TRANSPORT", "outbox")
_DEV_INBOUND_TOKEN = "dev-inbound-sms-token"  # noqa: S105  # nosec B105
DOORSTEP_INBOUND_SMS_TOKEN = envstr("DOORSTEP_INBOUND_SMS_TOKEN", _DEV_INBOUND_TOKEN)
if PRODUCTION and DOORSTEP_INBOUND_SMS_TOKEN == _DEV_INBOUND_TOKEN:
    raise ConfigurationError(
        "Set DOORSTEP_INBOUND_SMS_TOKEN to the bearer token GOV.UK Notify sends, in production"
    )
DOORSTEP_NEARING_FRACTION = 0.75
DOORSTEP_DEFAULT_CASELOAD_CAP = envint("DOORSTEP_DEFAULT_CASELOAD_CAP", 25)
DOORSTEP_MAX_MESSAGE_CHARS = 10_000
# Keep a resident's records this long after their last request closed (agreements may say longer).
DOORSTEP_RETENTION_DAYS = envint("DOORSTEP_RETENTION_DAYS", 730)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
