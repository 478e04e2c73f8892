"""Mississippi geography (counties, ZIP codes, county map), offline.

Plain modules over shipped data files, no database models:

- ``rightsdesk.geo.places``: counties, ZIP -> county, city -> county.
- ``rightsdesk.geo.maps``: inline SVG county map.

Nothing is imported or loaded here, so importing the package is free.
"""
