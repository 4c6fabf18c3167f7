"""What a helper doing a task needs to know about the resident. Pure: no Django.

The minimal view is a first name and the task. A delivery or a visit needs the address;
a call needs the phone number. They are shown only to whoever is doing the task, and
only while it is live (see ``governance.md``: minimal view for volunteers).
"""

from __future__ import annotations

ADDRESS = frozenset({"address"})
PHONE = frozenset({"phone"})

# Needs met at the resident's door; everything else starts with a call.
AT_THE_DOOR = frozenset({"food", "shopping", "medicine", "physical_care", "transport"})


def contact_fields(need_code: str) -> frozenset[str]:
    """The contact details a task for this need cannot be done without."""
    return ADDRESS if need_code in AT_THE_DOOR else PHONE


def task_fields(need_code: str, *, live: bool, doing_it: bool) -> frozenset[str]:
    """Contact details for this reader: only the one doing a live task gets any."""
    return contact_fields(need_code) if live and doing_it else frozenset()
