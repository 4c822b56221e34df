"""Is this company already on file? Name keys, addresses and near-identical names."""

import re
import unicodedata

from rapidfuzz import fuzz

from iljari.employers.models import Employer
from iljari.employers.names import company_name_key

# "경기도 안양시 동안구", "서울특별시 ", "경기 " — whatever city: what every address in it starts with.
_REGION_CITY_GU = r"^(\S+(?:도|특별시|광역시|특별자치시)|경기|강원|충북|충남|전북|전남|경북|경남|제주)?\s*(\S+[시군](?!\S))?\s*(\S+구(?!\S))?"
SIMILAR_NAME = 90  # rapidfuzz ratio of two name keys, within one 동


def address_key(address: str) -> str:
    """The street address without the city prefix, notes in brackets, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", address or "")
    text = re.sub(r"\(.*?\)", "", text)
    text = re.sub(_REGION_CITY_GU, "", text.strip())
    return re.sub(r"[\W_]+", "", text)


def similar_to(
    *, name: str, address: str = "", dong_id: int | None = None, exclude: int | None = None
) -> list[Employer]:
    """Companies on file that a new entry may be (for the form, as it is typed)."""
    key, addr = company_name_key(name), address_key(address)
    candidates = Employer.objects.filter(name_key=key)
    if dong_id:
        candidates = candidates | Employer.objects.filter(dong_id=dong_id)
    number_part = address.split()[-1] if address.split() else ""
    if len(number_part) >= 3:  # the lot number ("12-3") narrows the search to a handful of rows
        candidates = candidates | Employer.objects.filter(address__contains=number_part)
    hits = []
    for e in candidates.exclude(pk=exclude or 0)[:2000]:
        if (
            e.name_key == key
            or (addr and len(addr) >= 4 and address_key(e.address) == addr)
            or (len(key) >= 3 and fuzz.ratio(key, e.name_key) >= SIMILAR_NAME)
        ):
            hits.append(e)
    return hits[:5]
