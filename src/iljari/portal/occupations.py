"""Occupation names for the reader: the 한국직업사전 title in Korean, and beside it the name in the
reader's language where the city's occupation vocabulary has one.

Every portal page, card and API answer asks here, so the vocabulary (the cross-lingual matching
work) plugs in at this one place.
"""

from iljari.matching.catalogue import occupation_vocabulary
from iljari.reference.models import Occupation


def occupation_name(occupation: Occupation | None, language: str) -> str:
    """The occupation's name in ``language`` from the occupation vocabulary, or "" where it has none
    (the Korean title alone is shown then). Korean readers get "" too: the title is already theirs."""
    if occupation is None or language == "ko":
        return ""
    return occupation_vocabulary().name(occupation.title, language) or ""
