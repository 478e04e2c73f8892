"""Hypothesis strategies that post hostile input to every public form, shared by
rightsdesk/intake/tests/test_fuzz.py (a small seeded run) and bench/fuzz.py (10,000 requests).

Each example is one visitor: a fresh browser (test client with CSRF checks on, as in
production) with, where the page needs one, a saved draft holding a complete set of valid answers
or a complaint with an open question. It sends one to three generated requests to one form, with
bodies built as raw bytes: overlong values, control characters, NUL, invalid UTF-8, right-to-left
marks and emoji, lists and duplicated keys, unknown fields, missing or garbled CSRF tokens, odd
content types and charsets, and multipart bodies with path-traversal file names and huge, empty or
mislabelled files. Then it checks that

- no response is a 5xx and nothing is logged by django.request at ERROR (nor any exception
  signalled by the request handler);
- a draft's earlier answers still load: every step not posted to shows the same answers as
  before, and the posted step's page still renders (even with what was typed kept as pending);
- a complaint's data still loads after its status page was posted to.

Nothing here writes a hypothesis database: callers pass ``database=None``.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from rightsdesk.intake.steps import steps_for

# Hypothesis keeps caches (and would keep its example database) in .hypothesis/ in the working
# directory: keep them out of the repository, in a folder that goes with the process.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    _home = tempfile.mkdtemp(prefix="rightsdesk-hypothesis-")
    atexit.register(shutil.rmtree, _home, ignore_errors=True)
    set_hypothesis_home_dir(_home)

# Strategies are built once and reused: building them in every draw cost more than the requests.
ints = functools.cache(st.integers)
pick = functools.cache(st.sampled_from)
BOOLEANS = st.booleans()

CSRF_COOKIE = "rd_csrf"
URLENCODED = "application/x-www-form-urlencoded"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

# --- the forms and their fields ------------------------------------------------------------

# The form's own step lists (Django is set up before this module is imported).
HELP_STEPS = tuple(step.key for step in steps_for("help"))
TIP_STEPS = tuple(step.key for step in steps_for("tip"))
REPEATABLE = ("responsible", "prior-actions", "court-dates")

ROW_FIELDS = {
    "responsible": ("name", "role"),
    "prior-actions": ("description", "status"),
    "court-dates": ("date", "court", "note"),
}
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "for-whom": ("on_behalf", "filer_name", "relationship", "filer_phone", "filer_email"),
    "contact": (
        "name",
        "street",
        "city",
        "state",
        "zip",
        "phone",
        "email",
        "preferred_contact",
        "safe_to_leave_message",
    ),
    "detention": (
        "is_detained",
        "facility",
        "relative_name",
        "relative_relationship",
        "relative_phone",
        "relative_street",
        "relative_city",
        "relative_state",
        "relative_zip",
    ),
    "what": ("what", "why"),
    "when-where": ("when_date", "when_text", "place", "city", "zip", "county", "state"),
    "others": ("who",),
    "explanation": ("explanation_given", "why_explanation_inadequate"),
    "media": ("media_coverage",),
    "police": ("involves_police", "police_report_attached"),
    "documents": ("kind",),
    "permissions": (
        "authorize_letter_with_name",
        "share_with_partner_organisations",
        "deidentified_use",
    ),
    "request": ("has_lawyer", "requested_help", "email_updates"),
    "tip-contact": ("name", "phone", "email"),
}
for _key, _row in ROW_FIELDS.items():
    STEP_FIELDS[_key] = (
        f"{_key}-TOTAL_FORMS",
        f"{_key}-INITIAL_FORMS",
        f"{_key}-MIN_NUM_FORMS",
        f"{_key}-MAX_NUM_FORMS",
        *(f"{_key}-{n}-{f}" for n in (0, 1, 19, 20, 999) for f in _row),
    )
# Fields every step page carries besides its questions.
STEP_CONTROLS = ("action", "return_to", "kind", "website", "language")

TARGETS: dict[str, dict[str, Any]] = {
    "begin": {"path": "/complaint/begin/", "fields": ("kind", "language", "website")},
    "step": {"path": None, "fields": ()},  # one per step key, chosen below
    "review": {"path": "/complaint/check/", "fields": ("token", "website")},
    "resume": {"path": "/complaint/continue/", "fields": ("code",)},
    "status": {"path": "/complaint/status/", "fields": ("reference", "code")},
    "status_detail": {
        "path": "/complaint/status/yours/",
        "fields": (
            "action",
            "answer",
            "share_with_partner_organisations",
            "deidentified_use",
            "files",
            "kind",
        ),
    },
    "status_leave": {"path": "/complaint/status/close/", "fields": ()},
    "paper_form": {
        "path": "/complaint/paper-form/",
        "fields": ("name", "street", "city", "state", "zip", "language", "website"),
    },
    "language": {"path": "/language/", "fields": ("language", "next")},
    "sign_in": {"path": "/staff/sign-in/", "fields": ("username", "password")},
    "sign_in_code": {"path": "/staff/sign-in/code/", "fields": ("code",)},
}
# Targets whose visitor holds a draft / a complaint on its status page.
DRAFT_TARGETS = ("step", "review")
STATUS_TARGETS = ("status_detail", "status_leave")

# Values the fields expect, so that generated requests also get past validation sometimes.
PLAUSIBLE = {
    "kind": ("help", "tip", "court_paper", "other", "HELP", ""),
    "language": ("en", "es", "fr", "", "EN", "es-mx", "zh-hans"),
    "on_behalf": ("self", "other", "Self"),
    "preferred_contact": ("mail", "phone", "email", "fax"),
    "county": ("Hinds", "Rankin", "outside", "Atlantis"),
    "state": ("MS", "ms", "M", "MSS", "1A"),
    "zip": ("39208", "39208-1234", "00000", "3920", "-1"),
    "when_date": (
        "2026-03-14",
        "03/14/2026",
        "2026-02-30",
        "9999-12-31",
        "0001-01-01",
        "1949-12-31",
    ),
    "date": ("2099-01-01", "2020-01-01", "2026-13-01", "tomorrow"),
    "email": ("a@example.org", "not-an-email", "a@b", "@"),
    "phone": ("601-555-0142", "12", "+1 (601) 555-0142 ext 99999999"),
    "code": ("ABCD-2345-EFGH-6789", "abcd 2345 efgh 6789", "123456", "000000", "-"),
    "reference": ("K7M4-9QX2", "k7m4 9qx2", "ZZZZ-ZZZZ"),
    "token": ("", "x"),
    "next": (
        "/complaint/",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/complaint/step/what/?return=review",
        "/es/complaint/",
    ),
    "action": (
        "next",
        "save",
        "add_row",
        "upload",
        "answer",
        "files",
        "consents",
        "language:es",
        "language:en",
        "language:",
        "language:xx",
        "language:es:es",
        "remove:1",
        "remove:",
        "remove:99999999999999999999999",
        "remove:-1",
        "remove:١",
    ),
    "return_to": ("review", "", "elsewhere"),
    "TOTAL_FORMS": ("0", "1", "2", "20", "21", "1000", "-1", "1e3", "٣", "", "x", "9" * 30),
    "INITIAL_FORMS": ("0", "1", "5", "-1", "", "x", "9" * 30),
    "yes_no": ("yes", "no", "maybe", "YES", ""),
}
YES_NO_FIELDS = {
    "safe_to_leave_message",
    "is_detained",
    "involves_police",
    "police_report_attached",
    "authorize_letter_with_name",
    "share_with_partner_organisations",
    "deidentified_use",
    "has_lawyer",
    "email_updates",
}


def _plausible_for(name: str) -> tuple[str, ...]:
    if name in YES_NO_FIELDS:
        return PLAUSIBLE["yes_no"]
    for suffix in ("TOTAL_FORMS", "INITIAL_FORMS"):
        if name.endswith(suffix):
            return PLAUSIBLE[suffix]
    base = name.rsplit("-", 1)[-1].removeprefix("relative_").removeprefix("filer_")
    return PLAUSIBLE.get(base, PLAUSIBLE.get(name, ("Ana", "100 Main St")))


# --- values ----------------------------------------------------------------------------------

CONTROL_CHARS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
ODD_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and the right-to-left override
    "\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\ufffd\ufffe"
    "ا\u0644عربية עברית"
    "😀👩🏽‍⚖️🏳️‍🌈\U0010ffff"
    "ñáéíóúü ÀÉ ǅ ß ﬁ"
    "e\u0301\u0308"  # combining marks
)
INJECTIONS = (
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "' OR '1'='1",
    "%(name)s %s %d",
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "\\\\?\\C:\\Windows",
    "=cmd|' /C calc'!A0",
    "null",
    "None",
    "[]",
    "{}",
    "-0",
    "1e309",
    "NaN",
)
# Invalid UTF-8: lone surrogates (as CESU/surrogatepass), overlong forms, stray continuation
# bytes, truncated sequences and bytes that never occur in UTF-8.
INVALID_UTF8 = (
    "\ud800".encode("utf-8", "surrogatepass"),
    "\udfff".encode("utf-8", "surrogatepass"),
    "\ud83d".encode("utf-8", "surrogatepass") + "\ude00".encode("utf-8", "surrogatepass"),
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\x80",
    b"\xbf\xbf",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    b"\xfe\xff",
    b"\xff",
    b"\xf8\x88\x80\x80\x80",
)


@functools.cache
def _text_pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.text(alphabet=CONTROL_CHARS, max_size=10),
        st.text(alphabet=ODD_CHARS, max_size=20),
        pick(INJECTIONS),
        pick(("\x00", "\r\n", "\r", "\n\n\n", "\t", " ", "")),
        st.integers(-(10**30), 10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


@functools.cache
def _overlong() -> st.SearchStrategy[str]:
    # Hundreds of KB without making hypothesis draw hundreds of KB of choices.
    return st.builds(
        lambda unit, times: unit * times,
        pick(("x", "é", "😀", "\x00", "a\u202e", "<b>", " ", "9", "\r\n", "\ufeff")),
        pick((101, 201, 255, 301, 1001, 5001, 10001, 20001, 60_000, 300_000)),
    )


@functools.cache
def text_values() -> st.SearchStrategy[str]:
    return st.one_of(
        _text_pieces(),
        st.lists(_text_pieces(), min_size=2, max_size=5).map("".join),
        _overlong(),
    )


@functools.cache
def raw_values(name: str) -> st.SearchStrategy[bytes]:
    """The bytes of one field's value, before percent-encoding."""
    return st.one_of(
        pick(_plausible_for(name)).map(str.encode),
        text_values().map(lambda s: s.encode("utf-8", "surrogatepass")),
        pick(INVALID_UTF8),
        st.tuples(pick(_plausible_for(name)), pick(INVALID_UTF8)).map(
            lambda t: t[0].encode() + t[1]
        ),
        st.binary(max_size=30),
    )


