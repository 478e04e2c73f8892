from __future__ import annotations

import pytest

from rightsdesk.letters.labels import (
    LABEL_HEIGHT,
    LABEL_WIDTH,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    label_position,
    mailing_labels_pdf,
)
from rightsdesk.letters.tests.helpers import page_count, shown_text


def addresses(count: int) -> list[list[str]]:
    return [[f"Person {n}", f"{n} Main St", "Jackson, MS 39201"] for n in range(1, count + 1)]


@pytest.mark.parametrize(("count", "pages"), [(1, 1), (30, 1), (31, 2), (60, 2), (61, 3)])
def test_thirty_labels_fill_a_page_and_one_more_starts_the_next(count: int, pages: int) -> None:
    pdf = mailing_labels_pdf(addresses(count), compress=False)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == pages


def test_thirty_one_addresses_make_two_pages_when_compressed_too() -> None:
    assert mailing_labels_pdf(addresses(31)).startswith(b"%PDF")


def test_the_grid_matches_avery_5160() -> None:
    assert label_position(0) == (0.1875, 0.5)
    assert label_position(1) == (0.1875 + 2.75, 0.5)
    right, bottom = label_position(29)
    assert right + LABEL_WIDTH == pytest.approx(PAGE_WIDTH - 0.1875)
    assert bottom + LABEL_HEIGHT == pytest.approx(PAGE_HEIGHT - 0.5)
    assert label_position(30) == label_position(0)


def test_every_address_line_is_printed() -> None:
    text = shown_text(mailing_labels_pdf(addresses(31), compress=False))
    assert "Person 31" in text and "31 Main St" in text


def test_long_address_lines_are_cut_to_fit_without_crashing() -> None:
    long_line = "Apartment " + "9" * 300 + " Very Long Street Name Boulevard Extension"
    pdf = mailing_labels_pdf([["Name", long_line, "Jackson, MS 39201"]], compress=False)
    text = shown_text(pdf)
    assert "..." in text
    assert long_line not in text
    assert "Jackson, MS 39201" in text


def test_an_address_with_too_many_lines_keeps_its_city_line() -> None:
    many = [f"Line {n}" for n in range(1, 15)] + ["Hattiesburg, MS 39401"]
    text = shown_text(mailing_labels_pdf([many], compress=False))
    assert "Hattiesburg, MS 39401" in text
    assert "Line 1" in text


def test_accents_print_and_other_scripts_do_not_crash() -> None:
    text = shown_text(
        mailing_labels_pdf([["José Núñez", "李 Street", "Biloxi, MS"]], compress=False)
    )
    assert "José Núñez" in text


def test_empty_addresses_are_skipped_and_no_addresses_still_make_a_pdf() -> None:
    assert page_count(mailing_labels_pdf([], compress=False)) == 1
    assert page_count(mailing_labels_pdf([[], ["", "  "]], compress=False)) == 1


def test_skipping_used_labels_pushes_addresses_down_the_sheet() -> None:
    assert page_count(mailing_labels_pdf(addresses(2), skip=29, compress=False)) == 2


def test_labels_ask_viewers_to_print_at_actual_size() -> None:
    assert b"/PrintScaling /None" in mailing_labels_pdf(addresses(1), compress=False)
