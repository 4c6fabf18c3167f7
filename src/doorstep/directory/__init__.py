"""The directory of services, following Open Referral UK (HSDS 3.0 UK profile)."""
