"""Settings for the test suite: a throw-away data directory and key file per run.

DATABASE_URL still chooses the database, so the same tests run on SQLite and PostgreSQL.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_scratch = Path(tempfile.mkdtemp(prefix="rightsdesk-test-"))
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
os.environ["RIGHTSDESK_DATA_DIR"] = str(_scratch / "data")
os.environ["RIGHTSDESK_KEY_FILE"] = str(_scratch / "keys" / "keys.json")
os.environ["RIGHTSDESK_HTTPS"] = "false"
for _name in ("RIGHTSDESK_ENCRYPTION_KEYS", "RIGHTSDESK_SECRET_KEY", "RIGHTSDESK_DEBUG"):
    os.environ.pop(_name, None)

from rightsdesk.vault.keyring import create_key_file  # noqa: E402

create_key_file(Path(os.environ["RIGHTSDESK_KEY_FILE"]))

from rightsdesk.settings import *  # noqa: E402, F403
from rightsdesk.settings import DATABASES, LOGGING  # noqa: E402

# Fast hashing: the tests sign in hundreds of times; production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# SQLite empties tables between transactional tests with DELETE, which the append-only guard
# refuses; PostgreSQL uses TRUNCATE, so the guards stay on there (and a test installs them on
# SQLite to prove they work).
AUDIT_DATABASE_GUARDS = DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"
# Quiet, but our loggers still propagate so tests can read them with caplog.
LOGGING = {
    **LOGGING,
    "root": {"handlers": [], "level": "WARNING"},
    "loggers": {
        "rightsdesk": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"handlers": [], "level": "CRITICAL"},
    },
}
INSTALLED_APPS = [*INSTALLED_APPS, "rightsdesk.vault.tests.specimens"]  # noqa: F405
# The live test server always mounts a media handler and needs a URL for it; nothing is there.
MEDIA_URL = "/media-is-never-served/"
# Tasks run at once, in the test's own thread and transaction.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test starts with an empty cache (conftest), also tests without a database; the database
# cache that production uses is tested through real server processes (test_serve_processes.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
