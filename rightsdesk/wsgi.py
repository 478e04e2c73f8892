"""WSGI entry point for a production server (gunicorn, waitress, uWSGI).

It refuses to start with keys that do not fit the database, before serving any request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")

application = get_wsgi_application()

from rightsdesk.vault.keys import keys_verify  # noqa: E402 - needs Django set up first

keys_verify()
