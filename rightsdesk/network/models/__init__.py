"""The volunteer network: volunteers and their vetting, trainings and requirements, mentoring,
detention facilities and the visits volunteers make to them.

People's details (volunteers' names and contacts, detained people's names, notes) are encrypted;
the few plaintext columns (kind, status, language codes, county, dates) are what the matcher and
the coordinator's lists filter on, and none of them names anyone."""

from rightsdesk.network.models.mentoring import CheckIn, MentorPair
from rightsdesk.network.models.trainings import (
    Requirement,
    Training,
    TrainingMaterial,
    TrainingRegistration,
    TrainingTopic,
)
from rightsdesk.network.models.visits import (
    Facility,
    FollowUp,
    Visit,
    VisitPerson,
    VisitPurpose,
    VisitReport,
    VisitSignup,
)
from rightsdesk.network.models.volunteers import (
    Availability,
    BarAdmission,
    ConflictConfirmation,
    LanguageLevel,
    VettingCheck,
    Volunteer,
    VolunteerLanguage,
)

__all__ = [
    "Availability",
    "BarAdmission",
    "CheckIn",
    "ConflictConfirmation",
    "Facility",
    "FollowUp",
    "LanguageLevel",
    "MentorPair",
    "Requirement",
    "Training",
    "TrainingMaterial",
    "TrainingRegistration",
    "TrainingTopic",
    "VettingCheck",
    "Visit",
    "VisitPerson",
    "VisitPurpose",
    "VisitReport",
    "VisitSignup",
    "Volunteer",
    "VolunteerLanguage",
]
