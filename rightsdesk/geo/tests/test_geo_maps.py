# ruff: noqa: S101  -- pytest tests assert by design
"""Plain unit tests: no database, no Django settings."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest
from django.utils.safestring import SafeString

from rightsdesk.geo.county_names import MS_COUNTY_NAMES
from rightsdesk.geo.maps import DATA_FILE, county_map_svg, county_shapes, map_attribution

SVG_NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 -- our own output, not untrusted XML


def test_data_file_is_small() -> None:
    assert DATA_FILE.stat().st_size < 150_000


def test_data_file_has_all_82_counties_with_names_from_the_fips_table() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert {c["fips"]: c["name"] for c in data["counties"]} == dict(MS_COUNTY_NAMES)
    assert "Bostock" in data["attribution"]
    assert "ISC" in data["attribution"]
    assert re.fullmatch(r"0 0 \d+ \d+", data["viewBox"])


def test_every_path_stays_inside_the_view_box() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    _, _, width, height = (float(v) for v in data["viewBox"].split())
    for shape in county_shapes():
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.d)]
        assert all(0 <= x <= width for x in numbers[0::2]), shape.name
        assert all(0 <= y <= height for y in numbers[1::2]), shape.name


def test_map_attribution_credits_us_atlas() -> None:
    assert "US Atlas" in map_attribution()


def test_svg_draws_82_county_paths_each_with_its_name_as_title() -> None:
    root = parse(county_map_svg(title="Counties"))
    paths = root.findall(f".//{SVG_NS}path")
    assert len(paths) == 82
    titles = {p.get("data-fips"): p.find(f"{SVG_NS}title").text for p in paths}
    assert titles["28049"] == "Hinds County"
    assert titles["28163"] == "Yazoo County"


def test_svg_is_an_accessible_image_labelled_by_its_title() -> None:
    root = parse(county_map_svg(title="Offices by county", description="Details"))
    assert root.get("role") == "img"
    title = root.find(f"{SVG_NS}title")
    assert title.text == "Offices by county"
    assert root.get("aria-labelledby").split() == [title.get("id"), "ms-county-map-desc"]


def test_svg_has_no_external_references_or_scripts() -> None:
    svg = county_map_svg(title="Map", labels={"28049": "http://evil.example"})
    # The only URL allowed is the SVG namespace; label text is escaped text,
    # so check the markup outside text nodes.
    markup = re.sub(r">[^<]*<", "><", svg)
    assert re.findall(r"https?://[^\"'\s<>]*", markup) == ["http://www.w3.org/2000/svg"]
    for needle in ("<script", "href", "url(", "<style", "style=", "<image", "<use", "<foreign"):
        assert needle not in svg.lower()


def test_svg_output_is_marked_safe_for_templates() -> None:
    assert isinstance(county_map_svg(title="Map"), SafeString)


def test_malicious_title_is_escaped() -> None:
    svg = county_map_svg(title='<script>alert("x")</script>')
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    assert parse(svg).find(f"{SVG_NS}title").text == '<script>alert("x")</script>'


def test_malicious_labels_and_description_are_escaped() -> None:
    svg = county_map_svg(
        title="t", description="</desc><script>x</script>", labels={"28049": "<b onclick=x>"}
    )
    assert "<script" not in svg
    assert "<b " not in svg
    root = parse(svg)
    hinds = next(p for p in root.iter(f"{SVG_NS}path") if p.get("data-fips") == "28049")
    assert hinds.find(f"{SVG_NS}title").text == "Hinds County: <b onclick=x>"


def test_css_classes_are_added_per_county() -> None:
    root = parse(county_map_svg({"28049": "bin-3", "28027": "high"}, title="t"))
    classes = {p.get("data-fips"): p.get("class").split() for p in root.iter(f"{SVG_NS}path")}
    assert "bin-3" in classes["28049"]
    assert "high" in classes["28027"]
    assert classes["28001"] == ["county", "county-28001"]


@pytest.mark.parametrize("css", ['x" onload="alert(1)', "Bin", "a b", "", "bin_1", "é", "x>"])
def test_invalid_css_class_is_rejected(css: str) -> None:
    with pytest.raises(ValueError, match="CSS class"):
        county_map_svg({"28049": css}, title="t")


def test_unknown_fips_is_rejected() -> None:
    with pytest.raises(ValueError, match="FIPS"):
        county_map_svg({"22071": "x"}, title="t")
    with pytest.raises(ValueError, match="FIPS"):
        county_map_svg(title="t", highlight="99999")


def test_fills_accept_only_hex_colours() -> None:
    root = parse(county_map_svg(title="t", fills={"28049": "#ff0000"}))
    hinds = next(p for p in root.iter(f"{SVG_NS}path") if p.get("data-fips") == "28049")
    assert hinds.get("fill") == "#ff0000"
    with pytest.raises(ValueError, match="fill"):
        county_map_svg(title="t", fills={"28049": "url(http://x/y)"})


def test_highlighted_county_is_outlined_and_drawn_last() -> None:
    root = parse(county_map_svg(title="t", highlight="28049"))
    paths = list(root.iter(f"{SVG_NS}path"))
    assert paths[-1].get("data-fips") == "28049"
    assert "is-highlighted" in paths[-1].get("class").split()
    assert len(paths) == 82


def test_id_prefix_keeps_ids_unique_and_is_validated() -> None:
    root = parse(county_map_svg(title="t", id_prefix="map-2"))
    assert root.find(f"{SVG_NS}title").get("id") == "map-2-title"
    with pytest.raises(ValueError):
        county_map_svg(title="t", id_prefix='x" onload="y')


def test_empty_title_is_rejected() -> None:
    with pytest.raises(ValueError, match="title"):
        county_map_svg(title="  ")
