"""Staff and volunteer accounts, roles, two-factor sign-in and the one permission mechanism."""
