import base64
import io
import json
import os
import stat

import pytest

from rightsdesk.vault.crypto import (
    FILE_CHUNK,
    DecryptionFailed,
    blind_index,
    decrypt_stream,
    decrypt_text,
    encrypt_stream,
    encrypt_text,
    normalise_name,
    normalise_phone,
    token_version,
)
from rightsdesk.vault.keyring import (
    KeyProblem,
    add_encryption_key,
    create_key_file,
    keys_from_environment,
    read_key_file,
)


@pytest.fixture
def ring(tmp_path):
    return create_key_file(tmp_path / "keys.json")


def test_text_round_trips_and_hides_the_plaintext(ring):
    token = encrypt_text("María López-García", context="t.c", ring=ring)
    assert "María" not in token and "Lopez" not in token
    assert token.startswith("rd:1:")
    assert decrypt_text(token, context="t.c", ring=ring) == "María López-García"


def test_the_same_text_encrypts_differently_each_time(ring):
    assert encrypt_text("x", context="t.c", ring=ring) != encrypt_text(
        "x", context="t.c", ring=ring
    )


def test_a_value_moved_to_another_column_does_not_decrypt(ring):
    token = encrypt_text("secret", context="people.name", ring=ring)
    with pytest.raises(DecryptionFailed):
        decrypt_text(token, context="people.phone", ring=ring)


def test_a_tampered_value_does_not_decrypt(ring):
    token = encrypt_text("secret", context="t.c", ring=ring)
    prefix, body = token.rsplit(":", 1)
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[20] ^= 0x01
    flipped = f"{prefix}:{base64.urlsafe_b64encode(bytes(raw)).decode()}"
    with pytest.raises(DecryptionFailed):
        decrypt_text(flipped, context="t.c", ring=ring)


def test_a_value_under_a_key_we_do_not_hold_is_refused_clearly(ring, tmp_path):
    other = create_key_file(tmp_path / "other.json")
    token = encrypt_text("secret", context="t.c", ring=other)
    with pytest.raises(DecryptionFailed):
        decrypt_text(token, context="t.c", ring=ring)
    newer = add_encryption_key(tmp_path / "other.json")
    with pytest.raises(KeyProblem, match="key version 2"):
        decrypt_text(encrypt_text("s", context="t.c", ring=newer), context="t.c", ring=ring)


def test_token_version_reads_the_prefix():
    assert token_version("rd:12:abc") == 12
    assert token_version("plain text") is None


@pytest.mark.parametrize(
    "size", [0, 1, FILE_CHUNK - 1, FILE_CHUNK, FILE_CHUNK + 1, 3 * FILE_CHUNK + 7]
)
def test_files_round_trip_at_chunk_boundaries(ring, size):
    data = os.urandom(size)
    sealed = b"".join(encrypt_stream(io.BytesIO(data), ring=ring))
    assert b"".join(decrypt_stream(io.BytesIO(sealed), ring=ring)) == data


def test_a_truncated_file_is_detected(ring):
    data = b"A" * (3 * FILE_CHUNK)
    pieces = list(encrypt_stream(io.BytesIO(data), ring=ring))
    truncated = b"".join(pieces[:-1])  # drop the last chunk: the file looks complete but is not
    with pytest.raises(DecryptionFailed):
        b"".join(decrypt_stream(io.BytesIO(truncated), ring=ring))


def test_reordered_chunks_are_detected(ring):
    pieces = list(
        encrypt_stream(io.BytesIO(b"A" * FILE_CHUNK + b"B" * FILE_CHUNK + b"C"), ring=ring)
    )
    swapped = pieces[0] + pieces[2] + pieces[1] + pieces[3]
    with pytest.raises(DecryptionFailed):
        b"".join(decrypt_stream(io.BytesIO(swapped), ring=ring))


def test_the_key_file_is_private_and_never_overwritten(tmp_path):
    path = tmp_path / "k" / "keys.json"
    create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(KeyProblem, match="already exists"):
        create_key_file(path)


def test_a_damaged_key_file_is_refused_with_a_sentence(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text("{not json")
    with pytest.raises(KeyProblem, match="damaged or not a RightsDesk key file"):
        read_key_file(path)
    path.write_text(json.dumps({"encryption_keys": {"1": "short"}}))
    with pytest.raises(KeyProblem):
        read_key_file(path)


def test_a_missing_key_file_says_how_to_fix_it(tmp_path):
    with pytest.raises(KeyProblem, match="Restore it from your key backup"):
        read_key_file(tmp_path / "nowhere.json")


def test_adding_a_key_keeps_the_old_ones(tmp_path):
    path = tmp_path / "keys.json"
    first = create_key_file(path)
    second = add_encryption_key(path)
    assert second.current_version == 2
    assert second.encryption_keys[1] == first.encryption_keys[1]
    assert read_key_file(path).rotation_unfinished is True


def test_keys_can_come_from_the_environment(ring):
    b64 = lambda raw: base64.b64encode(raw).decode()  # noqa: E731
    env = {
        "RIGHTSDESK_ENCRYPTION_KEYS": f"1:{b64(ring.encryption_keys[1])},3:{b64(os.urandom(32))}",
        "RIGHTSDESK_BLIND_INDEX_KEY": b64(ring.blind_index_key),
        "RIGHTSDESK_AUDIT_KEY": b64(ring.audit_key),
        "RIGHTSDESK_SECRET_KEY": "x" * 50,
    }
    from_env = keys_from_environment(env)
    assert from_env.current_version == 3
    assert from_env.encryption_keys[1] == ring.encryption_keys[1]
    del env["RIGHTSDESK_AUDIT_KEY"]
    with pytest.raises(KeyProblem, match="RIGHTSDESK_AUDIT_KEY must be set"):
        keys_from_environment(env)


def test_names_normalise_across_accents_case_and_punctuation():
    assert normalise_name("  María  LÓPEZ-García ") == normalise_name("maria lopez garcia")


def test_phone_numbers_normalise_across_formats():
    assert normalise_phone("(601) 555-0123") == normalise_phone("+1 601.555.0123") == "6015550123"


def test_blind_indexes_match_variants_but_not_other_values_or_kinds(ring):
    assert blind_index("name", "José Pérez", ring=ring) == blind_index(
        "name", "JOSE PEREZ", ring=ring
    )
    assert blind_index("name", "José Pérez", ring=ring) != blind_index(
        "name", "José Péres", ring=ring
    )
    assert blind_index("name", "6015550123", ring=ring) != blind_index(
        "phone", "6015550123", ring=ring
    )
    assert blind_index("email", "  ", ring=ring) == ""


def test_blind_indexes_depend_on_the_key(ring, tmp_path):
    other = create_key_file(tmp_path / "other.json")
    assert blind_index("name", "Ana", ring=ring) != blind_index("name", "Ana", ring=other)
