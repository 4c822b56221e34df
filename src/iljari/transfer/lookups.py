"""Cell parsers that need reference data (동, licences, visas, groups, desks), loaded once per file."""

import functools
from typing import Any

from iljari.accounts.models import Desk
from iljari.core import cells
from iljari.core.cells import CellError
from iljari.reference.models import Dong, Licence, Occupation, TargetGroup, VisaType
from iljari.reference.selectors import dong_key, dongs_by_name, occupation_for_text, occupations_by_title

LICENCE_NAME_LENGTH = Licence._meta.get_field("name").max_length


class ReferenceLookups:
    """Mixin for sheets: each look-up table is read from the database at most once."""

    @functools.cached_property
    def _dongs(self) -> dict[str, Dong]:
        return dongs_by_name()

    @functools.cached_property
    def _groups(self) -> dict[str, TargetGroup]:
        return {g.name: g for g in TargetGroup.objects.all()}

    @functools.cached_property
    def _visas(self) -> dict[str, VisaType]:
        return {v.code: v for v in VisaType.objects.all()}

    @functools.cached_property
    def _licences(self) -> dict[str, Licence]:
        return {lic.name: lic for lic in Licence.objects.all()}

    @functools.cached_property
    def _occupations(self) -> dict[str, Occupation]:
        return occupations_by_title()

    @functools.cached_property
    def _desks(self) -> dict[str, Desk]:
        desks = list(Desk.objects.all())
        return {**{d.code: d for d in desks}, **{d.name: d for d in desks}}

    def parse_dong(self, value: Any) -> Dong:
        dong = self._dongs.get(dong_key(cells.text(value)))
        if dong is None:
            raise CellError(f"행정동 이름을 찾을 수 없습니다. 예: {', '.join(list(self._dongs)[:4])} …")
        return dong

    def parse_groups(self, value: Any) -> list[TargetGroup]:
        groups, unknown = [], []
        for name in cells.split_list(value):
            (groups.append(self._groups[name]) if name in self._groups else unknown.append(name))
        if unknown:
            raise CellError(f"알 수 없는 대상계층: {', '.join(unknown)} (가능한 값: {', '.join(self._groups)})")
        return groups

    def parse_visa(self, value: Any) -> VisaType:
        code = cells.parse_visa_code(value)
        if code not in self._visas:
            raise CellError(f"등록되지 않은 체류자격입니다: {code}")
        return self._visas[code]

    def parse_visas(self, value: Any) -> list[VisaType]:
        return [self.parse_visa(item) for item in cells.split_list(value)]

    def parse_licences(self, value: Any) -> list[Licence]:
        """Licence names; a name not yet on file is added (the list is open-ended)."""
        result = []
        for name in cells.split_list(value):
            if len(name) > LICENCE_NAME_LENGTH:
                raise CellError(
                    f"자격증 이름이 너무 깁니다({LICENCE_NAME_LENGTH}자 이하). 쉼표로 구분했는지 확인해 주십시오."
                )
            if name not in self._licences:
                self._licences[name] = Licence(name=name)
            result.append(self._licences[name])
        return result

    def parse_desk(self, value: Any) -> Desk:
        desk = self._desks.get(cells.text(value))
        if desk is None:
            raise CellError("창구명을 찾을 수 없습니다. 창구 목록의 이름 그대로 입력해 주십시오.")
        return desk

    def occupation_for(self, text: str) -> Occupation | None:
        return occupation_for_text(text, self._occupations)

    def parse_occupation(self, value: Any) -> Occupation:
        occupation = self.occupation_for(cells.text(value))
        if occupation is None:
            raise CellError("직업사전에서 찾을 수 없는 직업명입니다. 직업사전의 직업명 그대로 입력해 주십시오.")
        return occupation

    def save_new_licences(self, licences: list[Licence]) -> None:
        """Insert licences first seen in this file, just before the rows that use them."""
        new = [lic for lic in dict.fromkeys(licences) if lic.pk is None]
        if new:
            Licence.objects.bulk_create(new)  # sets each object's pk, which the links use
