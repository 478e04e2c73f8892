"""Checks for files people add to the public complaint form, and location-free picture copies.

Pure functions: no database, no storage. The type of a file is decided from its content, never
from its name or the browser's content type, because a renamed web page or program must not be
stored (and later served) as a "PDF". Every refusal carries a kind, plain-language message that
never blames the person and always suggests another way (usually: take a photo of the paper).

Nothing here logs. File names can identify a person, so ``UploadRefused.args`` holds only a short
code; log ``refusal.code``, never ``str(refusal)``.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any, Final

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_lazy
from PIL import Image, ImageOps

MiB: Final = 1024 * 1024
MAX_FILE_BYTES: Final = 10 * MiB
MAX_FILES: Final = 20
MAX_TOTAL_BYTES: Final = 50 * MiB

KINDS: Final = ("pdf", "jpeg", "png", "heic", "docx", "txt")
CONTENT_TYPES: Final = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "heic": "image/heic",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
EXTENSIONS: Final = {
    "pdf": ".pdf",
    "jpeg": ".jpg",
    "png": ".png",
    "heic": ".heic",
    "docx": ".docx",
    "txt": ".txt",
}
PICTURE_KINDS: Final = frozenset({"jpeg", "png", "heic"})

# How much of the start and end of a file the type checks look at.
_HEAD_BYTES = 8192
_TAIL_BYTES = 1024  # PDF readers look for %%EOF in the last 1024 bytes.
_PDF_HEADER_WINDOW = 1024  # ...and for %PDF- in the first 1024.
_MARKUP_WINDOW = 4096

# Word documents are ZIP archives; these limits refuse zip bombs and oddities without extracting.
_ZIP_MAX_MEMBERS = 1000
_ZIP_MAX_TOTAL_UNCOMPRESSED = 100 * MiB
_ZIP_MAX_RATIO = 100
_ZIP_RATIO_APPLIES_ABOVE = 1 * MiB
# The central directory is parsed into Python objects before members can be counted, so its size
# is bounded first: 1000 honest entries with long names fit easily in 1 MB.
_ZIP_MAX_CENTRAL_DIRECTORY = 1 * MiB
# The only member ever decompressed, and never more than this much of it.
_ZIP_CONTENT_TYPES_READ_LIMIT = 256 * 1024

_DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCM_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"

_HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"})
# mif1 is shared with AVIF, which is not a type we take (and may not decode here).
_HEVC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"heim", b"heis"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})

_PIL_FORMATS: Final = {"jpeg": "JPEG", "png": "PNG", "heic": "HEIF"}
# Picture details that are about colour and shape, not about the person or the place.
_KEPT_PICTURE_INFO = ("icc_profile", "transparency", "dpi")
_JPEG_QUALITY = 90
_HEIC_QUALITY = 90

# Control bytes that do not occur in ordinary text (tab, newlines, form feed, vertical tab and
# the old DOS end-of-file mark are allowed).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.01
_MARKUP_TAG = re.compile(
    r"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|frame|frameset|object|embed|"
    r"meta|style|link|base|form|img|math)\b",
    re.IGNORECASE,
)
_OVERRIDE_TAG = re.compile(r"<(?:\w+:)?Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(PartName|ContentType)\s*=\s*(?:"([^"]*)"|'([^']*)')""")

_NAME_FOR_MESSAGE_CHARS = 60
_SAFE_NAME_CHARS = 120
# Characters that are path separators or forbidden in file names on Windows, for exports.
_UNSAFE_NAME_CHARS = re.compile(r'[/\\:*?"<>|]')
_OLD_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


# ---------------------------------------------------------------------------------------------
# Messages


def _interpolate(template: str | Promise, params: dict[str, Any]) -> str:
    # Evaluated when the message is shown, so it follows the language active at that moment.
    return str(template) % {key: str(value) for key, value in params.items()}


_lazy_interpolate = lazy(_interpolate, str)
_lazy_filesizeformat = lazy(filesizeformat, str)


