import pytest

from rightsdesk.intake.paper_form import blank_form_pdf
from rightsdesk.intake.steps import steps_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Who needs help?"), ("es", "¿Quién necesita ayuda?")]
)
def test_the_blank_form_asks_every_question_in_its_language(language, title):
    pdf = blank_form_pdf(language, compress=False)
    assert pdf.startswith(b"%PDF-")
    text = pdf.decode("latin-1")
    assert title in text
    assert text.count("15. ") >= 1  # all fifteen steps are on paper


def test_the_blank_form_is_served_to_the_public_as_a_pdf(client):
    response = client.get("/complaint/paper-form/blank-es.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get("/complaint/paper-form/blank-fr.pdf").status_code == 404


def test_the_paper_form_has_the_same_steps_as_the_online_form():
    text = blank_form_pdf("en", compress=False).decode("latin-1")
    for number, step in enumerate(steps_for("help"), 1):
        assert f"{number}. {step.title}" in text
