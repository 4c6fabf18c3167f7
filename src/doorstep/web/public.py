"""The only views anyone may open without signing in. Every other view needs a sign-in.

`tests/test_security_invariants.py` walks every URL and fails if one is missing here
and answers an anonymous visitor.
"""

from __future__ import annotations

PUBLIC_VIEWS = frozenset(
    {
        "home",  # explains the service, links to ask
        "ask",  # the resident's one-box page
        "ask_sent",  # confirmation, shows only the guide's first name and a time
        "login",
        "logout",
        "api:notify_inbound_sms",  # authenticated by the provider's bearer token instead
        "api:openapi-json",  # the API's schema: no personal data
        "api:openapi-view",
        "api:api-root",
    }
)

# Whole namespaces that are public: the Open Referral UK directory holds no personal data.
PUBLIC_NAMESPACES = frozenset({"openreferral"})


def is_public(url_name: str) -> bool:
    namespace = url_name.split(":", 1)[0] if ":" in url_name else ""
    return url_name in PUBLIC_VIEWS or namespace in PUBLIC_NAMESPACES
