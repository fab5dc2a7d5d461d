"""Fees (scratch)."""
