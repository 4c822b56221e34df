"""The portal names an occupation in the reader's language from the occupation vocabulary."""

from iljari.portal.occupations import occupation_name
from iljari.reference.models import Occupation


def test_a_vietnamese_reader_gets_the_vocabulary_name_and_a_korean_one_the_title_alone(db):
    forklift = Occupation.objects.get(title="지게차운전원")
    assert occupation_name(forklift, "vi") == "Tài xế xe nâng hàng"
    assert occupation_name(forklift, "uz") and occupation_name(forklift, "uz") != forklift.title
    assert occupation_name(forklift, "ko") == ""  # the Korean title is already the reader's
    assert occupation_name(None, "vi") == ""