@functools.cache
def field_names(known: tuple[str, ...]) -> st.SearchStrategy[str]:
    names = known or ("x",)
    return st.one_of(
        pick(names),
        pick(names).map(lambda n: n + "[]"),
        pick(names).map(str.upper),
        pick(("csrfmiddlewaretoken", "action", "kind", "website", "__proto__", "")),
        st.text(max_size=12),
        pick(names).map(lambda n: n + "\x00"),
        _overlong().map(lambda s: s[:5000]),
    )


# --- request bodies --------------------------------------------------------------------------


@dataclass
class FuzzRequest:
    """One generated request, with everything needed to send it again."""

    target: str
    method: str
    path: str
    content_type: str | None
    body: bytes
    csrf: str  # how the token was sent: valid, missing, garbled, ...
    headers: dict[str, str] = field(default_factory=dict)

    def send(self, client: Any) -> Any:
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in self.headers.items()}
        if self.content_type is None:
            return client.generic(self.method, self.path, self.body, **extra)
        return client.generic(
            self.method, self.path, self.body, content_type=self.content_type, **extra
        )

    def reproducer(self) -> str:
        body = self.body if len(self.body) <= 600 else self.body[:600]
        cut = "" if len(self.body) <= 600 else f"  # first 600 of {len(self.body)} bytes"
        return (
            f"client = Client(enforce_csrf_checks=True, raise_request_exception=False)\n"
            f"client.cookies[{CSRF_COOKIE!r}] = {CSRF_SECRET!r}\n"
            f"client.generic({self.method!r}, {self.path!r}, {body!r},{cut}\n"
            f"    content_type={self.content_type!r}, headers={self.headers!r})"
            f"  # target {self.target}, csrf {self.csrf}"
        )

    def with_values(self, values: dict[str, str]) -> FuzzRequest:
        body, path = self.body, self.path
        for placeholder, value in values.items():
            if placeholder:
                body = body.replace(placeholder.encode(), value.encode())
                path = path.replace(placeholder, value)
        return FuzzRequest(
            self.target, self.method, path, self.content_type, body, self.csrf, self.headers
        )

    def short(self) -> str:
        return (
            f"{self.method} {self.path} [{self.content_type}] {len(self.body)} B csrf={self.csrf}"
        )


