"""Where the task queue lives on PostgreSQL: huey's SQL storage in RightsDesk's own database.

huey's `SqlHuey` keeps tasks, the schedule and its key-value data (the worker's heartbeat) in
three small tables through peewee, and takes a task with FOR UPDATE SKIP LOCKED, so any number of
servers and one or more workers can share the queue with no extra service. peewee needs its own
connection details; they are read from Django's, so there is one DATABASE_URL to set.
Imported by settings.py only when the database is PostgreSQL (peewee is not loaded otherwise).
"""

from __future__ import annotations

from typing import Any

# The tables huey's SqlStorage makes (its peewee models' names): backups leave their rows out.
QUEUE_TABLES = ("task", "schedule", "kv", "counter")


def task_queue_database(database: dict[str, Any]) -> Any:
    """A peewee PostgreSQL database (psycopg 3, as Django uses) for Django's `database` dict."""
    from peewee import PostgresqlDatabase

    options = dict(database.get("OPTIONS") or {})
    for name, key in (("user", "USER"), ("password", "PASSWORD"), ("host", "HOST")):
        if database.get(key):
            options[name] = database[key]
    if database.get("PORT"):
        options["port"] = int(database["PORT"])
    return PostgresqlDatabase(database["NAME"], prefer_psycopg3=True, **options)
