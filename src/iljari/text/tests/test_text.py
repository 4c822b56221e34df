"""Korean text and language detection as the matching engine uses them."""

import pytest

from iljari.matching.engine.tokens import ngram_tokens_many, word_tokens
from iljari.text.josa import particle
from iljari.text.korean import morphemes
from iljari.text.language import detect_language
from iljari.text.normalize import normalize


def test_normalization_unifies_widths_decorations_and_variants():
    assert normalize("ＣＮＣ　선반 ○○정밀 ★") == "CNC 선반 정밀"
    assert normalize("컨텍센터 상담") == "콘택트센터 상담"


def test_morphemes_keep_content_words():
    assert morphemes("공장에서 사출기 돌리는 일") == ["공장", "사출", "돌리", "일"]


def test_compound_titles_share_ngrams():
    [alias, title] = ngram_tokens_many(["(고무제품명)성형작업자", "고무제품성형원"])
    shared = set(alias) & set(title)
    assert {"고무", "제품", "성형"} <= shared


def test_word_tokens_stem_other_languages():
    assert word_tokens(["Welders and cutters"], "en") == [["welder", "and", "cutter"]]


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("용접원", None, "ko"),
        ("thợ hàn", None, "vi"),
        ("焊工", None, "zh"),
        ("сварщик", None, "ru"),
        ("वेल्डर", None, "ne"),
        ("oʻqituvchi", None, "uz"),
        ("payvandchi", "uz", "uz"),
        ("forklift driver", None, "en"),
        ("Offizier im Truppendienst", None, "de"),
        ("сварщик", "uz", "uz"),
    ],
)
def test_language_detection_uses_script_then_the_users_choice(text, hint, expected):
    assert detect_language(text, hint) == expected


def test_particles_follow_the_final_consonant():
    assert [particle(w, "과", "와") for w in ("용접원", "요양보호사", "CNC3")] == ["과", "와", "과"]


def test_folding_keeps_hangul_whole_and_drops_accents():
    from iljari.text.normalize import fold

    assert fold("Café 용접원") == "cafe 용접원"