def _quote(data: bytes) -> bytes:
    return urllib.parse.quote_from_bytes(data, safe="").encode()


@st.composite
def _pairs(
    draw: st.DrawFn, known: tuple[str, ...], base: dict[str, str]
) -> list[tuple[str, bytes]]:
    """Field name/value pairs: a valid set of answers, some replaced, dropped, duplicated,
    reordered or joined by unknown fields."""
    pairs: list[tuple[str, bytes]] = [(k, v.encode()) for k, v in base if draw(ints(0, 9)) > 0]
    for _ in range(draw(ints(0, 6))):
        name = draw(field_names(known))
        value = draw(raw_values(name))
        how = draw(pick(("replace", "add", "duplicate", "list")))
        if how == "replace":
            pairs = [p for p in pairs if p[0] != name]
            pairs.append((name, value))
        elif how == "list":
            pairs.extend((name, value) for _ in range(draw(ints(2, 5))))
        elif how == "duplicate" and pairs:
            index = draw(ints(0, len(pairs) - 1))
            pairs.append((pairs[index][0], value))
        else:
            pairs.append((name, value))
    if draw(ints(0, 49)) == 0:
        # More fields than Django parses (DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000).
        pairs.extend(("what", b"x") for _ in range(1001))
    if draw(BOOLEANS):
        pairs = draw(st.permutations(pairs))
    return pairs


