"""The network app's background tasks, gathered from its parts so the worker (which imports each
app's ``tasks`` module) registers them all, the periodic visit reminder included."""

from rightsdesk.network.trainings import tasks as trainings_tasks
from rightsdesk.network.vetting import tasks as vetting_tasks
from rightsdesk.network.visits import tasks as visits_tasks

__all__ = ["trainings_tasks", "vetting_tasks", "visits_tasks"]
