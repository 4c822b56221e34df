"""The occupation normalizer finds what residents mean, in their words and languages.

A normalizer over a part of the catalogue where the occupations compete (metal machining next
to plastics, loading next to delivery, welding, care, cleaning), with the real analyzer,
embedding models, vocabulary and the shipped fusion model.
"""

import numpy as np
import pytest

from iljari.matching.catalogue import OccupationNormalizer
from iljari.matching.engine.candidates.fusion import FEATURES, shipped_fusion
from iljari.matching.engine.tokens import compact, ngram_tokens, word_tokens
from iljari.reference.models import Occupation

GROUPS = [
    "8132",
    "8211",
    "8212",
    "8522",
    "8524",
    "6244",
    "6241",
    "6223",
    "6230",
    "8241",
    "5501",
    "5611",
    "8900",
    "8721",
]


@pytest.fixture(scope="module")
def normalizer(django_db_setup, django_db_blocker) -> OccupationNormalizer:
    with django_db_blocker.unblock():
        return OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=GROUPS).order_by("pk")))


def _best(normalizer: OccupationNormalizer, text: str, lang: str | None = None) -> Occupation:
    [[(pk, _), *_]] = normalizer.guess([text], lang_hint=lang)
    return Occupation.objects.get(pk=pk)


@pytest.mark.parametrize(
    ("text", "lang", "keco"),
    [
        ("Injection molding operator", None, "8522"),
        ("Plastic injection worker", None, "8522"),
        ("택배 분류 상하차", None, "6244"),
        ("물류센터 상하차 알바", None, "6244"),
        ("thợ hàn điện", None, "8241"),
        ("ជាងផ្សារដែក", None, "8241"),
        ("гагнуурчин", "mn", "8241"),
        ("ช่างเชื่อมเหล็ก", None, "8241"),
        ("मासु प्याकिङ", None, "8721"),
        ("keksalar parvarishi", "uz", "5501"),
        ("开叉车的", None, "6230"),
    ],
)
def test_a_residents_words_reach_the_right_group(db, normalizer, text, lang, keco):
    best = _best(normalizer, text, lang)

    assert best.keco_code == keco, (text, best.title)


def test_lexical_evidence_counts_only_in_the_catalogues_language(db, normalizer):
    signals = normalizer.retriever.signals(["thợ hàn", "용접"])

    assert np.isnan(signals.matrices["text_ngrams"][0]).all()
    assert np.isfinite(signals.matrices["text_ngrams"][1]).all()
    assert np.nanmax(signals.matrices["names_ngrams"][0]) > 0  # the vocabulary's Vietnamese names


def test_every_candidate_has_the_models_features(db, normalizer):
    signals = normalizer.retriever.signals(["사출 생산직", "forklift"])
    [(candidates, features), _] = normalizer.retriever.features(signals)

    assert features.shape == (len(candidates), len(FEATURES)) and len(candidates) >= 30
    assert np.isfinite(shipped_fusion().score(features)).all()


def test_scripts_that_write_vowels_as_marks_keep_them_in_tokens():
    assert word_tokens(["वेल्डिङ गर्ने काम", "ช่างเชื่อม"], "ne") == [["वेल्डिङ", "गर्", "काम"], ["ช่างเชื่อม"]]
    assert "ชื่อ" in ngram_tokens("ช่างเชื่อม")
    assert compact("수동포장원(일반)") == "수동포장원" and compact("Thợ  hàn") == "thohan"