def _csrf_pairs(draw: st.DrawFn, secret: str) -> tuple[str, list[tuple[str, bytes]]]:
    how = draw(
        pick(
            ("valid",) * 30
            + ("missing", "garbled", "short", "other", "twice", "unicode", "empty", "overlong")
        )
    )
    token = {
        "valid": secret,
        "garbled": secret[:-3] + "!!!",
        "short": secret[:10],
        "other": "".join(reversed(secret)),
        "twice": secret,
        "unicode": secret[:-1] + "é",
        "empty": "",
        "overlong": secret * 1000,
    }.get(how)
    if token is None:
        return how, []
    pairs = [("csrfmiddlewaretoken", token.encode())]
    if how == "twice":
        pairs.append(("csrfmiddlewaretoken", b"wrong"))
    return how, pairs


@st.composite
def _urlencoded(draw: st.DrawFn, pairs: list[tuple[str, bytes]]) -> bytes:
    chunks = []
    for name, value in pairs:
        raw = draw(ints(0, 19)) == 0  # now and then, bytes not percent-encoded at all
        key = name.encode("utf-8", "surrogatepass")
        chunks.append((key + b"=" + value) if raw else (_quote(key) + b"=" + _quote(value)))
    separator = draw(pick((b"&",) * 8 + (b";", b"&&", b"&=&")))
    body = separator.join(chunks)
    if draw(ints(0, 19)) == 0:
        body += draw(pick((b"%", b"%zz", b"%E2%82", b"=", b"&&&", b"\x00", b"+")))
    return body


FILE_NAMES = (
    "../../etc/passwd",
    "..\\..\\windows\\system32\\config\\sam",
    "C:\\x\\..\\y",
    "/etc/shadow",
    "ticket.pdf\x00.exe",
    "\x00",
    "",
    ".",
    "..",
    "....//....//x.pdf",
    "%2e%2e%2fx.pdf",
    "ticket.pdf",
    "photo.JPG",
    "report.pdf.html",
    "con.pdf",
    "nul",
    "a" * 300 + ".pdf",
    "\u202eFDP.exe",
    "résumé 😀.pdf",
    "line\nbreak.pdf",
    'quote".pdf',
    "semi;colon=.pdf",
)
FILE_BODIES = (
    PDF,
    b"",
    b"MZ\x90\x00 this is a program",
    b"<html><script>alert(1)</script></html>",
    PNG_HEADER,
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    b"PK\x03\x04" + b"\x00" * 26,
    b"plain text \x00 with a NUL",
    "texte en français, 😀".encode(),
    "\ud800".encode("utf-8", "surrogatepass"),
)
FILE_TYPES = (
    "application/pdf",
    "image/jpeg",
    "text/html",
    "application/octet-stream",
    "",
    "application/pdf; charset=utf-16",
    "image/png; charset=bogus",
    "multipart/mixed; boundary=inner",
    "../../x",
)


@st.composite
def file_contents(draw: st.DrawFn) -> bytes:
    size = draw(pick((0,) * 20 + (1024 * 1024, 3 * 1024 * 1024, 10 * 1024 * 1024 + 1)))
    head = draw(pick(FILE_BODIES))
    if not size:
        return head
    return head + b"0" * size + b"\n%%EOF\n"  # huge files: rare, they are slow to send


FILE_CONTENTS = file_contents()


