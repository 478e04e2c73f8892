from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.accounts.models import User
from rightsdesk.accounts.services import staff_create


class Command(BaseCommand):
    help = "Create a staff account (the first admin, for example). They set up MFA at sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", default=User.Role.ADMIN, choices=User.Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--temporary-password",
            action="store_true",
            help="print a temporary password instead of asking for one",
        )

    def handle(
        self,
        *args: Any,
        username: str,
        role: str,
        email: str,
        first_name: str,
        last_name: str,
        temporary_password: bool,
        **options: Any,
    ) -> None:
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"There is already an account called {username!r}.")
        password: str | None = None
        if not temporary_password and sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The two passwords are not the same.")
            try:
                password_validation.validate_password(password, User(username=username))
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        try:
            user, used = staff_create(
                by="createstaff",
                username=username,
                role=role,
                email=email,
                first_name=first_name,
                last_name=last_name,
                password=password,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}).")
        if password is None:
            self.stdout.write(f"Temporary password (shown once): {used}")
        self.stdout.write("At first sign-in they set up an authenticator app (TOTP).")
