"""The backup file format on its own: round trip, and every way a file can be wrong is refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rightsdesk.backups.archive import (
    MAGIC,
    BackupRefused,
    Member,
    read_archive,
    seal,
    write_archive,
)
from rightsdesk.backups.services import (
    backup_file_name,
    backup_stamp,
    backup_verify,
    backups_prune,
    retention_keep,
)
from rightsdesk.vault.crypto import FILE_CHUNK
from rightsdesk.vault.keyring import Keyring, new_key

SECRET_MARKER = b"Maria Example, 12 Hidden Road, Jackson"


def _ring(keys: dict[int, bytes] | None = None, current: int | None = None) -> Keyring:
    keys = keys or {1: new_key()}
    return Keyring(
        encryption_keys=keys,
        current_version=current or max(keys),
        blind_index_key=new_key(),
        audit_key=new_key(),
        source="test",
    )


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, bytes]:
    # Over three of the vault's chunks in all, so chunk order and truncation matter.
    contents = {
        "database/rightsdesk.sqlite3": SECRET_MARKER + os.urandom(3 * FILE_CHUNK),
        "files/complaints/aa.rdf": os.urandom(1000),
        "files/empty.rdf": b"",
    }
    for name, data in contents.items():
        path = tmp_path / "src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return contents


def _write(tmp_path: Path, contents: dict[str, bytes], ring: Keyring) -> Path:
    target = tmp_path / "out" / "b.rdbackup"
    members = [Member(name, tmp_path / "src" / name) for name in contents]
    write_archive(target, members, {"format": 1, "key_versions": [1]}, ring)
    return target


def test_round_trip_extracts_every_member_and_the_manifest_lists_them(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    assert archive.stat().st_mode & 0o777 == 0o600
    opened = read_archive(archive, ring, extract_to=tmp_path / "restored")
    assert opened.key_version == 1
    for name, data in sources.items():
        assert (tmp_path / "restored" / name).read_bytes() == data
    assert opened.manifest.members == [
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sources.items()
    ]
    assert opened.manifest.key_versions == [1]


def test_a_stolen_backup_reveals_nothing(tmp_path, sources):
    raw = _write(tmp_path, sources, _ring()).read_bytes()
    assert SECRET_MARKER not in raw and b"sqlite" not in raw.lower()
    assert b"manifest" not in raw and b"complaints" not in raw


def test_an_existing_file_is_never_overwritten(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    with pytest.raises(FileExistsError):
        _write(tmp_path, sources, ring)
    assert read_archive(archive, ring).members


@pytest.mark.parametrize("where", ["magic", "header", "first chunk", "middle", "last byte"])
def test_a_changed_byte_is_refused(tmp_path, sources, where):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    raw = bytearray(archive.read_bytes())
    header_length = struct.unpack(">I", raw[8:12])[0]
    offset = {
        "magic": 0,
        "header": 12 + header_length - 3,
        "first chunk": 12 + header_length + 40,
        "middle": len(raw) // 2,
        "last byte": len(raw) - 1,
    }[where]
    raw[offset] ^= 0x01
    archive.write_bytes(bytes(raw))
    with pytest.raises(BackupRefused):
        read_archive(archive, ring, extract_to=tmp_path / "restored")


def _chunk_offsets(raw: bytes) -> list[tuple[int, int]]:
    header_length = struct.unpack(">I", raw[8:12])[0]
    at = 12 + header_length + 8  # the vault's own header: magic and key version
    chunks = []
    while at < len(raw):
        (length,) = struct.unpack(">I", raw[at : at + 4])
        chunks.append((at, 4 + length))
        at += 4 + length
    return chunks


def test_a_truncated_backup_is_refused_even_at_a_chunk_boundary(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    raw = archive.read_bytes()
    chunks = _chunk_offsets(raw)
    assert len(chunks) >= 3
    for length in (10, len(raw) // 2, len(raw) - 1, chunks[-1][0], chunks[1][0]):
        archive.write_bytes(raw[:length])
        with pytest.raises(BackupRefused):
            read_archive(archive, ring)


def test_reordered_chunks_are_refused(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    raw = archive.read_bytes()
    (a_at, a_len), (b_at, b_len) = _chunk_offsets(raw)[:2]
    swapped = raw[:a_at] + raw[b_at : b_at + b_len] + raw[a_at : a_at + a_len] + raw[b_at + b_len :]
    archive.write_bytes(swapped)
    with pytest.raises(BackupRefused):
        read_archive(archive, ring)


def test_the_wrong_key_or_a_missing_key_version_is_refused(tmp_path, sources):
    archive = _write(tmp_path, sources, _ring({1: new_key()}))
    with pytest.raises(BackupRefused, match="different key file"):
        read_archive(archive, _ring({1: new_key()}))
    with pytest.raises(BackupRefused, match="key version 1"):
        read_archive(archive, _ring({2: new_key()}))


def test_a_backup_is_sealed_with_the_current_key_and_opens_after_rotation(tmp_path, sources):
    old, new = new_key(), new_key()
    archive = _write(tmp_path, sources, _ring({1: old, 2: new}))
    assert read_archive(archive, _ring({1: old, 2: new, 3: new_key()})).key_version == 2


def _sealed_tar(tmp_path: Path, ring: Keyring, members: dict[str, bytes], manifest: dict) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [*members.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = tmp_path / "crafted.rdbackup"
    with open(target, "wb") as out:
        seal(iter([buffer.getvalue()]), out, ring)
    return target


def test_a_member_that_does_not_match_the_manifest_is_refused(tmp_path):
    ring = _ring()
    data = b"the real contents"
    good = {"path": "files/a.rdf", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    honest = _sealed_tar(tmp_path, ring, {"files/a.rdf": data}, {"members": [good]})
    assert read_archive(honest, ring).members == [good]

    lying = {**good, "sha256": hashlib.sha256(b"something else").hexdigest()}
    archive = _sealed_tar(tmp_path, ring, {"files/a.rdf": data}, {"members": [lying]})
    with pytest.raises(BackupRefused, match="does not match its manifest"):
        read_archive(archive, ring)
    unlisted = _sealed_tar(tmp_path, ring, {"files/a.rdf": data}, {"members": []})
    with pytest.raises(BackupRefused, match="does not match its manifest"):
        read_archive(unlisted, ring)
    missing = _sealed_tar(tmp_path, ring, {}, {"members": [good]})
    with pytest.raises(BackupRefused, match="does not match its manifest"):
        read_archive(missing, ring)


def test_unsafe_paths_and_a_missing_manifest_are_refused(tmp_path):
    ring = _ring()
    escape = _sealed_tar(tmp_path, ring, {"../outside": b"x"}, {"members": []})
    with pytest.raises(BackupRefused, match="unsafe path"):
        read_archive(escape, ring, extract_to=tmp_path / "restored")
    assert not (tmp_path / "outside").exists()

    target = tmp_path / "bare.rdbackup"
    with open(target, "wb") as out:
        seal(iter([b"\0" * 1024]), out, ring)
    with pytest.raises(BackupRefused, match="no manifest"):
        read_archive(target, ring)


def test_not_a_backup_is_refused(tmp_path):
    other = tmp_path / "other.rdbackup"
    other.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(BackupRefused, match="not a RightsDesk backup"):
        read_archive(other, _ring())
    assert MAGIC == b"RDBACKUP"


def test_verify_refuses_a_backup_whose_data_needs_a_key_version_not_in_the_key_file(
    tmp_path, sources
):
    key = new_key()
    target = tmp_path / "needs-old-key.rdbackup"
    members = [Member(name, tmp_path / "src" / name) for name in sources]
    write_archive(target, members, {"format": 1, "key_versions": [1, 2]}, _ring({2: key}))
    with pytest.raises(BackupRefused, match=r"key version\(s\) \[1\]"):
        backup_verify(target, _ring({2: key}))


def _at(days_ago: float, hour: int = 8) -> datetime:
    base = datetime(2025, 3, 31, hour, 40, tzinfo=UTC)  # a Monday
    return base - timedelta(days=days_ago)


def test_retention_keeps_the_newest_of_7_days_and_4_weeks():
    # Daily backups for 60 days, and a second one on the newest day.
    stamps = [_at(day) for day in range(60)] + [_at(0, hour=20)]
    kept = retention_keep(stamps)
    daily = {_at(0, hour=20)} | {_at(day) for day in range(1, 7)}
    # The newest of each ISO week: this Monday's (already daily), then the Sundays before it.
    weekly = {_at(0, hour=20), _at(1), _at(8), _at(15)}
    assert kept == daily | weekly
    assert len(kept) == 9


def test_retention_counts_days_that_have_a_backup_not_calendar_days():
    stamps = [_at(0), _at(10), _at(30), _at(31)]
    assert retention_keep(stamps) == set(stamps)
    assert retention_keep(stamps, daily=2, weekly=1) == {_at(0), _at(10)}


def test_pruning_deletes_only_old_scheduled_backups(tmp_path):
    stamps = [_at(day) for day in range(20)]
    for stamp in stamps:
        (tmp_path / backup_file_name(stamp)).write_bytes(b"x")
    (tmp_path / "before-the-upgrade.rdbackup").write_bytes(b"kept: not a scheduled name")
    removed = backups_prune(tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert "before-the-upgrade.rdbackup" in left
    kept = {backup_stamp(name) for name in left} - {None}
    assert kept == retention_keep(stamps)
    assert len(removed) == 20 - len(kept)
    assert backup_stamp("rightsdesk-20250331T084000Z.rdbackup") == _at(0)


def test_a_rewritten_header_that_means_the_same_is_refused(tmp_path, sources):
    # Same key version and salt, so the same body key: only the header's binding into every
    # chunk's associated data can tell.
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    raw = archive.read_bytes()
    length = struct.unpack(">I", raw[8:12])[0]
    header = json.loads(raw[12 : 12 + length])
    forged = json.dumps({**header, "note": "x"}).encode()
    archive.write_bytes(MAGIC + struct.pack(">I", len(forged)) + forged + raw[12 + length :])
    with pytest.raises(BackupRefused, match="does not open"):
        read_archive(archive, ring)


def test_damage_in_the_body_framing_is_refused_not_a_crash(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    raw = archive.read_bytes()
    body = 12 + struct.unpack(">I", raw[8:12])[0]
    second = _chunk_offsets(raw)[1][0]
    inner_version = bytearray(raw)
    inner_version[body + 7] ^= 0x01
    huge_length = bytearray(raw)
    huge_length[body + 8] ^= 0x80
    for damaged in (
        bytes(inner_version),  # the vault header inside the body names another key version
        raw[: second + 2],  # cut inside a chunk's length field
        raw + b"\0\0\0\0",  # extended by an empty chunk
        raw + raw[second : _chunk_offsets(raw)[2][0]],  # extended by a copy of a chunk
    ):
        archive.write_bytes(damaged)
        with pytest.raises(BackupRefused):
            read_archive(archive, ring, extract_to=tmp_path / f"r{len(damaged)}")
    # A chunk length of 2 GiB is refused before anything tries to read (and allocate) it.
    archive.write_bytes(bytes(huge_length))
    with pytest.raises(BackupRefused, match="chunk length is impossible"):
        read_archive(archive, ring)


def _crafted(tmp_path: Path, ring: Keyring, infos: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in infos:
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    target = tmp_path / "crafted-links.rdbackup"
    target.unlink(missing_ok=True)
    with open(target, "wb") as out:
        seal(iter([buffer.getvalue()]), out, ring)
    return target


def _info(name: str, kind: bytes = tarfile.REGTYPE, link: str = "", size: int = 0):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, link, size
    return info


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (_info("files/a.rdf", tarfile.SYMTYPE, "/etc/passwd"), "not a plain file"),
        (_info("files/a.rdf", tarfile.LNKTYPE, "database/x"), "not a plain file"),
        (_info("files/dev", tarfile.CHRTYPE), "not a plain file"),
        (_info("files", tarfile.DIRTYPE), "not a plain file"),
        (_info("/etc/absolute.rdf"), "unsafe path"),
        (_info("files/../../a.rdf"), "unsafe path"),
    ],
)
def test_links_devices_folders_and_odd_paths_are_refused(tmp_path, member, message):
    ring = _ring()
    archive = _crafted(tmp_path, ring, [(member, b"")])
    with pytest.raises(BackupRefused, match=message):
        read_archive(archive, ring, extract_to=tmp_path / "restored")
    assert not (tmp_path / "restored" / "files" / "a.rdf").exists()


def test_a_member_twice_or_after_the_manifest_is_refused(tmp_path):
    ring = _ring()
    manifest = json.dumps({"members": []}).encode()
    twice = [(_info("files/a", size=1), b"x"), (_info("files/a", size=1), b"y")]
    with pytest.raises(BackupRefused, match="twice"):
        read_archive(_crafted(tmp_path, ring, twice), ring)
    after = [(_info("manifest.json", size=len(manifest)), manifest), (_info("files/b"), b"")]
    with pytest.raises(BackupRefused, match="after its manifest"):
        read_archive(_crafted(tmp_path, ring, after), ring)
    nested = [(_info("files/a", size=1), b"x"), (_info("files/a/b", size=1), b"y")]
    with pytest.raises(BackupRefused, match="already is"):
        read_archive(_crafted(tmp_path, ring, nested), ring, extract_to=tmp_path / "restored")


def test_extracted_members_are_private(tmp_path, sources):
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    restored = tmp_path / "restored"
    read_archive(archive, ring, extract_to=restored)
    assert (restored / "files" / "complaints").stat().st_mode & 0o777 == 0o700
    assert (restored / "files" / "complaints" / "aa.rdf").stat().st_mode & 0o777 == 0o600


def test_a_file_system_without_hard_links_still_gets_the_backup(tmp_path, sources, monkeypatch):
    import errno

    def refuse(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    ring = _ring()
    archive = _write(tmp_path, sources, ring)
    assert read_archive(archive, ring).members
    assert [p.name for p in archive.parent.iterdir()] == [archive.name]
    with pytest.raises(FileExistsError):
        _write(tmp_path, sources, ring)


def _sealed_bytes(tmp_path: Path, ring: Keyring, plaintext: bytes) -> Path:
    target = tmp_path / "tail.rdbackup"
    target.unlink(missing_ok=True)
    with open(target, "wb") as out:
        seal(iter([plaintext]), out, ring)
    return target


def test_reading_goes_on_past_the_tar_to_the_last_chunk(tmp_path):
    # The tar ends in the first chunk; only reading to the end finds the later chunks missing,
    # or something other than zeros after the tar's end.
    ring = _ring()
    buffer = io.BytesIO()
    manifest = json.dumps({"members": []}).encode()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    tar_bytes = buffer.getvalue()
    assert len(tar_bytes) < FILE_CHUNK
    padded = _sealed_bytes(tmp_path, ring, tar_bytes + b"\0" * (3 * FILE_CHUNK))
    assert read_archive(padded, ring).members == []
    raw = padded.read_bytes()
    padded.write_bytes(raw[: _chunk_offsets(raw)[-1][0]])
    with pytest.raises(BackupRefused, match="does not open"):
        read_archive(padded, ring)

    smuggled = _sealed_bytes(tmp_path, ring, tar_bytes + b"\0" * FILE_CHUNK + b"hidden")
    with pytest.raises(BackupRefused, match="data after its end"):
        read_archive(smuggled, ring)
