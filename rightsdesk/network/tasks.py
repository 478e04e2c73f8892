"""The network app's background tasks, gathered from its parts so the worker (which imports each
app's ``tasks`` module) registers them all."""

from rightsdesk.network.trainings import tasks as trainings_tasks
from rightsdesk.network.vetting import tasks as vetting_tasks

__all__ = ["trainings_tasks", "vetting_tasks"]
