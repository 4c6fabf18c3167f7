"""Offers of help: helpers (volunteers, groups, services) and what each can give."""
