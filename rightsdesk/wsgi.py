"""WSGI entry point for a production server (gunicorn, uWSGI).

It refuses to start with keys that do not fit the database, before serving any request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")

application = get_wsgi_application()

from rightsdesk.vault.keyring import KeyProblem  # noqa: E402 - needs Django set up first
from rightsdesk.vault.keys import keys_verify  # noqa: E402

try:
    keys_verify()
except KeyProblem as problem:
    # A WSGI server prints a traceback for anything raised while it imports the application;
    # the sentence saying which file and what to do is what the operator needs, alone.
    raise SystemExit(f"rightsdesk: {problem}") from None
