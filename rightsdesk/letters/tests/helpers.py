"""Shared test data and small PDF readers (no database needed)."""

from __future__ import annotations

import re

FULL_CONTEXT = {
    "person_name": "María José Núñez",
    "reference": "RD-7K2M-QX",
    "date": "May 3, 2025",
    "organisation": "Delta Civil Rights Project",
    "question": "On what date did the officer take your phone?",
    "referral_name": "Magnolia Legal Aid",
    "referral_contact": "PO Box 12, Greenville, MS 38701 - (662) 555-0100",
    "reason": "We can only take cases from Hinds, Madison and Rankin counties.",
    "party_name": "Sheriff of Example County",
    "incident_summary": (
        "On April 2, 2025, deputies stopped the person's car on Highway 49 and searched it "
        "without consent or a warrant."
    ),
    "requested_action": (
        "Please explain the reason for the stop and search, and send us your policy on "
        "vehicle searches."
    ),
}

ORGANISATION_ADDRESS = ["PO Box 100", "Jackson, MS 39201", "(601) 555-0199"]
RECIPIENT = ["María José Núñez", "123 Magnolia St, Apt 4", "Clarksdale, MS 38614"]

_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def page_count(pdf: bytes) -> int:
    """Pages in a PDF: with pypdf when it is installed, else by counting page objects."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return len(_PAGE.findall(pdf))
    return len(PdfReader(io.BytesIO(pdf)).pages)


def shown_text(pdf: bytes) -> str:
    """The strings an uncompressed fpdf2 PDF draws, joined; fpdf escapes ( ) and \\ in them."""
    strings = re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", pdf)
    joined = b"\n".join(strings).replace(b"\\(", b"(").replace(b"\\)", b")")
    return joined.replace(b"\\\\", b"\\").decode("latin-1")
