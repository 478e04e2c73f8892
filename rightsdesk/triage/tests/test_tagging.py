"""Complaint tagging: each group in English and Spanish, evidence spans, bad input, and quality."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightsdesk.triage.quality import load_cases, micro_f1, score
from rightsdesk.triage.results import Tagging
from rightsdesk.triage.tagging import normalise, tag_complaint
from rightsdesk.triage.taxonomy import tags

DATA = Path(__file__).parent / "data"
# The labelled examples were written in late November 2026; court dates are judged from then.
TODAY = date(2026, 11, 20)


def complaint(what: str, *, parties: list[tuple[str, str]] | None = None, **extra: Any) -> dict:
    data: dict[str, Any] = {"incident": {"what": what}}
    if parties is not None:
        data["responsible_parties"] = [{"name": n, "role": r} for n, r in parties]
    data.update(extra)
    return data


def tag(data: Any) -> Tagging:
    return tag_complaint(data, today=TODAY)


def resolve(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def assert_evidence_is_real(data: Any, tagging: Tagging) -> None:
    """Every tag has evidence, and every evidence span is a slice of the field it names."""
    for group in ("classes", "areas", "actors", "urgency"):
        for t in getattr(tagging, group):
            assert any(e.group == group and e.tag == t for e in tagging.evidence), (group, t)
    if tagging.scope == "systemic":
        assert any(e.group == "scope" for e in tagging.evidence)
    else:
        assert not any(e.group == "scope" for e in tagging.evidence)
    for e in tagging.evidence:
        value = resolve(data, e.field)
        text = value if isinstance(value, str) else str(value)
        assert 0 <= e.start < e.end <= len(text), e
        assert text[e.start : e.end] == e.text, e


def evidence_texts(tagging: Tagging, group: str, tag_key: str) -> list[str]:
    return [e.text for e in tagging.evidence if e.group == group and e.tag == tag_key]


# --- Classes ----------------------------------------------------------------------------------


def test_pregnancy_at_work_is_sex_in_english():
    t = tag(
        complaint(
            "When I told my manager at the warehouse I was pregnant he cut me from the schedule.",
            parties=[("Warehouse manager", "cut my hours")],
        )
    )
    assert t.classes == ["sex"]
    assert t.areas == ["employment"]
    assert t.actors == ["employer"]


def test_pregnancy_at_work_is_sex_in_spanish():
    t = tag(
        complaint(
            "En la fábrica me despidieron cuando supieron que estoy embarazada.",
            parties=[("La fábrica", "me despidió")],
        )
    )
    assert t.classes == ["sex"]
    assert "employment" in t.areas


def test_a_wife_being_pregnant_is_not_a_sex_claim():
    t = tag(
        complaint("Me van a deportar el lunes. Mi esposa está embarazada.", parties=[("ICE", "")])
    )
    assert "sex" not in t.classes


def test_papers_and_social_security_number_demanded_is_immigration_status_in_spanish():
    t = tag(
        complaint(
            "En la oficina me pidieron el número de seguro social y me preguntaron si tengo "
            "papeles.",
            parties=[("Oficina de Medicaid de Mississippi", "")],
        )
    )
    assert "immigration_status" in t.classes


def test_a_status_question_that_was_not_asked_is_not_immigration_status():
    t = tag(
        complaint(
            "Había un retén de la policía. Me pidieron licencia. No nos preguntaron nada de "
            "papeles.",
            parties=[("Policía de Forest", "el retén")],
        )
    )
    assert t.classes == []
    assert t.areas == ["policing"]


def test_a_class_the_writer_denies_is_not_tagged():
    t = tag(
        complaint(
            "The officer held me 45 minutes for a stop sign. I'm not saying it was because I'm "
            "Black, I just want to know my rights.",
            parties=[("Hattiesburg Police Department", "held me")],
        )
    )
    assert t.classes == []


def test_black_guests_refused_rooms_given_to_a_white_guest_is_race():
    t = tag(
        complaint(
            "The motel said it was full, then gave my white coworker a room. Black guests were "
            "all told the same.",
            parties=[("Motel front desk", "refused rooms")],
        )
    )
    assert t.classes == ["race"]
    assert t.areas == ["public_accommodations"]


def test_lighter_skin_preferred_within_one_race_is_color_not_race():
    t = tag(
        complaint(
            "The owner, who is Black like me, only lets the light-skinned girls work the register.",
            parties=[("Store owner", "")],
        )
    )
    assert t.classes == ["color"]


def test_refusing_spanish_speakers_is_national_origin_in_spanish():
    t = tag(
        complaint(
            'En la farmacia la empleada me dijo "speak English or leave" y no me quiso atender.',
            parties=[("Farmacia", "no me atendió")],
        )
    )
    assert t.classes == ["national_origin"]
    assert t.areas == ["public_accommodations"]
    assert t.actors == ["business"]


def test_a_deaf_persons_interpreter_is_disability_not_national_origin():
    t = tag(
        complaint(
            "I am deaf. The Social Security office refused an ASL interpreter. "
            "They still have not given me an interpreter.",
            parties=[("Social Security Administration", "")],
        )
    )
    assert t.classes == ["disability"]
    assert t.actors == ["federal_other"]
    assert t.areas == ["other"]


def test_an_ethnic_insult_in_a_private_deposit_dispute_is_no_class_and_individual():
    t = tag(
        complaint(
            "My landlord kept my $800 deposit over a carpet stain. When I argued he called me a "
            "stupid Mexican and told me to go back to my country.",
            parties=[("Landlord", "kept my deposit")],
        )
    )
    assert t.classes == []
    assert t.areas == ["housing"]
    assert t.actors == ["housing_provider"]
    assert t.scope == "individual"


def test_gender_identity_and_sexual_orientation_in_both_languages():
    trans = tag(complaint("I am a trans woman and HR fired me on my first day over my name."))
    gay = tag(complaint("Cuando el dueño supo que éramos gays no nos quiso rentar el salón."))
    assert "gender_identity" in trans.classes
    assert "sex" not in trans.classes
    assert gay.classes == ["sexual_orientation"]


# --- Areas ------------------------------------------------------------------------------------


def test_a_checkpoint_alone_is_policing_not_immigration_enforcement():
    en = tag(
        complaint(
            "Sheriff's deputies ran a license checkpoint and searched every trunk.",
            parties=[("Rankin County Sheriff's Department", "checkpoint")],
        )
    )
    es = tag(
        complaint(
            "Había un retén del sheriff a la salida de la planta, pedían licencia nomás.",
            parties=[("Los del sheriff", "el retén")],
        )
    )
    for t in (en, es):
        assert t.areas == ["policing"]
        assert t.actors == ["police"]


def test_status_asked_at_a_checkpoint_is_immigration_enforcement():
    t = tag(
        complaint(
            "En el retén el sheriff nos pregunta si tenemos papeles y de qué país venimos.",
            parties=[("Sheriff del condado", "el retén")],
        )
    )
    assert t.areas == ["policing", "immigration_enforcement"]
    assert set(t.classes) == {"national_origin", "immigration_status"}


def test_an_ice_arrest_is_immigration_enforcement_and_status():
    t = tag(complaint("Agentes de la migra se llevaron a mi esposo afuera de la casa."))
    assert t.areas == ["immigration_enforcement"]
    assert t.actors == ["federal_immigration"]
    assert t.classes == ["immigration_status"]


def test_ice_in_lowercase_is_frozen_water():
    t = tag(complaint("I slipped on the ice outside the store and the manager laughed."))
    assert "federal_immigration" not in t.actors
    assert "immigration_enforcement" not in t.areas


def test_fear_that_data_goes_to_immigration_is_not_surveillance_or_enforcement():
    t = tag(
        complaint(
            "La escuela pide el seguro social de los papás. Las mamás tienen miedo a que pasen los "
            "datos a inmigración.",
            parties=[("Distrito escolar", "la forma")],
        )
    )
    assert "surveillance_privacy" not in t.areas
    assert "immigration_enforcement" not in t.areas
    assert t.areas == ["education"]


def test_religious_dress_at_a_public_school_is_speech_religion_too():
    t = tag(
        complaint(
            "The principal sent my daughter home for wearing her hijab.",
            parties=[("Tupelo Public School District", "dress code")],
        )
    )
    assert t.classes == ["religion"]
    assert t.areas == ["education", "speech_religion"]
    assert t.actors == ["school"]


def test_religious_dress_at_a_private_employer_is_employment_only():
    t = tag(
        complaint(
            "Limpio cuartos en un hotel. Por mi religión uso falda y el gerente me mandó a la casa "
            "sin pago.",
            parties=[("Gerente del hotel", "me mandó a la casa")],
        )
    )
    assert t.classes == ["religion"]
    assert t.areas == ["employment"]
    assert t.actors == ["employer"]


def test_a_state_id_office_is_area_other():
    t = tag(
        complaint(
            "The driver's license office would not take my birth certificate from Mexico.",
            parties=[("Mississippi Department of Public Safety, driver's license office", "")],
        )
    )
    assert t.areas == ["other"]
    assert t.actors == ["state_government"]
    assert t.classes == ["national_origin"]


def test_a_city_service_is_public_accommodations():
    t = tag(
        complaint(
            "El parque acuático de la ciudad no nos dejó entrar con la matrícula consular.",
            parties=[("Ciudad de Pearl", "parque acuático")],
        )
    )
    assert t.areas == ["public_accommodations"]
    assert t.actors == ["local_government"]


def test_detention_only_when_conditions_are_complained_about():
    held = tag(
        complaint(
            "ICE took my husband to Adams County. He has a hearing in January.",
            parties=[("ICE", "arrest")],
            detention={"is_detained": True, "facility": "Adams County Correctional Center"},
        )
    )
    conditions = tag(
        complaint(
            "Mi hijo está en la cárcel del condado. No le dan su medicina y hace mucho frío.",
            detention={"is_detained": True, "facility": "Cárcel del condado Harrison"},
        )
    )
    assert "detention" not in held.areas
    assert "jail_prison" not in held.actors
    assert "detention" in conditions.areas
    assert "jail_prison" in conditions.actors


def test_an_eviction_case_alone_is_housing_not_courts():
    t = tag(
        complaint(
            "El dueño de la traila me puso una demanda de desalojo. La audiencia es en la corte.",
            parties=[("El dueño de la traila", "me quiere sacar")],
        )
    )
    assert t.areas == ["housing"]
    assert t.actors == ["housing_provider"]
    assert t.scope == "individual"


def test_jailed_for_unpaid_fines_is_courts_due_process():
    t = tag(
        complaint(
            "The judge sent me to jail for not paying fines without asking if I could pay.",
            parties=[("Municipal Court judge", "")],
        )
    )
    assert t.areas == ["courts_due_process"]
    assert t.actors == ["local_government"]


def test_voting_and_public_comment():
    vote = tag(
        complaint(
            "El trabajador de la casilla no me dejó ayudar a mi papá a votar.",
            parties=[("Comisión electoral del condado", "")],
        )
    )
    speech = tag(
        complaint(
            "The council president banned me from public comment for criticizing him.",
            parties=[("City Council president", "")],
        )
    )
    assert vote.areas == ["voting"]
    assert speech.areas == ["speech_religion"]


# --- Actors -----------------------------------------------------------------------------------


def test_a_sheriff_running_the_jail_is_jail_prison():
    t = tag(
        complaint(
            "The toilet in his cell block is broken and he has not seen a doctor.",
            parties=[("Hinds County Sheriff", "runs the jail")],
            detention={"is_detained": True, "facility": "Raymond Detention Center"},
        )
    )
    assert t.actors == ["jail_prison"]
    assert t.areas == ["detention"]


def test_deputies_on_patrol_are_police_in_spanish():
    t = tag(
        complaint(
            "Los del sheriff me pararon caminando y me patearon en el suelo.",
            parties=[("Los del sheriff del condado Scott", "me golpearon")],
        )
    )
    assert t.actors == ["police"]
    assert t.areas == ["policing"]


def test_the_law_is_police_in_mississippi_english():
    t = tag(complaint("The law pulled me over and searched my car for no reason."))
    assert t.actors == ["police"]


def test_a_public_school_district_as_employer_is_school_and_employment():
    t = tag(
        complaint(
            "I teach third grade. My principal said my contract would not be renewed because I "
            "am pregnant.",
            parties=[("Jackson Public School District", "non-renewal")],
        )
    )
    assert t.actors == ["school"]
    assert t.areas == ["employment"]
    assert t.classes == ["sex"]


def test_a_party_given_only_as_them_falls_back_to_the_narrative():
    t = tag(
        complaint(
            "Llevé mi carro a un taller y ahora no me devuelven el dinero.",
            parties=[("them", "")],
        )
    )
    assert t.actors == ["business"]
    assert t.areas == ["other"]
    assert t.scope == "individual"


def test_a_bystander_officer_who_served_papers_is_not_an_actor():
    t = tag(complaint("A deputy served me the eviction papers. My landlord won't fix the roof."))
    assert "police" not in t.actors
    assert t.actors == ["housing_provider"]


# --- Urgency ----------------------------------------------------------------------------------


def test_detained_comes_from_the_detention_block():
    data = complaint("Help my son.", detention={"is_detained": True})
    t = tag(data)
    assert t.urgency == ["detained"]
    ev = [e for e in t.evidence if e.tag == "detained"]
    assert ev[0].field == "detention.is_detained"
    assert (ev[0].start, ev[0].end, ev[0].text) == (0, 4, "True")


def test_detained_from_the_narrative_for_a_relative_but_not_a_friend_of_a_friend():
    son = tag(complaint("A mi hijo lo arrestaron y todavía está en la cárcel de Carthage."))
    friend = tag(complaint("The friend of a friend of mine is still in jail in Gulfport."))
    assert "detained" in son.urgency
    assert "detained" not in friend.urgency


def test_only_future_court_dates_count():
    future = tag(complaint("Trial coming.", court_dates=[{"date": "2027-01-19"}]))
    today = tag(complaint("Trial today.", court_dates=[{"date": TODAY.isoformat()}]))
    past = tag(complaint("Hearing was held.", court_dates=[{"date": "2026-10-01"}]))
    assert future.urgency == ["court_date"]
    assert today.urgency == ["court_date"]
    assert past.urgency == []
    ev = [e for e in future.evidence if e.tag == "court_date"][0]
    assert (ev.field, ev.text) == ("court_dates.0.date", "2027-01-19")


def test_a_court_date_in_the_narrative_counts_when_the_form_has_none():
    t = tag(complaint("Mi hermano tiene audiencia en la corte de inmigración el 3 de febrero."))
    assert "court_date" in t.urgency


def test_removal_risk_in_both_languages():
    es = tag(complaint("Me van a deportar la próxima semana.", parties=[("ICE", "")]))
    en = tag(complaint("He has a final order of removal and leaves on a bus Tuesday."))
    fear = tag(complaint("I am afraid they could deport me one day.", parties=[("ICE", "")]))
    assert "removal_risk" in es.urgency
    assert "removal_risk" in en.urgency
    assert "removal_risk" not in fear.urgency


def test_ongoing_in_both_languages_and_not_yet_is_not_ongoing():
    assert "ongoing" in tag(complaint("They still have not fixed it.")).urgency
    assert "ongoing" in tag(complaint("Nos descuentan cada semana.")).urgency
    assert "ongoing" in tag(complaint("Todavía no me dan horas.")).urgency
    assert "ongoing" not in tag(complaint("Queremos que no lo deporten todavía.")).urgency
    assert "ongoing" not in tag(complaint("The video shows him lying still.")).urgency


# --- Scope ------------------------------------------------------------------------------------


def test_a_government_actor_makes_it_systemic_with_the_actors_words_as_evidence():
    t = tag(complaint("They took my car.", parties=[("Laurel Police Department", "")]))
    assert t.scope == "systemic"
    scope = [e for e in t.evidence if e.group == "scope"]
    assert scope and scope[0].field == "responsible_parties.0.name"
    assert scope[0].text == "Police"


def test_a_private_loan_is_individual_with_no_scope_evidence():
    t = tag(
        complaint("Le presté 2,000 dólares a un amigo y no me paga.", parties=[("Un amigo", "")])
    )
    assert t.scope == "individual"
    assert t.actors == ["individual"]
    assert not [e for e in t.evidence if e.group == "scope"]


def test_a_practice_hitting_everyone_makes_a_private_employer_systemic():
    t = tag(
        complaint(
            "El patrón no paga las horas extras a todos los trabajadores de la obra.",
            parties=[("Contratista", "")],
        )
    )
    assert t.scope == "systemic"


# --- Evidence ---------------------------------------------------------------------------------


def test_evidence_points_into_the_original_accented_text():
    data = complaint(
        "Mi esposo está DETENIDO en la cárcel; todavía no le dan la MEDICINA.",
        detention={"is_detained": True, "facility": "Cárcel del Condado"},
    )
    t = tag(data)
    assert_evidence_is_real(data, t)
    assert "todavía" in evidence_texts(t, "urgency", "ongoing")
    assert evidence_texts(t, "actors", "jail_prison") == ["cárcel"]
    assert "MEDICINA" in evidence_texts(t, "areas", "detention")


def test_evidence_spans_survive_decomposed_accents():
    what = unicodedata.normalize("NFD", "Mi hijo todavía está en la cárcel y no le dan comida.")
    data = complaint(what, parties=[("Cárcel del condado", "")])
    t = tag(data)
    assert_evidence_is_real(data, t)
    assert "ongoing" in t.urgency


def test_normalise_keeps_length_and_strips_accents():
    text = "Cárcel, ÑANDÚ “papeles” İ ß ﬁ"
    assert len(normalise(text)) == len(text)
    assert normalise("Detención ÑOÑO") == "detencion nono"


@pytest.mark.parametrize("name", ["examples.jsonl", "heldout.jsonl"])
def test_every_tag_on_the_labelled_sets_has_evidence_that_matches_the_text(name):
    for case in load_cases(DATA / name):
        assert_evidence_is_real(case["complaint"], tag(case["complaint"]))


def test_only_taxonomy_keys_come_out():
    for case in load_cases(DATA / "examples.jsonl") + load_cases(DATA / "heldout.jsonl"):
        t = tag(case["complaint"])
        for group in ("classes", "areas", "actors", "urgency"):
            assert set(getattr(t, group)) <= set(tags(group))
        assert t.scope in tags("scope")


# --- Bad input --------------------------------------------------------------------------------

BAD_INPUTS = [
    None,
    [],
    "ICE took my husband",
    {},
    {"incident": None},
    {"incident": "what"},
    {"incident": {"what": ""}},
    {"incident": {"what": None}},
    {"incident": {"what": 12345}},
    {"incident": {"what": "ayuda"}},
    {"incident": {"what": "Help"}},
    {"incident": {"what": "!!! ??? 123 --- $$$"}},
    {"incident": {"what": "   \n\t  "}},
    {"incident": {"what": "la migra " * 2500}},
    {"incident": {"what": ("still " * 4000)[:20000]}},
    {"incident": {"what": "ICE" + "a" * 19997}},
    {"incident": {"what": "Mi jefe at the plant said que no tengo papers, so he fired me y ya."}},
    {"incident": {"what": "x", "where": "Jackson", "why": 5, "who": ["a"]}},
    {"incident": {"what": "them"}, "responsible_parties": [{"name": "them"}]},
    {"incident": {"what": "they hit me"}, "responsible_parties": [{"name": "ellos", "role": None}]},
    {"incident": {"what": "x"}, "responsible_parties": "ICE"},
    {"incident": {"what": "x"}, "responsible_parties": ["ICE", None, 7, {"role": "boss"}]},
    {"incident": {"what": "x"}, "responsible_parties": [{"name": None, "role": None}]},
    {"incident": {"what": "x"}, "court_dates": [{"date": "2026-13-45"}, {"date": "next week"}]},
    {"incident": {"what": "x"}, "court_dates": [{"date": None}, {}, None, "2027-01-01"]},
    {"incident": {"what": "x"}, "court_dates": "2027-01-01"},
    {"incident": {"what": "x"}, "detention": "yes"},
    {"incident": {"what": "x"}, "detention": {"is_detained": "true", "facility": 3}},
    {"incident": {"what": "x"}, "involves_police": "yes", "on_behalf": []},
    {"incident": {"what": "x"}, "prior_actions": [None, {"description": None}, "called"]},
    {"incident": {"what": "x"}, "requested_help": None, "explanation_given": {"a": 1}},
]


@pytest.mark.parametrize("data", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_does_not_crash_and_still_explains_itself(data):
    t = tag(data)
    assert isinstance(t, Tagging)
    assert t.scope in {"systemic", "individual"}
    if isinstance(data, dict):
        assert_evidence_is_real(data, t)
    else:
        assert t == Tagging()


def test_an_empty_complaint_gets_no_tags():
    t = tag({"incident": {"what": ""}})
    assert (t.classes, t.areas, t.actors, t.urgency, t.scope) == ([], [], [], [], "individual")


def test_today_defaults_to_the_current_date():
    far = {"incident": {"what": "x"}, "court_dates": [{"date": "2999-01-01"}]}
    assert tag_complaint(far).urgency == ["court_date"]


# --- Quality ----------------------------------------------------------------------------------


def test_micro_f1_pools_counts_across_cases():
    assert micro_f1([]) == 1.0
    assert micro_f1([([], [])]) == 1.0
    assert micro_f1([(["a"], ["a"]), (["b"], [])]) == pytest.approx(2 / 3)
    assert micro_f1([(["a"], ["b"])]) == 0.0


def test_the_heldout_set_covers_every_tag_and_both_languages():
    cases = load_cases(DATA / "heldout.jsonl")
    assert len(cases) >= 30
    languages = Counter(c["complaint"].get("language") for c in cases)
    assert languages["es"] >= len(cases) * 0.4 and languages["en"] >= len(cases) * 0.4
    for group in ("classes", "areas", "actors", "urgency"):
        seen = {t for c in cases for t in c["expected"][group]}
        assert seen == set(tags(group)), (group, set(tags(group)) - seen)
    assert {c["expected"]["scope"] for c in cases} == {"systemic", "individual"}
    ids = [c["id"] for c in cases] + [c["id"] for c in load_cases(DATA / "examples.jsonl")]
    assert len(ids) == len(set(ids))
    for c in cases:  # fictional contact details only
        text = json.dumps(c["complaint"])
        assert "@" not in text or "@example.org" in text


# Floors sit a little below what the rules reach on these sets (about 0.97-1.0 per group), so a
# lexicon change that costs real accuracy fails here while one case flipping does not. Most of the
# held-out set was written blind, but the rules were then fixed against it: real complaints in new
# wording score lower (about 0.8 on the last untouched batch).
FLOORS = {"classes": 0.9, "areas": 0.9, "actors": 0.9, "urgency": 0.9, "scope": 0.9}


def test_quality_on_examples_and_heldout_stays_above_the_floor():
    cases = load_cases(DATA / "examples.jsonl") + load_cases(DATA / "heldout.jsonl")
    result = score(cases, today=TODAY)
    for group, floor in FLOORS.items():
        assert result[group] >= floor, (group, round(result[group], 3))


def test_random_junk_in_every_field_never_crashes():
    import random

    rng = random.Random(20261120)
    atoms: list[Any] = [None, True, 0, -1, 3.5, "", " ", "ICE", "cárcel", "2027-02-30", [], {}]
    atoms += ["\u0301" * 3, "e\u0301", "İ" * 5, "😀 la migra", "\x00\n\r", "still" * 50]
    keys = [
        "incident", "what", "why", "who", "where", "place", "responsible_parties", "name",
        "role", "detention", "is_detained", "facility", "court_dates", "date", "note",
        "involves_police", "prior_actions", "description", "requested_help", "on_behalf",
    ]  # fmt: skip

    def junk(depth: int) -> Any:
        roll = rng.random()
        if depth > 3 or roll < 0.4:
            return rng.choice(atoms)
        if roll < 0.7:
            return {rng.choice(keys): junk(depth + 1) for _ in range(rng.randint(0, 5))}
        return [junk(depth + 1) for _ in range(rng.randint(0, 4))]

    for _ in range(300):
        data = junk(0)
        if isinstance(data, dict) and rng.random() < 0.7:
            data["incident"] = {"what": " ".join(str(rng.choice(atoms)) for _ in range(8))}
        t = tag(data)
        assert t.scope in {"systemic", "individual"}
        if isinstance(data, dict):
            assert_evidence_is_real(data, t)
