"""Composite-indicator engine (numpy/pandas only; never imports Django)."""
