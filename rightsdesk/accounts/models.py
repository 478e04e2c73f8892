from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedTextField


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    LEGAL_DIRECTOR = "legal_director", _("Legal director")
    ATTORNEY = "attorney", _("Staff attorney")
    INTAKE = "intake", _("Intake staff")
    COORDINATOR = "coordinator", _("Pro bono coordinator")
    ORGANISER = "organiser", _("Organiser")
    VOLUNTEER_ATTORNEY = "volunteer_attorney", _("Volunteer attorney")
    INTERPRETER = "interpreter", _("Volunteer interpreter")


class User(AbstractUser):
    """A member of staff or a volunteer. Every account has exactly one role."""

    Role = Role

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    must_change_password = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            # Sign-in ignores case, so two accounts may not differ only by case.
            models.UniqueConstraint(Lower("username"), name="username_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_volunteer(self) -> bool:
        return self.role in {self.Role.VOLUNTEER_ATTORNEY, self.Role.INTERPRETER}

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class MfaDevice(models.Model):
    """A TOTP authenticator app. The shared secret is encrypted like people's data: with it, a
    copy of the database would be enough to pass the second factor."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="mfa_device")
    secret = EncryptedTextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last accepted time step: a code is never accepted twice.
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("authenticator")

    def __str__(self) -> str:
        return f"authenticator for {self.user}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None
