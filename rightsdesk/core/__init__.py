"""Site-wide pages (home, staff home, errors), privacy headers and request logging."""