@st.composite
def _multipart(draw: st.DrawFn, pairs: list[tuple[str, bytes]], boundary: str) -> bytes:
    crlf = b"\r\n"
    b = boundary.encode()
    parts = []
    for name, value in pairs:
        disposition = b'form-data; name="' + name.encode("utf-8", "surrogatepass") + b'"'
        head = b"Content-Disposition: " + disposition
        charset = draw(pick((None,) * 6 + ("utf-8", "latin-1", "utf-16", "bogus")))
        if charset:
            head += crlf + b"Content-Type: text/plain; charset=" + charset.encode()
        if draw(ints(0, 29)) == 0:
            head += crlf + b"Content-Transfer-Encoding: base64"
        parts.append(head + crlf + crlf + value)
    for _ in range(draw(ints(0, 3))):
        filename = draw(pick(FILE_NAMES)).encode("utf-8", "surrogatepass")
        name = draw(pick((b"files", b"files", b"file", b"kind", b"what", b"")))
        form = draw(pick(("plain", "star", "noquote", "nofilename")))
        if form == "star":
            disposition = b'form-data; name="' + name + b"\"; filename*=UTF-8''" + _quote(filename)
        elif form == "noquote":
            disposition = b"form-data; name=" + name + b"; filename=" + filename
        elif form == "nofilename":
            disposition = b'form-data; name="' + name + b'"; filename'
        else:
            disposition = b'form-data; name="' + name + b'"; filename="' + filename + b'"'
        head = b"Content-Disposition: " + disposition
        content_type = draw(pick(FILE_TYPES))
        if content_type:
            head += crlf + b"Content-Type: " + content_type.encode()
        parts.append(head + crlf + crlf + draw(FILE_CONTENTS))
    ending = draw(pick((b"--" + b + b"--" + crlf,) * 8 + (b"", b"--" + b, b"--")))
    body = b"".join(b"--" + b + crlf + part + crlf for part in parts) + ending
    if draw(ints(0, 19)) == 0:
        body = body[: draw(ints(0, len(body)))]  # cut off mid-way
    return body


URLENCODED_TYPES = (
    URLENCODED,
    URLENCODED,
    URLENCODED,
    f"{URLENCODED}; charset=utf-8",
    f"{URLENCODED}; charset=UTF-8",
    f"{URLENCODED}; charset=utf8",
    f'{URLENCODED}; charset="utf-8"',
    f"{URLENCODED}; charset= UTF-8 ",
    f"{URLENCODED}; charset=latin-1",
    f"{URLENCODED}; charset=utf-16",
    f"{URLENCODED}; charset=bogus",
    f"{URLENCODED}; charset=",
    f"{URLENCODED.upper()}",
    f"{URLENCODED}; charset=utf-8; charset=latin-1",
)
OTHER_TYPES = (
    "text/plain",
    "application/json",
    "application/xml",
    "",
    "garbage",
    "multipart/form-data",  # no boundary
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=" + "b" * 80,
    "multipart/form-data; boundary=\x00",
)


@st.composite
def bodies(
    draw: st.DrawFn, known: tuple[str, ...], base: tuple[tuple[str, str], ...], secret: str
) -> tuple[str | None, bytes, str]:
    """(content type, body, how the CSRF token was sent)."""
    csrf, token_pairs = _csrf_pairs(draw, secret)
    pairs = draw(_pairs_for(known, base))
    # The token first, as a browser sends it, unless the draw says otherwise.
    pairs = token_pairs + pairs if draw(ints(0, 4)) else pairs + token_pairs
    form = draw(pick(("urlencoded",) * 10 + ("multipart",) * 6 + ("other", "none")))
    if form == "urlencoded":
        return draw(pick(URLENCODED_TYPES)), draw(_urlencoded(pairs)), csrf
    if form == "multipart":
        boundary = draw(pick(("BoUnDaRy", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "x", "a b")))
        content_type = draw(
            pick(
                (
                    f"multipart/form-data; boundary={boundary}",
                    f"multipart/form-data; boundary={boundary}",
                    f'multipart/form-data; boundary="{boundary}"',
                    f"multipart/form-data; boundary={boundary}; charset=utf-8",
                    f"multipart/form-data; boundary={boundary}; charset=latin-1",
                    f"multipart/form-data; boundary={boundary}; charset=bogus",
                    f"multipart/form-data; boundary={boundary}x",  # the wrong boundary
                    f"MULTIPART/FORM-DATA; BOUNDARY={boundary}",
                )
            )
        )
        return content_type, draw(_multipart(pairs, boundary)), csrf
    if form == "other":
        body = draw(st.one_of(st.binary(max_size=200), _urlencoded(pairs)))
        return draw(pick(OTHER_TYPES)), body, csrf
    return None, b"", csrf


_pairs_for = functools.cache(_pairs)
_bodies = functools.cache(bodies)


# --- whole requests --------------------------------------------------------------------------

