"""Doorstep: a resident asks, a named Local Guide answers, the clock is kept."""
