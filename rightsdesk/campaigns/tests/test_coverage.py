from rightsdesk.campaigns.coverage import ordinance_coverage, seed_records


def _complaint(city: str) -> dict:
    return {"incident": {"what": "x", "where": {"city": city}}}


def test_clarksdale_covers_gender_identity_in_public_accommodations():
    coverage = ordinance_coverage(
        _complaint("clarksdale"),
        classes=["gender_identity"],
        areas=["public_accommodations"],
        ordinances=seed_records(),
    )
    assert coverage.has_ordinance and coverage.covered and coverage.coverage_confirmed
    assert "August 2018" in coverage.source_note and not coverage.counts_for_campaign


def test_a_class_the_ordinance_does_not_name_is_not_covered_and_counts_for_the_campaign():
    coverage = ordinance_coverage(
        _complaint("Clarksdale"), classes=["race"], areas=["housing"], ordinances=seed_records()
    )
    assert coverage.has_ordinance and not coverage.covered and coverage.counts_for_campaign


def test_a_town_without_an_ordinance_counts_for_the_campaign_only_with_a_class():
    with_class = ordinance_coverage(
        _complaint("Forest"),
        classes=["sexual_orientation"],
        areas=["employment"],
        ordinances=seed_records(),
    )
    assert not with_class.has_ordinance and with_class.counts_for_campaign
    no_class = ordinance_coverage(
        _complaint("Forest"), classes=[], areas=["policing"], ordinances=seed_records()
    )
    assert not no_class.counts_for_campaign


def test_unconfirmed_seed_records_say_so():
    jackson = ordinance_coverage(
        _complaint("Jackson"),
        classes=["gender_identity"],
        areas=["employment"],
        ordinances=seed_records(),
    )
    assert jackson.has_ordinance and not jackson.coverage_confirmed
    assert "pending a check" in jackson.source_note


def test_no_place_no_crash():
    coverage = ordinance_coverage(
        {"incident": {"what": "x"}}, classes=["race"], areas=[], ordinances=seed_records()
    )
    assert not coverage.has_ordinance


def test_the_database_is_seeded_with_the_three_ordinances(db):
    from rightsdesk.campaigns.selectors import ordinance_records

    records = ordinance_records()
    assert [r.municipality for r in records] == ["Clarksdale", "Jackson", "Magnolia"]
    assert {r.adopted_on[:7] for r in records} == {"2016-01", "2017-03", "2018-08"}
