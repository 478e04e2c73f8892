"""The README and the documents in docs/ point only at things a user of this repository has.

Everything is located from this file, so the tests pass wherever the repository is checked out
and whatever directory pytest runs from.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "rightsdesk"
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

FENCED_BLOCK = re.compile(r"^```.*?^```[^\n]*$", re.MULTILINE | re.DOTALL)
# [text](target) and [text](target "title"); images too.
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Anything with a scheme (https:, mailto:) or a bare "//host" is not a file in the repository.
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _prose(path: Path) -> str:
    """The document without its fenced code blocks (commands, diagrams), which hold no links."""
    return FENCED_BLOCK.sub("", path.read_text(encoding="utf-8"))


def _relative_links(path: Path) -> list[str]:
    text = _prose(path)
    targets = INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)
    return [t for t in targets if not EXTERNAL.match(t) and not t.startswith("#")]


def _missing_links(path: Path) -> list[str]:
    missing = []
    for target in _relative_links(path):
        file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not (path.parent / file_part).exists():
            missing.append(target)
    return missing


def _named_paths(path: Path) -> list[str]:
    """Backticked repository paths: `rightsdesk/vault/crypto.py`, `docs/CONVENTIONS.md`,
    `vault/crypto.py` (inside the rightsdesk package). Not URLs (`/staff/matters/`), commands
    (anything with a space), patterns (`<app>`, `*`) or bare file names."""
    named = []
    for span in CODE_SPAN.findall(_prose(path)):
        candidate = span.strip().rstrip(".,;:")
        if (
            "/" not in candidate
            or candidate.startswith(("/", "~"))
            or EXTERNAL.match(candidate)
            or re.search(r"[\s<>*{}\[\]()=\"'|$]", candidate)
        ):
            continue
        named.append(candidate)
    return named


def test_the_readme_does_not_send_readers_to_a_planning_repository():
    assert "planning repository" not in README.read_text(encoding="utf-8").lower()


def test_every_relative_link_in_the_readme_exists():
    assert _relative_links(README), "expected the README to link to docs/"
    assert _missing_links(README) == []


def test_every_docs_path_the_readme_names_exists():
    named = [p for p in _named_paths(README) if p.startswith("docs/")]
    missing = [p for p in named if not (ROOT / p).exists()]
    assert missing == []


def test_the_readme_points_to_the_architecture_and_conventions():
    text = README.read_text(encoding="utf-8")
    assert "docs/ARCHITECTURE.md" in text and "docs/CONVENTIONS.md" in text


@pytest.mark.parametrize("document", DOCS, ids=lambda p: p.name)
def test_documents_in_docs_link_only_to_files_that_exist(document):
    assert "planning repository" not in document.read_text(encoding="utf-8").lower()
    assert _missing_links(document) == []


@pytest.mark.parametrize("document", DOCS, ids=lambda p: p.name)
def test_every_path_a_document_in_docs_names_exists(document):
    missing = [
        p for p in _named_paths(document) if not (ROOT / p).exists() and not (PACKAGE / p).exists()
    ]
    assert missing == []


def test_the_architecture_and_conventions_are_there():
    assert {p.name for p in DOCS} >= {"ARCHITECTURE.md", "CONVENTIONS.md"}
