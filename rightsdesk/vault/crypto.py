"""AES-GCM encryption of values and files, and keyed blind indexes, with the process's keyring.

Value tokens look like ``rd:<key version>:<base64url(nonce + ciphertext)>``; the version prefix is
what lets key rotation find rows still under an old key without decrypting anything.
Every token is bound (as associated data) to the column it belongs to, so a ciphertext copied into
another column does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import threading
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rightsdesk.vault.keyring import KeyProblem, Keyring, load_keyring

TOKEN_PREFIX = "rd:"  # noqa: S105 - a format marker, not a secret
NONCE_BYTES = 12

_lock = threading.Lock()
_keyring: Keyring | None = None


class DecryptionFailed(Exception):
    """A value or file did not decrypt: wrong key, wrong column, or tampered data."""


def keyring() -> Keyring:
    """The keyring in use, loaded once per process from settings."""
    global _keyring
    if _keyring is None:
        with _lock:
            if _keyring is None:
                from django.conf import settings

                _keyring = load_keyring(settings.KEY_FILE)
    return _keyring


def use_keyring(ring: Keyring | None) -> None:
    """Replace the process keyring (after rotation, and in tests)."""
    global _keyring
    with _lock:
        _keyring = ring


def token_version(token: str) -> int | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    version, _, _ = token[len(TOKEN_PREFIX) :].partition(":")
    return int(version) if version.isdigit() else None


def encrypt_bytes(plaintext: bytes, *, context: str, ring: Keyring | None = None) -> str:
    ring = ring or keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.current_key).encrypt(nonce, plaintext, context.encode())
    body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{TOKEN_PREFIX}{ring.current_version}:{body}"


def decrypt_bytes(token: str, *, context: str, ring: Keyring | None = None) -> bytes:
    ring = ring or keyring()
    version = token_version(token)
    if version is None:
        raise DecryptionFailed("not an encrypted value")
    key = ring.encryption_keys.get(version)
    if key is None:
        raise KeyProblem(
            f"Data is encrypted with key version {version}, which the keys in use "
            f"({ring.source}) do not contain."
        )
    try:
        raw = base64.urlsafe_b64decode(token.split(":", 2)[2])
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError, IndexError):
        raise DecryptionFailed(f"value for {context} did not decrypt") from None


def encrypt_text(plaintext: str, *, context: str, ring: Keyring | None = None) -> str:
    return encrypt_bytes(plaintext.encode("utf-8"), context=context, ring=ring)


def decrypt_text(token: str, *, context: str, ring: Keyring | None = None) -> str:
    return decrypt_bytes(token, context=context, ring=ring).decode("utf-8")


# Files: a header, then chunks each sealed on its own so a large upload never sits in memory
# whole. The chunk's index and a "last chunk" flag are authenticated, so chunks cannot be
# reordered, dropped or the file truncated without decryption failing.
FILE_MAGIC = b"RDF1"
FILE_CHUNK = 64 * 1024
_HEADER = struct.Struct(">4sI")  # magic, key version
_CHUNK_HEAD = struct.Struct(">I")  # sealed chunk length


def file_key_version(head: bytes) -> int | None:
    if len(head) < _HEADER.size:
        return None
    magic, version = _HEADER.unpack(head[: _HEADER.size])
    return version if magic == FILE_MAGIC else None


def _chunk_aad(context: str, index: int, last: bool) -> bytes:
    return f"{context}|{index}|{int(last)}".encode()


def encrypt_stream(
    source: BinaryIO, *, context: str = "file", ring: Keyring | None = None
) -> Iterator[bytes]:
    ring = ring or keyring()
    aes = AESGCM(ring.current_key)
    yield _HEADER.pack(FILE_MAGIC, ring.current_version)
    index = 0
    chunk = source.read(FILE_CHUNK)
    while True:
        following = source.read(FILE_CHUNK)
        last = not following
        nonce = os.urandom(NONCE_BYTES)
        sealed = nonce + aes.encrypt(nonce, chunk, _chunk_aad(context, index, last))
        yield _CHUNK_HEAD.pack(len(sealed)) + sealed
        if last:
            return
        chunk, index = following, index + 1


def decrypt_stream(
    source: BinaryIO, *, context: str = "file", ring: Keyring | None = None
) -> Iterator[bytes]:
    ring = ring or keyring()
    version = file_key_version(source.read(_HEADER.size))
    if version is None:
        raise DecryptionFailed("not an encrypted RightsDesk file")
    key = ring.encryption_keys.get(version)
    if key is None:
        raise KeyProblem(f"A file is encrypted with key version {version}, which is not loaded.")
    aes = AESGCM(key)
    index = 0
    head = source.read(_CHUNK_HEAD.size)
    while head:
        (length,) = _CHUNK_HEAD.unpack(head)
        sealed = source.read(length)
        if len(sealed) != length:
            raise DecryptionFailed("encrypted file is truncated")
        following = source.read(_CHUNK_HEAD.size)
        last = not following
        try:
            yield aes.decrypt(
                sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], _chunk_aad(context, index, last)
            )
        except InvalidTag:
            raise DecryptionFailed("encrypted file was altered or truncated") from None
        if last:
            return
        head, index = following, index + 1
    raise DecryptionFailed("encrypted file has no content")


# Blind indexes: a keyed HMAC of a normalised value, so equal values can be found without storing
# them. The kind ("name", "phone", "email") is part of the message so indexes never collide across
# kinds.
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalise_name(value: str) -> str:
    folded = _fold(value)
    kept = "".join(ch if ch.isalnum() else " " for ch in folded)
    return " ".join(kept.split())


def normalise_phone(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    # US numbers are written with or without the leading country code.
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def normalise_email(value: str) -> str:
    return value.strip().casefold()


NORMALISERS = {
    "name": normalise_name,
    "phone": normalise_phone,
    "email": normalise_email,
    "exact": lambda value: value.strip(),
}


def blind_index(kind: str, value: str | None, *, ring: Keyring | None = None) -> str:
    """Hex HMAC of the normalised value, or "" when there is nothing to index."""
    if value is None:
        return ""
    normalised = NORMALISERS[kind](value)
    if not normalised:
        return ""
    ring = ring or keyring()
    digest = hmac.new(ring.blind_index_key, f"{kind}\x00{normalised}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def audit_mac(message: bytes, *, ring: Keyring | None = None) -> str:
    ring = ring or keyring()
    return hmac.new(ring.audit_key, message, hashlib.sha256).hexdigest()
