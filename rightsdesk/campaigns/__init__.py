"""Campaigns for local non-discrimination ordinances (first: the ordinances themselves)."""
