"""Screening: tags with evidence, urgency, filing-deadline estimates, ordinance coverage, related
complaints and patterns, decisions and letters. Pure logic lives in plain modules (tagging,
deadlines, entities, patterns) that need no database."""
