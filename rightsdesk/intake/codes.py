"""References and secret codes that are easy to read out over the phone: no 0/O, 1/I/L, U."""

from __future__ import annotations

import secrets

from rightsdesk.vault.crypto import blind_index

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def _groups(groups: int, size: int = 4) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def new_reference() -> str:
    return _groups(2)


def new_status_code() -> str:
    return _groups(3)


def new_resume_code() -> str:
    return _groups(4)


def normalise(code: str) -> str:
    """What the person typed, as we stored it: case, spaces and dashes do not matter."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def code_hash(purpose: str, code: str) -> str:
    """A keyed hash, so a copy of the database cannot be used to test guesses offline."""
    return blind_index("exact", f"{purpose}:{normalise(code)}")
