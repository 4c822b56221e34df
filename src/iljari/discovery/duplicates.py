"""Finding the same company entered twice: "(주)대한정밀" and "대한정밀 주식회사", or one address.

Pairs are found by blocking (same name key, same address, or similar names in one 동) and
never across two different 사업자등록번호, which are two legal entities by definition.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import QuerySet
from rapidfuzz import fuzz

from iljari.employers.models import Employer
from iljari.employers.similar import SIMILAR_NAME, address_key


@dataclass(frozen=True)
class Row:
    pk: int
    name: str
    key: str
    number: str
    dong_id: int | None
    address: str


@dataclass
class Pair:
    a: Row
    b: Row
    reasons: list[str]

    @property
    def certain(self) -> bool:
        return len(self.reasons) > 1


def _rows(queryset: QuerySet[Employer] | None = None) -> list[Row]:
    qs = (queryset if queryset is not None else Employer.objects.all()).only(
        "pk", "name", "name_key", "business_number", "dong_id", "address"
    )
    return [Row(e.pk, e.name, e.name_key, e.business_number or "", e.dong_id, address_key(e.address)) for e in qs]


def _different_entities(a: Row, b: Row) -> bool:
    return bool(a.number and b.number and a.number != b.number)


def duplicate_pairs(queryset: QuerySet[Employer] | None = None) -> list[Pair]:
    """Every likely pair, most certain first."""
    rows = _rows(queryset)
    found: dict[tuple[int, int], Pair] = {}

    def add(a: Row, b: Row, reason: str) -> None:
        if _different_entities(a, b):
            return
        a, b = (a, b) if a.pk < b.pk else (b, a)
        pair = found.setdefault((a.pk, b.pk), Pair(a, b, []))
        if reason not in pair.reasons:
            pair.reasons.append(reason)

    by_key, by_address, by_dong = defaultdict(list), defaultdict(list), defaultdict(list)
    for r in rows:
        if r.key:
            by_key[r.key].append(r)
        if len(r.address) >= 4:
            by_address[r.address].append(r)
        by_dong[r.dong_id].append(r)
    for group in by_key.values():
        pairs = list(combinations(group, 2))
        # Where the same name is in the same 동 too, the one elsewhere is another company of that name.
        local = [(a, b) for a, b in pairs if a.dong_id == b.dong_id]
        for a, b in local or pairs:
            add(a, b, "같은 상호(법인 형태·띄어쓰기 제외)")
    for group in by_address.values():
        for a, b in combinations(group, 2):
            add(a, b, "같은 주소")
    for group in by_dong.values():
        for a, b in combinations(group, 2):
            if a.key != b.key and min(len(a.key), len(b.key)) >= 3 and fuzz.ratio(a.key, b.key) >= SIMILAR_NAME:
                add(a, b, "비슷한 상호, 같은 행정동")
    return sorted(found.values(), key=lambda p: (-len(p.reasons), p.a.name))
