"""사업자등록번호 is validated by its check digit."""

import pytest
from django.core.exceptions import ValidationError

from iljari.employers.names import company_name_key
from iljari.employers.validators import business_number_is_valid, validate_business_number


@pytest.mark.parametrize("number", ["220-81-62517", "2208162517", "104-81-53114", "124-81-00998"])
def test_valid_numbers(number):
    assert business_number_is_valid(number)


@pytest.mark.parametrize("number", ["220-81-62518", "123-45-6789", "", "abc-de-fghij", "2208162517 1"])
def test_invalid_numbers(number):
    assert not business_number_is_valid(number)
    with pytest.raises(ValidationError, match="사업자등록번호"):
        validate_business_number(number)


def test_company_names_that_name_the_same_company():
    assert company_name_key("(주)대한정밀") == company_name_key("대한정밀 주식회사") == company_name_key("㈜ 대한 정밀")
    assert company_name_key("대한정밀") != company_name_key("대한정공")
