"""Tandem: the partnership platform for partner cities."""
