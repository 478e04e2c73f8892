"""`rightsdesk statistics FILE.jsonl --by county,area [--k 10]`: no database, one JSON line a
cell, null for "all" and for a withheld count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rightsdesk.reports.statistics import count_cells, statistics_rows

HOUSING = "My landlord refused to rent the apartment to us because we are Black."
WORK = "My manager fired me after I told him I was pregnant."


def _complaint(county: str, what: str) -> dict:
    return {"language": "en", "incident": {"what": what, "where": {"county": county}}}


def test_each_area_counts_a_complaint_once_and_totals_count_it_once():
    both = _complaint("Hinds", HOUSING + " " + WORK)
    counts = count_cells([both], ["county", "area"])
    assert counts[("Hinds County", "housing")] == 1
    assert counts[("Hinds County", "employment")] == 1
    assert counts[("Hinds County", None)] == 1  # one complaint, not two
    assert counts[(None, None)] == 1


def test_rows_carry_null_for_all_and_for_withheld_counts():
    complaints = [_complaint("Hinds", HOUSING)] * 12 + [_complaint("Leake", HOUSING)] * 2
    rows = list(statistics_rows(complaints, ["county", "area"], k=10))
    by_key = {(row["county"], row["area"]): row["count"] for row in rows}
    assert by_key[("Leake County", "housing")] is None
    assert by_key[(None, None)] == 14
    assert all(set(row) == {"county", "area", "count"} for row in rows)


def test_the_command_reads_a_file_without_a_database(tmp_path: Path):
    lines = [json.dumps({"id": f"C{n}", "complaint": _complaint("Hinds", HOUSING)})
             for n in range(11)] + ["not json"]  # fmt: skip
    source = tmp_path / "complaints.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rightsdesk.cli", "statistics", str(source), "--by", "county,area"],
        capture_output=True,
        text=True,
        env={
            "RIGHTSDESK_DATA_DIR": str(tmp_path / "nowhere"),
            "RIGHTSDESK_KEY_FILE": str(tmp_path / "keys" / "keys.json"),
            "PATH": "/usr/bin:/bin",
        },
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert {"county": "Hinds County", "area": "housing", "count": 11} in rows
    assert {"county": None, "area": None, "count": 11} in rows
    assert "line 12: not JSON" in done.stderr
    data = tmp_path / "nowhere"
    made = {p.name for p in data.rglob("*")} if data.exists() else set()
    # The task queue's file may appear (settings make it); the database and the keys may not.
    assert "rightsdesk.sqlite3" not in made, made
    assert not (tmp_path / "keys").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--k", "3"], "k must be at least 5"), (["--by", "county,shoe_size"], "unknown key")],
)
def test_bad_options_are_explained(tmp_path: Path, args: list[str], message: str):
    source = tmp_path / "c.jsonl"
    source.write_text(json.dumps(_complaint("Hinds", HOUSING)) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rightsdesk.cli", "statistics", str(source), *args],
        capture_output=True,
        text=True,
        env={"RIGHTSDESK_DATA_DIR": str(tmp_path / "nowhere"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode != 0 and message in done.stderr
