"""Which roles may open the sharing pages. Objects of other organisations are 404 anyway."""

from __future__ import annotations

from doorstep.accounts.access import roles_required
from doorstep.accounts.models import Role
from doorstep.sharing.agreement_actions import AGREEMENT_ROLES
from doorstep.sharing.holds import HOLD_ROLES, NOT_STAFF
from doorstep.sharing.models import Hold

# Staff who hold residents' records: everyone but volunteers and community leaders.
STAFF_ROLES = frozenset(Role.values) - NOT_STAFF
# Who looks residents up to answer rights requests or place holds.
SEARCH_ROLES = AGREEMENT_ROLES | HOLD_ROLES[Hold.Kind.SAFEGUARDING]

dpo_required = roles_required(AGREEMENT_ROLES)
staff_required = roles_required(STAFF_ROLES)
search_required = roles_required(SEARCH_ROLES)
