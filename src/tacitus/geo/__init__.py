"""Offline geocoding for Pakistan down to the tribal agencies, with admin units by date.

    >>> from tacitus.geo import get_geocoder
    >>> import datetime as dt
    >>> g = get_geocoder()
    >>> p = g.geocode("Mir Ali", dt.date(2010, 6, 1))
    >>> (p.admin2, p.admin1)
    ('North Waziristan', 'Federally Administered Tribal Areas')

See docs/geocoding.md for sources, ranking and limits.
"""

from tacitus.geo.admin import FATA_MERGED, KP_RENAMED, AdminHistory
from tacitus.geo.boundaries import Boundaries, load_geojson
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.geocoder import Geocoder, get_geocoder
from tacitus.geo.place import Place

__all__ = [
    "FATA_MERGED",
    "KP_RENAMED",
    "AdminHistory",
    "Boundaries",
    "Gazetteer",
    "Geocoder",
    "Place",
    "get_geocoder",
    "load_geojson",
]
