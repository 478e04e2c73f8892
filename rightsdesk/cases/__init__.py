"""Case management. So far only the matter record that accepting a complaint creates; courts,
parties, conflict checks, dates, tasks and documents arrive with their own issue."""