STEP_KEYS = tuple(dict.fromkeys(HELP_STEPS + TIP_STEPS))
ODD_STEP_KEYS = ("nope", "..", "documents.", "WHAT", "what-", "x" * 200)
QUERIES = (
    "",
    "",
    "",
    "?return=review",
    "?return=review&return=x",
    "?next=/staff/",
    "?next=https://evil.example/",
    "?%ff=%fe",
    "?a=" + "x" * 3000,
    "?\x00",
)


# Values only known once the visitor exists (its draft's submission token and resume code, the
# complaint's reference and status code): requests carry these and run() puts the real ones in.
TOKEN = "ZQtokenQZ"
RESUME_CODE = "ZQresumeQZ"
REFERENCE = "ZQreferenceQZ"
STATUS_CODE = "ZQstatusQZ"
STAFF_USERNAME = "fuzz-intake"
# Every visitor's CSRF cookie (any 32 letters and digits); the valid token in forms is the same.
CSRF_SECRET = "FuzzFuzzFuzzFuzzFuzzFuzzFuzz2026"


def valid_steps() -> dict[str, dict[str, str]]:
    from rightsdesk.intake.tests import journey

    return {**journey.TIP, **journey.answers()}


def _base_for(target: str, key: str) -> dict[str, str]:
    if target == "step":
        return dict(valid_steps().get(key, {}))
    return {
        "begin": {"kind": "help"},
        "review": {"token": TOKEN},
        "resume": {"code": RESUME_CODE},
        "status": {"reference": REFERENCE, "code": STATUS_CODE},
        "status_detail": {"action": "answer", "answer": "It is 12345"},
        "paper_form": {
            "name": "Rosa Delgado",
            "street": "100 Main St",
            "city": "Pearl",
            "state": "MS",
            "zip": "39208",
            "language": "es",
        },
        "language": {"language": "es", "next": "/complaint/"},
        "sign_in": {"username": STAFF_USERNAME, "password": "wrong password"},
        "sign_in_code": {"code": "123456"},
    }.get(target, {})


@st.composite
def requests(draw: st.DrawFn, target: str, key: str) -> FuzzRequest:
    """One generated request to ``target`` (for "step", to the step ``key``)."""
    if target == "step":
        known = STEP_FIELDS.get(key, ()) + STEP_CONTROLS
        path = f"/complaint/step/{key}/"
    else:
        known = TARGETS[target]["fields"] + ("website",)
        path = TARGETS[target]["path"]
    path += draw(pick(QUERIES))
    content_type, body, csrf = draw(
        _bodies(known, tuple(_base_for(target, key).items()), CSRF_SECRET)
    )
    method = draw(pick(("POST",) * 16 + ("GET", "PUT", "PATCH", "DELETE", "HEAD")))
    headers: dict[str, str] = {}
    if draw(ints(0, 9)) == 0:
        headers["Accept-Language"] = draw(
            pick(("es", "es-MX,es;q=0.9", "fr", "*", "x" * 500, "q=;;;", "zh-Hant"))
        )
    if draw(ints(0, 9)) == 0:
        headers["Referer"] = draw(
            pick(("http://testserver/complaint/", "https://evil.example/", "\x00", ""))
        )
    return FuzzRequest(target, method, path, content_type, body, csrf, headers)


@functools.cache
def targets() -> st.SearchStrategy[tuple[str, str]]:
    """(target, step key): the complaint steps weighted as what they are, most of the forms."""
    steps = pick(STEP_KEYS + ODD_STEP_KEYS[:2]).map(lambda k: ("step", k))
    others = pick(tuple(t for t in TARGETS if t != "step")).map(lambda t: (t, ""))
    return st.one_of(steps, steps, others)


@functools.cache
def _request_lists(target: str, key: str) -> st.SearchStrategy[list[FuzzRequest]]:
    return st.lists(requests(target, key), min_size=1, max_size=3)


@dataclass
class Visit:
    target: str
    key: str
    kind: str  # the draft's kind: help or tip
    with_session: bool  # the draft or status page is in the session (not timed out)
    requests: list[FuzzRequest]


@st.composite
def visits(draw: st.DrawFn, target: str | None = None) -> Visit:
    """A visitor to one form (``target``, or any) who sends one to three generated requests."""
    if target is None:
        target, key = draw(targets())
    elif target == "step":
        key = draw(pick(STEP_KEYS + ODD_STEP_KEYS[:2]))
    else:
        key = ""
    kind = "tip" if key in TIP_STEPS and key not in HELP_STEPS else "help"
    if key in TIP_STEPS and key in HELP_STEPS and draw(ints(0, 3)) == 0:
        kind = "tip"
    with_session = draw(ints(0, 9)) > 0
    sent = draw(_request_lists(target, key))
    return Visit(target, key, kind, with_session, sent)


