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


def test_a_role_word_is_an_ending_many_titles_share_and_its_learned_pairs_are_shipped(db, normalizer):
    from iljari.matching.engine.candidates.fusion import FEATURES, OverlapTexts, RolePairs, shipped_role_pairs

    stems = ("금형", "보석가공", "도장", "용접", "포장", "사출", "주조", "단조", "연마", "절삭", "목공", "제과", "봉제", "인쇄", "염색")
    titles = [f"{stem}{role}" for stem in stems for role in ("조립원", "반장")]
    overlap = OverlapTexts(titles, [[] for _ in titles])  # each ending shared by 15 distinct titles
    assert {"반장", "조립원"} <= overlap.roles
    assert overlap.role("보석가공반장") == "반장" and overlap.role("원") == ""  # a role word needs a stem

    pairs = RolePairs({("반장", "감독자"): (30, 40), ("반장", "반장"): (0, 60)})
    assert pairs.prior == 0.3
    assert pairs.rate("반장", "감독자") == (30 + 0.6) / 42
    assert pairs.rate("공", "원") == pairs.prior  # never counted: the rate over all pairs
    assert np.isnan(pairs.rate("", "감독자"))
    assert RolePairs.from_text(pairs.text()).counts == pairs.counts

    shipped = shipped_role_pairs()  # learned by bench/tune_fusion.py from the alias set
    supervisor = [b for a, b in shipped.counts if a == "반장" and b.endswith("감독자")]  # ...반장 is often ...감독자
    assert max(shipped.rate("반장", b) for b in supervisor) > 10 * shipped.prior
    signals = normalizer.retriever.signals(["용접반장"])
    [(candidates, features)] = normalizer.retriever.features(signals)
    roles = [normalizer.retriever.overlap.title_roles[d] for d in candidates.tolist()]
    rates = features[:, FEATURES.index("role_pair")]
    assert normalizer.retriever.overlap.role(compact("용접반장")) == "반장"
    assert any(roles)
    for role, rate in zip(roles, rates.tolist(), strict=True):
        assert np.isnan(rate) if not role else rate == np.float32(shipped.rate("반장", role))
