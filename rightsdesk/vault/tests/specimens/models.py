from django.db import models

from rightsdesk.vault.fields import BlindIndexField, EncryptedJSONField, EncryptedTextField


class Person(models.Model):
    full_name = EncryptedTextField()
    full_name_index = BlindIndexField(source="full_name", kind="name")
    phone = EncryptedTextField(null=True, blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")
    story = EncryptedJSONField(null=True, blank=True)
    document = models.FileField(upload_to="specimens", blank=True)

    def __str__(self) -> str:
        return f"person {self.pk}"