# --- sending and checking --------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def watching_errors() -> Iterator[list[str]]:
    """Everything django.request logs at ERROR, and every exception the request handler
    signals (the test settings silence that logger; this listens underneath)."""
    from django.core.signals import got_request_exception

    found: list[str] = []
    handler = _Collect()
    logger = logging.getLogger("django.request")
    old_level = logger.level
    logger.setLevel(logging.ERROR)
    logger.addHandler(handler)

    def on_exception(sender: Any, request: Any = None, **kwargs: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        found.append(f"exception: {type(exc).__name__}: {str(exc)[:300]}")

    got_request_exception.connect(on_exception, weak=False)
    try:
        yield found
    finally:
        got_request_exception.disconnect(on_exception)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        found.extend(
            f"django.request {r.levelname}: {r.getMessage()[:300]}" for r in handler.records
        )


@dataclass
class Failure:
    visit: Visit
    problem: str
    request: FuzzRequest | None

    def report(self) -> str:
        lines = [
            f"{self.problem}",
            f"  visitor: target {self.visit.target} {self.visit.key} kind {self.visit.kind}, "
            f"session {'kept' if self.visit.with_session else 'timed out'}",
        ]
        if self.request is not None:
            lines.append("  reproduce: " + self.request.reproducer().replace("\n", "\n  "))
        return "\n".join(lines)


def _valid_answers(kind: str, per_step: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The draft answers a person who filled in every step validly has."""
    from django.http import QueryDict

    from rightsdesk.intake import wizard

    answers: dict[str, Any] = {}
    for step in steps_for(kind):
        if step.uploads:
            continue
        data = QueryDict(mutable=True)
        for name, value in per_step.get(step.key, {}).items():
            data[name] = value
        form = wizard.make_form(step, answers, data)
        assert form.is_valid(), (step.key, form.errors)
        step.store(answers, form.cleaned_data)
    return answers


class Fuzzer:
    """Sends visits and checks them. Use inside a test database (a pytest ``db`` test or
    benchkit.bench_database()); counts every response by status."""

    def __init__(self) -> None:
        from collections import Counter

        from rightsdesk.accounts.models import User
        from rightsdesk.intake.tests import journey

        self.statuses: Counter[int] = Counter()
        self.by_target: Counter[str] = Counter()
        self.refused_csrf: Counter[str] = Counter()  # 403s, by how the token was sent
        self.sent = 0  # generated requests
        self.checks = 0  # follow-up requests that check the visitor's state
        self.failures: list[Failure] = []
        self.steps = {"help": journey.answers(), "tip": {**journey.TIP, "tip-contact": {}}}
        self.answers = {kind: _valid_answers(kind, self.steps[kind]) for kind in self.steps}
        self.staff, _ = User.objects.get_or_create(
            username=STAFF_USERNAME, defaults={"role": User.Role.INTAKE}
        )
        self.staff.set_password("a long fuzzing password 4 staff")
        self.staff.save()
        self.complaint: Any = None
        self.complaint_code = ""
        self.complaint_name = journey.NAME
        self._uses = 0

    # --- the visitor's state ---

    def _fresh_complaint(self) -> None:
        from rightsdesk.intake.services import complaint_create, complaint_request_info
        from rightsdesk.intake.tests import journey

        data = {
            "contact": {"name": self.complaint_name},
            "incident": {"what": journey.NARRATIVE},
            "consents": {"share_with_partner_organisations": True, "deidentified_use": False},
        }
        self.complaint, self.complaint_code = complaint_create(
            data=data, kind="help", source="online", language="en"
        )
        complaint_request_info(
            complaint=self.complaint, question="Do you have the ticket number?", by=self.staff
        )
        self._uses = 0

    def _status_complaint(self) -> Any:
        from rightsdesk.intake.services import complaint_request_info

        self._uses += 1
        if self.complaint is None or self._uses > 25:
            self._fresh_complaint()
        elif not self.complaint.questions.filter(answered_at__isnull=True).exists():
            complaint_request_info(complaint=self.complaint, question="And then?", by=self.staff)
        return self.complaint

    def _client(self, secret: str) -> Any:
        from django.test import Client

        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.cookies[CSRF_COOKIE] = secret
        return client

    # --- one visit ---

    def run(self, visit: Visit) -> list[Failure]:
        """Sets the visitor up, sends its requests, checks; returns (and keeps) the failures."""
        import copy

        from django.core.cache import cache

        from rightsdesk.intake import services
        from rightsdesk.intake.models import Complaint, Draft

        cache.clear()  # rate limits would soon answer every request with 429
        client = self._client(CSRF_SECRET)
        values = {"": ""}
        draft = None
        before: dict[str, Any] = {}
        if visit.target in DRAFT_TARGETS or visit.target == "resume":
            before = copy.deepcopy(self.answers[visit.kind])
            draft, code = services.draft_start(kind=visit.kind, language="en")
            services.draft_save(draft=draft, answers=copy.deepcopy(before))
            draft.refresh_from_db()
            values = {TOKEN: draft.submission_token, RESUME_CODE: code}
            if visit.with_session and visit.target != "resume":
                session = client.session
                session["intake_draft"] = draft.pk
                session.save()
        complaint = None
        if visit.target in STATUS_TARGETS or visit.target == "status":
            complaint = self._status_complaint()
            values = {REFERENCE: complaint.reference, STATUS_CODE: self.complaint_code}
            if visit.with_session and visit.target != "status":
                session = client.session
                session["intake_status_complaint"] = complaint.pk
                session.save()

        found: list[Failure] = []
        with watching_errors() as errors:
            for request in visit.requests:
                self._send(client, request.with_values(values), visit, found, errors)
            # Follow-ups: the pages the visitor would see next must still show.
            follow = []
            if visit.target == "step" and visit.key in STEP_KEYS:
                follow = [f"/complaint/step/{visit.key}/", "/complaint/check/"]
            elif visit.target in ("review", "resume"):
                follow = ["/complaint/check/"]
            elif visit.target in STATUS_TARGETS or visit.target == "status":
                follow = ["/complaint/status/yours/"]
            for path in follow:
                response = client.get(path)
                self.checks += 1
                self.statuses[response.status_code] += 1
                if response.status_code >= 500 or errors:
                    found.append(
                        Failure(
                            visit, f"GET {path} afterwards: {response.status_code} {errors}", None
                        )
                    )
                    errors.clear()

        if draft is not None and visit.with_session:
            found.extend(self._check_draft(visit, draft.pk, before))
        if complaint is not None:
            data = Complaint.objects.get(pk=complaint.pk).data
            if data.get("contact", {}).get("name") != self.complaint_name:
                found.append(Failure(visit, "the complaint's data changed or does not load", None))
        # The draft is not needed again; purge leaves nothing behind for the next visitor.
        if draft is not None:
            Draft.objects.filter(pk=draft.pk, submitted_complaint__isnull=True).delete()
        self.failures.extend(found)
        return found

    def _send(
        self,
        client: Any,
        request: FuzzRequest,
        visit: Visit,
        found: list[Failure],
        errors: list[str],
    ) -> None:
        response = request.send(client)
        self.sent += 1
        self.by_target[visit.target] += 1
        self.statuses[response.status_code] += 1
        if response.status_code == 403:
            form = (request.content_type or "none").split(";")[0].strip().lower()
            self.refused_csrf[f"{request.csrf} {request.method} {form}"] += 1
        if response.status_code >= 500:
            found.append(Failure(visit, f"status {response.status_code}; {errors}", request))
            errors.clear()
        elif errors:
            found.append(Failure(visit, f"logged: {errors}", request))
            errors.clear()

    def _check_draft(self, visit: Visit, draft_id: int, before: dict[str, Any]) -> list[Failure]:
        from rightsdesk.intake.models import Draft
        from rightsdesk.intake.steps import steps_for

        draft = Draft.objects.filter(pk=draft_id).first()
        if draft is None:
            return [Failure(visit, "the draft is gone", None)]
        try:
            after = dict(draft.answers)
        except Exception as problem:  # noqa: BLE001 - any failure to load is the finding
            return [Failure(visit, f"the draft's answers do not load: {problem!r}", None)]
        if draft.submitted_complaint_id:
            # Sent: the draft keeps only the receipt; the answers are the complaint's now.
            data = draft.submitted_complaint.data
            if data.get("incident", {}).get("what") != before["incident"]["what"]:
                return [Failure(visit, "the complaint sent does not hold the answers", None)]
            return []
        problems = []
        for step in steps_for(visit.kind):
            if step.key == visit.key:
                continue
            try:
                same = step.initial(after) == step.initial(before)
            except Exception as problem:  # noqa: BLE001
                same, problem_text = False, repr(problem)
            else:
                problem_text = "changed"
            if not same:
                problems.append(
                    Failure(visit, f"the answers of step {step.key} {problem_text}", None)
                )
        return problems
