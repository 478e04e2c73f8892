import pytest
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from rightsdesk.vault.crypto import blind_index
from rightsdesk.vault.testing import plaintext_found
from rightsdesk.vault.tests.specimens.models import Person

pytestmark = pytest.mark.django_db

NAME = "Rosa Delgado-Martínez"
PHONE = "(601) 555-0142"
STORY = "Deputies stopped us at the checkpoint on Highway 80 near Pearl"


def test_encrypted_fields_round_trip_and_leave_no_plaintext_in_the_database(file_store):
    person = Person.objects.create(full_name=NAME, phone=PHONE, story={"what": STORY, "n": 3})
    person.document.save(
        "rosa-passport.pdf", ContentFile(b"%PDF-1.4 passport of Rosa " + STORY.encode())
    )
    loaded = Person.objects.get(pk=person.pk)
    assert loaded.full_name == NAME
    assert loaded.phone == PHONE
    assert loaded.story == {"what": STORY, "n": 3}
    assert loaded.document.read().endswith(STORY.encode())
    assert (
        plaintext_found(
            [
                NAME,
                "Delgado",
                PHONE,
                "555-0142",
                STORY,
                "Highway 80",
                "rosa-passport",
                "passport of Rosa",
            ],
            root=file_store,
        )
        == []
    )


def test_an_encrypted_column_cannot_be_searched_by_value():
    with pytest.raises(FieldError, match="blind index"):
        Person.objects.filter(full_name="Rosa").exists()
    assert Person.objects.filter(phone__isnull=True).count() == 0


def test_the_blind_index_finds_a_person_by_a_variant_of_their_name_or_number():
    rosa = Person.objects.create(full_name=NAME, phone=PHONE)
    Person.objects.create(full_name="Rosa Delgado", phone="601-555-0199")
    assert list(
        Person.objects.filter(full_name_index=blind_index("name", "rosa delgado martinez"))
    ) == [rosa]
    assert list(Person.objects.filter(phone_index=blind_index("phone", "+1 601 555 0142"))) == [
        rosa
    ]


def test_the_blind_index_follows_changes_and_empties():
    person = Person.objects.create(full_name="Ana", phone=None)
    assert person.phone_index == ""
    person.full_name = "Beatriz"
    person.save()
    assert Person.objects.get(full_name_index=blind_index("name", "beatriz")) == person


def test_stored_files_have_random_names_and_no_url(file_store):
    name = default_storage.save("uploads/Juan Perez complaint.txt", ContentFile(b"hello Juan"))
    assert "Juan" not in name and name.startswith("uploads/") and name.endswith(".rdf")
    on_disk = (file_store / name).read_bytes()
    assert b"hello" not in on_disk and on_disk.startswith(b"RDF1")
    assert default_storage.size(name) == len(b"hello Juan")
    with default_storage.open(name) as handle:
        assert handle.read() == b"hello Juan"
    with pytest.raises(NotImplementedError):
        default_storage.url(name)
    with pytest.raises(ValueError):
        default_storage.open(name, "wb")
