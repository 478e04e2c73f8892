"""RightsDesk settings: one file, driven by environment variables (see .env.example).

Defaults are the secure ones; only `rightsdesk serve` on a loopback address turns HTTPS-only
cookies off, because there is no TLS on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rightsdesk.envconfig import (
    default_data_dir,
    default_key_file,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)
from rightsdesk.vault.keyring import read_secret_key

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("RIGHTSDESK_DEBUG", False)
HTTPS = env_bool("RIGHTSDESK_HTTPS", True)

DATA_DIR = env_path("RIGHTSDESK_DATA_DIR", default_data_dir())
KEY_FILE = env_path("RIGHTSDESK_KEY_FILE", default_key_file())
# The task queue opens its SQLite file as Django starts, so the folder must exist by then.
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
if KEY_FILE.is_relative_to(DATA_DIR):
    raise ImproperlyConfigured(
        f"RIGHTSDESK_KEY_FILE ({KEY_FILE}) is inside RIGHTSDESK_DATA_DIR ({DATA_DIR}). "
        "Keep the key somewhere else, so a copy of the data alone reveals nothing."
    )
# Backups (`rightsdesk backup` without --output, and the daily task): beside the data directory,
# never inside it, so a backup is never backed up into the next one.
BACKUP_DIR = env_path("RIGHTSDESK_BACKUP_DIR", DATA_DIR.parent / f"{DATA_DIR.name}-backups")
if BACKUP_DIR.is_relative_to(DATA_DIR):
    raise ImproperlyConfigured(
        f"RIGHTSDESK_BACKUP_DIR ({BACKUP_DIR}) is inside RIGHTSDESK_DATA_DIR ({DATA_DIR}). "
        "Keep backups somewhere else."
    )

SECRET_KEY = env_str("RIGHTSDESK_SECRET_KEY") or read_secret_key(KEY_FILE)

ALLOWED_HOSTS = env_list("RIGHTSDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("RIGHTSDESK_CSRF_TRUSTED_ORIGINS", [])

ORGANISATION_NAME = env_str("RIGHTSDESK_ORGANISATION_NAME", "RightsDesk")
# Where paper forms go back to, lines separated by "|", e.g. "PO Box 100|Jackson, MS 39201".
ORGANISATION_ADDRESS = env_str("RIGHTSDESK_ORGANISATION_ADDRESS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "huey.contrib.djhuey",
    "rightsdesk.vault",
    "rightsdesk.accounts",
    "rightsdesk.geo",
    "rightsdesk.intake",
    "rightsdesk.campaigns",
    "rightsdesk.triage",
    "rightsdesk.cases",
    "rightsdesk.letters",
    "rightsdesk.network",
    "rightsdesk.events",
    "rightsdesk.reports",
    "rightsdesk.backups",
    "rightsdesk.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rightsdesk.core.middleware.RequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rightsdesk.core.middleware.PrivacyHeadersMiddleware",
    "rightsdesk.core.middleware.RequestBodyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rightsdesk.accounts.middleware.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rightsdesk.accounts.access.AccessPolicyMiddleware",
]

# Form fields are rendered by Jinja2 (see core/forms_rendering.py); pages stay Django templates.
FORM_RENDERER = "rightsdesk.core.forms_rendering.FormRenderer"

ROOT_URLCONF = "rightsdesk.urls"
WSGI_APPLICATION = "rightsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rightsdesk.core.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite in the data directory by default, PostgreSQL when DATABASE_URL is set.
_database_url = env_str("DATABASE_URL")
if _database_url:
    # Health checks: after the database restarts, each server thread's kept connection is dead;
    # without a check the next request on every thread fails (bench/faults.py --database-outage).
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "rightsdesk.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one request writes; IMMEDIATE takes the write lock
                # up front so two writers queue instead of failing with "database is locked".
                # synchronous=FULL: a receipt is shown only for a commit that survives power loss.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Each server thread keeps its connection rather than opening one per request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counters, which every server process must share
# (core/shared_cache.py): a table in the main database, or Redis with RIGHTSDESK_CACHE_URL.
CACHE_URL = env_str("RIGHTSDESK_CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "RIGHTSDESK_CACHE_URL must be a Redis address (redis://host:6379/1), or unset."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "rightsdesk",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "rightsdesk.core.shared_cache.AtomicDatabaseCache",
            "LOCATION": "rightsdesk_cache",
            # Rate-limit windows last an hour at most; culling keeps the table small.
            "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
        }
    }

STORAGES = {
    "default": {
        "BACKEND": "rightsdesk.vault.storage.EncryptedFileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = None  # assets are served from the apps by WhiteNoise; no collectstatic
# Serve our own assets straight from the apps: no collectstatic step, no other origin.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files are never served by URL; they leave only through checked download views.
MEDIA_URL = None

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:staff_home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Public forms started per hour from one address (kept only as a keyed hash, for an hour).
# Generous, because a clinic's wifi or a phone carrier puts many people behind one address.
FORMS_STARTED_PER_HOUR = env_int("RIGHTSDESK_FORMS_STARTED_PER_HOUR", 120, minimum=1)

# How long a closed matter is kept before it is due for review and deletion.
MATTER_RETENTION_YEARS = env_int("RIGHTSDESK_MATTER_RETENTION_YEARS", 7, minimum=1)

# Sign-in protection.
LOGIN_FAILURE_LIMIT = env_int("RIGHTSDESK_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("RIGHTSDESK_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
SESSION_IDLE_MINUTES = env_int("RIGHTSDESK_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("RIGHTSDESK_SESSION_MAX_HOURS", 10, minimum=1)

# Sessions and cookies: nothing persistent; everything gone when the browser closes.
# The session store keeps a session this long without activity: long enough for someone to
# write what happened without hurrying. Staff sessions end sooner: SessionLimitMiddleware
# enforces SESSION_IDLE_MINUTES for them.
PUBLIC_SESSION_HOURS = env_int("RIGHTSDESK_PUBLIC_SESSION_HOURS", 4, minimum=1)
SESSION_COOKIE_AGE = max(PUBLIC_SESSION_HOURS * 3600, SESSION_IDLE_MINUTES * 60)
# Saved when changed; SessionLimitMiddleware refreshes public sessions every few minutes.
SESSION_SAVE_EVERY_REQUEST = False
# Django's database sessions, saved without waiting for the disk (core/durability.py).
SESSION_ENGINE = "rightsdesk.core.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "rd_session"
CSRF_COOKIE_AGE = None
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "rd_csrf"
LANGUAGE_COOKIE_AGE = None
LANGUAGE_COOKIE_NAME = "rd_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Django's set_language (POST /language/) and the form's own switch both read these flags.
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS

# Transport and browser security.
SECURE_SSL_REDIRECT = HTTPS and env_bool("RIGHTSDESK_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("RIGHTSDESK_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("RIGHTSDESK_HSTS_PRELOAD", False)
# Preloading binds every subdomain of the organisation's domain to HTTPS for years: that is the
# organisation's decision (RIGHTSDESK_HSTS_PRELOAD), so the deploy check does not insist on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
BEHIND_PROXY = env_bool("RIGHTSDESK_BEHIND_PROXY", False)
# The TLS proxy's own address: only its X-Forwarded-* headers are believed.
TRUSTED_PROXY = env_str("RIGHTSDESK_TRUSTED_PROXY", "127.0.0.1")
if BEHIND_PROXY:
    # Only trust the header when a TLS proxy we run sets it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": under no-referrer, Chromium sends "Origin: null" with every
# form post and Django's CSRF check refuses it. No page loads or links anything from another
# origin with a referrer either way.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Only our own origin, for everything; inline SVG (QR codes, maps) needs no source.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "manifest-src": [SELF],
    },
}

# Internationalisation: English and Spanish.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("RIGHTSDESK_TIME_ZONE", "America/Chicago")
USE_TZ = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
# Uploads stay in memory until they are checked and encrypted: Django's default would spill
# files over 2.5 MB to the temporary folder in plaintext. RequestBodyMiddleware caps a
# request at REQUEST_MAX_BYTES, so this bounds the memory one request can take.
REQUEST_MAX_BYTES = 55 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Background tasks (emails, screening, reminders, purging expired drafts): huey. By default on
# a SQLite file in the data directory, so no extra server is needed; on PostgreSQL in the same
# database (huey's SQL storage through peewee: three tables, FOR UPDATE SKIP LOCKED), so several
# servers share one queue; on Redis when RIGHTSDESK_QUEUE_URL is set. `rightsdesk serve` starts
# one `rightsdesk worker` as a child process (or run it yourself with serve --no-worker).
# Task arguments are only record ids.
QUEUE_URL = env_str("RIGHTSDESK_QUEUE_URL")
HUEY: dict[str, Any] = {
    "name": "rightsdesk",
    "immediate": env_bool("RIGHTSDESK_TASKS_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
if QUEUE_URL:
    if not QUEUE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "RIGHTSDESK_QUEUE_URL must be a Redis address (redis://host:6379/0), or unset."
        )
    HUEY.update({"huey_class": "huey.RedisHuey", "url": QUEUE_URL})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    from rightsdesk.core.task_queue import task_queue_database

    HUEY.update(
        {
            "huey_class": "huey.contrib.sql_huey.SqlHuey",
            "database": task_queue_database(DATABASES["default"]),
        }
    )
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "tasks.sqlite3")})
# Tasks waiting while the worker has taken none for this long: a warning on the staff home page
# and 503 from /healthz?detail=1. Above the idle heartbeat (every minute) plus huey's polling.
WORKER_STALL_MINUTES = env_int("RIGHTSDESK_WORKER_STALL_MINUTES", 5, minimum=2)

# Public and organisers' statistics withhold counts of fewer than this many people
# (reports.disclosure); never below 5, whatever an operator sets.
DISCLOSURE_K = env_int("RIGHTSDESK_DISCLOSURE_K", 10, minimum=5)

# Until an operator chooses a backend nothing is sent and nothing about the message is written
# anywhere: Django's console backend would print every recipient's address to the journal.
EMAIL_BACKEND = env_str("RIGHTSDESK_EMAIL_BACKEND", "rightsdesk.core.mail.UnconfiguredBackend")
DEFAULT_FROM_EMAIL = env_str("RIGHTSDESK_FROM_EMAIL", "rightsdesk@localhost")

# Logs: never the client address, never query strings or form contents (see core.middleware).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The process id tells apart the server processes of `serve --processes N`.
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(process)d] %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "rightsdesk": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django.server (runserver) would print the client address: keep it quiet. gunicorn's
        # own log goes through core/web_server.PrivateLogger, which leaves addresses out.
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # A handler of our own, so the worker (run_huey) does not add a second one.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