def _megabytes(count: int) -> str:
    return gettext("%(count)s MB") % {"count": count // MiB}


_lazy_megabytes = lazy(_megabytes, str)

_MESSAGES: Final = {
    "too_many_files": gettext_lazy(
        "We cannot add “%(name)s”: you have already added %(count)s files, which is the most we "
        "can take. If you have more papers, you could put several pages into one PDF, or tell us "
        "about them in your message."
    ),
    "too_big": gettext_lazy(
        "“%(name)s” is %(size)s; the most we can take is %(limit)s a file. You could take photos "
        "of the most important pages instead, or send them as a smaller PDF."
    ),
    "too_big_unknown": gettext_lazy(
        "“%(name)s” is more than %(limit)s, which is the most we can take for one file. You could "
        "take photos of the most important pages instead, or send them as a smaller PDF."
    ),
    "over_total": gettext_lazy(
        "Adding “%(name)s” would take your files over %(limit)s in all, which is the most we can "
        "take. You could leave out a large file, or take photos of the pages instead: photos are "
        "usually smaller."
    ),
    "empty": gettext_lazy(
        "“%(name)s” is empty, so there is nothing in it for us to read. You could try choosing it "
        "again, or take a photo of the paper instead."
    ),
    "unsupported": gettext_lazy(
        "We cannot accept “%(name)s”: it is not one of the file types we take (PDF, JPEG, PNG, "
        "HEIC, Word or text). You can take a photo of the paper instead."
    ),
    "incomplete_pdf": gettext_lazy(
        "“%(name)s” looks like a PDF, but it seems to be incomplete, perhaps because it did not "
        "finish downloading. You could try saving it again, or take photos of the pages instead."
    ),
    "bad_picture": gettext_lazy(
        "We could not open “%(name)s” as a picture; it may have been damaged on the way. You could "
        "try adding it again, or take the photo again."
    ),
    "huge_picture": gettext_lazy(
        "“%(name)s” is a picture with more pixels than we can handle. You could take the photo "
        "again with the camera's usual settings, or send a screenshot of it."
    ),
    "web_page": gettext_lazy(
        "We cannot accept “%(name)s”: it looks like a web page or computer code rather than plain "
        "text. You could print it to PDF, or take a photo or screenshot of it instead."
    ),
    "password": gettext_lazy(
        "We cannot open “%(name)s” because it is protected with a password. You could save a copy "
        "without the password, or print it to PDF."
    ),
    "macros": gettext_lazy(
        "We cannot accept “%(name)s” because it is a Word file with macros (small programs inside "
        "it). You could save it as an ordinary Word document or as a PDF, or take photos of the "
        "pages."
    ),
    "bad_docx": gettext_lazy(
        "We could not safely open “%(name)s” as a Word document. You could save it again from "
        "Word, print it to PDF, or take photos of the pages instead."
    ),
    # Not a refusal of the file: our disk is full. Said so, so no one blames their file.
    "storage_full": gettext_lazy(
        "We could not keep “%(name)s” because our storage is full just now. This is a problem "
        "on our side, not with your file. What you have written is saved; please try adding the "
        "file again later."
    ),
}


def limits_text() -> str:
    """One translated sentence for the upload form stating what it takes."""
    return gettext(
        "You can add up to %(files)s files, %(per_file)s each and %(total)s in all: PDF, JPEG, "
        "PNG, HEIC, Word (.docx) or plain text (.txt)."
    ) % {
        "files": MAX_FILES,
        "per_file": _megabytes(MAX_FILE_BYTES),
        "total": _megabytes(MAX_TOTAL_BYTES),
    }


class UploadRefused(Exception):
    """A file the form cannot take, with a message to show the person who sent it.

    ``message`` (and ``str(refusal)``) is a lazy translated string including the file name, so
    templates must escape it (they do by default) and logs must not carry it. ``code`` and
    ``args`` are short codes such as ``"too_big"`` that are safe to log.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message: str = _lazy_interpolate(_MESSAGES[code], params)

    def __str__(self) -> str:
        return str(self.message)


class LocationNotRemoved(Exception):
    """A picture copy could not be re-encoded, so it must not be shown or exported at all."""


# ---------------------------------------------------------------------------------------------
# Names


def _clean_name(raw: str | None) -> str:
    # Browsers on old Windows send whole paths; control and bidirectional formatting characters
    # (such as U+202E, which can make "gpj.exe" display as "exe.jpg") are dropped.
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    return " ".join(name.split())


def name_for_message(raw: str | None) -> str:
    """The file name as shown back in a message: cleaned and cut to about 60 characters.

    The middle is cut, so the person still sees how the name starts and ends.
    """
    name = _clean_name(raw) or gettext("untitled")
    if len(name) <= _NAME_FOR_MESSAGE_CHARS:
        return name
    tail = 15
    return name[: _NAME_FOR_MESSAGE_CHARS - tail - 1] + "…" + name[-tail:]


def safe_display_name(raw: str | None, kind: str) -> str:
    """A display name: basename only, no control characters, at most 120 characters, and the
    extension of the detected type (so "letter.pdf" that is really a photo becomes "letter.jpg")."""
    name = _UNSAFE_NAME_CHARS.sub("_", _clean_name(raw))
    # Leading dots would hide the file on Unix; trailing ones confuse Windows.
    stem = _OLD_EXTENSION.sub("", name).strip(" .") or "document"
    extension = EXTENSIONS[kind]
    return stem[: _SAFE_NAME_CHARS - len(extension)].rstrip(" .") + extension


# ---------------------------------------------------------------------------------------------
# Checking an upload


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # one of KINDS
    content_type: str  # the canonical MIME type for kind, to serve it with
    size: int  # bytes actually read
    safe_name: str  # for display only; storage names are random


@dataclass
class _Scan:
    """What one streaming pass over the upload learnt, without keeping the whole file."""

    size: int = 0
    head: bytes = b""
    tail: bytes = b""
    text_possible: bool = True
    utf8: bool = True
    cp1252: bool = True
    control_bytes: int = 0


def check_upload(upload: UploadedFile, *, files_so_far: int, bytes_so_far: int) -> CheckedUpload:
    """Decide whether the complaint form can take ``upload``, from its content alone.

    ``files_so_far`` and ``bytes_so_far`` describe the files already accepted for this complaint.
    Raises UploadRefused with a message for the person. The upload is left at position 0.
    """
    name = name_for_message(upload.name)
    try:
        if files_so_far >= MAX_FILES:
            raise UploadRefused("too_many_files", name=name, count=MAX_FILES)
        # Django measured the upload as it arrived; refuse before reading when it is clearly over.
        declared = upload.size if isinstance(upload.size, int) else None
        if declared is not None:
            _check_sizes(name, declared, bytes_so_far, declared=True)
        scan = _scan(upload, name, bytes_so_far)
        if scan.size == 0:
            raise UploadRefused("empty", name=name)
        kind = _detect(upload, scan, name)
    finally:
        upload.seek(0)
    return CheckedUpload(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=scan.size,
        safe_name=safe_display_name(upload.name, kind),
    )


def _check_sizes(name: str, size: int, bytes_so_far: int, *, declared: bool) -> None:
    if size > MAX_FILE_BYTES:
        if declared:
            raise UploadRefused(
                "too_big",
                name=name,
                size=_lazy_filesizeformat(size),
                limit=_lazy_megabytes(MAX_FILE_BYTES),
            )
        # Part-way through reading we do not know (or want to learn) the real size.
        raise UploadRefused("too_big_unknown", name=name, limit=_lazy_megabytes(MAX_FILE_BYTES))
    if bytes_so_far + size > MAX_TOTAL_BYTES:
        raise UploadRefused("over_total", name=name, limit=_lazy_megabytes(MAX_TOTAL_BYTES))


def _scan(upload: UploadedFile, name: str, bytes_so_far: int) -> _Scan:
    # One pass in chunks: sizes are checked as bytes arrive, so an oversized or lying upload is
    # refused without reading it all, and text checks run without holding the text in memory.
    scan = _Scan()
    utf8_decoder = codecs.getincrementaldecoder("utf-8")("strict")
    for chunk in upload.chunks():
        scan.size += len(chunk)
        _check_sizes(name, scan.size, bytes_so_far, declared=False)
        if len(scan.head) < _HEAD_BYTES:
            scan.head += chunk[: _HEAD_BYTES - len(scan.head)]
        scan.tail = (scan.tail + chunk)[-_TAIL_BYTES:]
        if scan.text_possible:
            _scan_text(scan, chunk, utf8_decoder)
    if scan.text_possible and scan.utf8:
        try:
            utf8_decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.utf8 = False
            scan.text_possible = scan.cp1252
    return scan


def _scan_text(scan: _Scan, chunk: bytes, utf8_decoder: codecs.IncrementalDecoder) -> None:
    if b"\x00" in chunk:
        scan.text_possible = False
        return
    scan.control_bytes += len(chunk) - len(chunk.translate(None, _CONTROL_BYTES))
    if scan.utf8:
        try:
            utf8_decoder.decode(chunk)
        except UnicodeDecodeError:
            scan.utf8 = False
    if scan.cp1252:
        # A single-byte code, so chunk boundaries cannot split a character.
        try:
            chunk.decode("cp1252")
        except UnicodeDecodeError:
            scan.cp1252 = False
    scan.text_possible = scan.utf8 or scan.cp1252


def _detect(upload: UploadedFile, scan: _Scan, name: str) -> str:
    head = scan.head
    pdf_at = head.find(b"%PDF-", 0, _PDF_HEADER_WINDOW)
    if pdf_at >= 0:
        # Readers accept junk before the header; a web page posing as that junk is refused.
        if pdf_at and _looks_like_markup(head[:pdf_at].decode("latin-1")):
            raise UploadRefused("unsupported", name=name)
        if b"%%EOF" not in scan.tail:
            raise UploadRefused("incomplete_pdf", name=name)
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return _check_picture(upload, "jpeg", name)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _check_picture(upload, "png", name)
    if _is_heic(head):
        return _check_picture(upload, "heic", name)
    if head.startswith(b"PK\x03\x04"):
        _check_docx(upload, scan.size, name)
        return "docx"
    return _check_text(scan, name)


def _is_heic(head: bytes) -> bool:
    # An ISO base media file starts with an ftyp box: size, "ftyp", major brand, minor version,
    # then compatible brands, four bytes each.
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    box_size = struct.unpack(">I", head[:4])[0]
    if box_size < 16 or box_size > len(head) or box_size % 4:
        return False
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, box_size, 4)}
    if not brands & _HEIC_BRANDS:
        return False
    return not (brands & _AVIF_BRANDS and not brands & _HEVC_BRANDS)


@functools.cache
def _enable_heif() -> None:
    # Registers the HEIF reader and writer with Pillow once, on first use.
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _check_picture(upload: UploadedFile, kind: str, name: str) -> str:
    # Reads only the picture's header: a file that merely starts with the right bytes, or that
    # would unpack into billions of pixels, is refused before anyone tries to show it.
    if kind == "heic":
        _enable_heif()
    upload.seek(0)
    try:
        with Image.open(upload, formats=[_PIL_FORMATS[kind]]) as picture:
            width, height = picture.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRefused("huge_picture", name=name) from exc
    except Exception as exc:  # Pillow raises many types on malformed input; all mean "damaged".
        raise UploadRefused("bad_picture", name=name) from exc
    limit = Image.MAX_IMAGE_PIXELS
    if limit and width * height > limit:
        raise UploadRefused("huge_picture", name=name)
    return kind


def _check_docx(upload: UploadedFile, size: int, name: str) -> None:
    # Nothing is extracted: the decision rests on the archive's directory, plus a bounded read of
    # the small [Content_Types].xml member.
    upload.seek(0)
    directory_size = _zip_central_directory_size(upload, size)
    if directory_size is None or directory_size > _ZIP_MAX_CENTRAL_DIRECTORY:
        raise UploadRefused("bad_docx", name=name)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            _check_zip_members(members, name)
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                raise UploadRefused("unsupported", name=name)
            with archive.open("[Content_Types].xml") as member:
                content_types = member.read(_ZIP_CONTENT_TYPES_READ_LIMIT + 1)
    except UploadRefused:
        raise
    except Exception as exc:  # zipfile raises many types on damaged or hostile archives.
        raise UploadRefused("bad_docx", name=name) from exc
    if len(content_types) > _ZIP_CONTENT_TYPES_READ_LIMIT:
        raise UploadRefused("bad_docx", name=name)
    main_parts = _overrides(content_types.decode("utf-8", "replace"))
    if any(content_type == _DOCM_MAIN_TYPE for content_type in main_parts.values()):
        raise UploadRefused("macros", name=name)
    # Usually word/document.xml; Word Online writes word/document2.xml, so the part is looked up
    # in [Content_Types].xml rather than assumed.
    documents = [
        part for part, content_type in main_parts.items() if content_type == _DOCX_MAIN_TYPE
    ]
    if not documents or not all(part.lstrip("/") in names for part in documents):
        raise UploadRefused("unsupported", name=name)


def _check_zip_members(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > _ZIP_MAX_MEMBERS:
        raise UploadRefused("bad_docx", name=name)
    seen: set[str] = set()
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadRefused("password", name=name)
        filename = member.filename
        if (
            filename in seen
            or filename.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", filename)
            or ".." in re.split(r"[/\\]", filename)
            or "\x00" in filename
        ):
            raise UploadRefused("bad_docx", name=name)
        seen.add(filename)
        if filename.lower().rsplit("/", 1)[-1] == "vbaproject.bin":
            raise UploadRefused("macros", name=name)
        total += member.file_size
        if total > _ZIP_MAX_TOTAL_UNCOMPRESSED:
            raise UploadRefused("bad_docx", name=name)
        if member.file_size > _ZIP_RATIO_APPLIES_ABOVE and (
            member.file_size > _ZIP_MAX_RATIO * max(member.compress_size, 1)
        ):
            raise UploadRefused("bad_docx", name=name)


def _zip_central_directory_size(fp: IO[bytes] | UploadedFile, size: int) -> int | None:
    """The size the archive's end record gives its central directory (None if there is none).

    zipfile reads the whole directory into objects before members can be counted; bounding it
    first keeps a 10 MB archive of empty entries from costing hundreds of megabytes.
    """
    window = min(size, 22 + 65535 + 20)  # end record + longest comment + ZIP64 locator
    fp.seek(size - window)
    data = fp.read(window)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) - at < 22:
        return None
    directory_size: int = struct.unpack("<I", data[at + 12 : at + 16])[0]
    locator = at - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        # A ZIP64 archive: zipfile takes the directory size from the ZIP64 end record instead.
        record_at = struct.unpack("<Q", data[locator + 8 : locator + 16])[0]
        if record_at > size - 56:
            return None
        fp.seek(record_at)
        record = fp.read(56)
        if len(record) < 56 or record[:4] != b"PK\x06\x06":
            return None
        directory_size = max(directory_size, struct.unpack("<Q", record[40:48])[0])
    return directory_size


def _overrides(content_types: str) -> dict[str, str]:
    # A regular expression rather than an XML parser: the input is hostile and only two
    # attributes of one element matter.
    parts: dict[str, str] = {}
    for tag in _OVERRIDE_TAG.findall(content_types):
        attributes = {key: double or single for key, double, single in _ATTRIBUTE.findall(tag)}
        if "PartName" in attributes and "ContentType" in attributes:
            parts[attributes["PartName"]] = attributes["ContentType"].strip()
    return parts


def _check_text(scan: _Scan, name: str) -> str:
    if not scan.text_possible or scan.control_bytes > _MAX_CONTROL_SHARE * scan.size:
        raise UploadRefused("unsupported", name=name)
    encoding = "utf-8" if scan.utf8 else "cp1252"
    start = scan.head[:_MARKUP_WINDOW].decode(encoding, "ignore")
    if _looks_like_markup(start):
        raise UploadRefused("web_page", name=name)
    return "txt"


def _looks_like_markup(text: str) -> bool:
    # Browsers that sniff content treat text starting with a tag as HTML; such "text" is refused
    # even though it is served as text/plain with nosniff.
    text = text.lstrip("\ufeff \t\r\n\f\v")
    return text.startswith("<") and _MARKUP_TAG.search(text[:_MARKUP_WINDOW]) is not None


# ---------------------------------------------------------------------------------------------
# Location-free copies


def remove_location(data: bytes, kind: str) -> tuple[bytes, str]:
    """A copy of a picture without its location, to show or export; returns (bytes, kind).

    For jpeg, png and heic, the picture is decoded, turned upright according to its EXIF
    orientation (so it looks the same) and re-encoded with no EXIF, XMP, comments or text chunks
    at all (GPS position, time, camera serial and the like go with them); only the colour profile,
    transparency and resolution are kept. HEIC is written as HEIC with pillow-heif; if this
    installation cannot encode HEIC, the copy is a JPEG and the returned kind says "jpeg". JPEG
    copies are re-compressed, so they are not bit-for-bit evidence: the original is kept as
    evidence elsewhere.

    Other kinds (pdf, docx, txt) are returned unchanged: their own metadata is not touched here.
    Raises LocationNotRemoved if a picture cannot be decoded; the caller must then show no copy.
    """
    if kind not in PICTURE_KINDS:
        return data, kind
    if kind == "heic":
        _enable_heif()
    try:
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]]) as original:
            upright = ImageOps.exif_transpose(original)
    except Exception as exc:  # Any failure means no clean copy; never fall back to the original.
        raise LocationNotRemoved(kind) from exc
    kept = {key: upright.info[key] for key in _KEPT_PICTURE_INFO if key in upright.info}
    # Pillow and pillow-heif copy some metadata (JPEG comments, HEIF EXIF/XMP) from .info when
    # saving, so it is emptied rather than trusted to be ignored.
    upright.info = {}
    try:
        if kind == "png":
            return _encode(upright, "PNG", kept, exif=b""), "png"
        if kind == "heic" and _can_write_heic():
            # pillow-heif takes None (not b"") for "no EXIF"; an empty value is an error.
            return _encode(
                upright, "HEIF", kept, exif=None, xmp=None, quality=_HEIC_QUALITY
            ), "heic"
        return _encode(_for_jpeg(upright), "JPEG", kept, exif=b"", quality=_JPEG_QUALITY), "jpeg"
    except Exception as exc:  # As above: no clean copy means no copy.
        raise LocationNotRemoved(kind) from exc


@functools.cache
def _can_write_heic() -> bool:
    # Wheels built without an HEVC encoder (x265) can read HEIC but not write it.
    from pillow_heif import libheif_info

    return bool(libheif_info().get("HEIF"))


def _for_jpeg(picture: Image.Image) -> Image.Image:
    if picture.mode in ("L", "RGB", "CMYK"):
        return picture
    if picture.mode in ("RGBA", "LA", "PA"):
        # JPEG has no transparency: flatten onto white, as paper would be.
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def _encode(picture: Image.Image, image_format: str, kept: dict[str, Any], **options: Any) -> bytes:
    out = io.BytesIO()
    if image_format != "PNG":
        kept = {key: value for key, value in kept.items() if key != "transparency"}
    # EXIF (and XMP for HEIF) are passed explicitly empty so no writer falls back to a remembered
    # value.
    picture.save(out, format=image_format, **kept, **options)
    return out.getvalue()
