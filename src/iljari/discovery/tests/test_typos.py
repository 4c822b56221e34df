"""Keyboard slips: which are mended, which are left, and that positions do not move."""

from iljari.discovery.typos import TypoMender, slips


def test_slips_are_the_ones_a_korean_keyboard_makes():
    # A vowel with or without its extra stroke, a shifted consonant; ㅇ and final ㅂ have no such twin.
    assert set(slips("용접")) == {"옹접", "용졉", "용쩝"}
    assert "야근" not in set(slips("야간"))  # ㅏ→ㅡ is not a slip: 야근 (overtime) is another word


def test_mending_keeps_length_and_leaves_words_and_longer_words_alone():
    mender = TypoMender(["용접", "주간", "야간"], is_word=lambda s: s == "주깐")
    note = "용졉 2명 주갼 야깐 주깐 3멍 용졉공 아용졉"
    mended = mender.mend(note)
    assert len(mended) == len(note)
    assert mended == "용접 2명 주간 야간 주깐 3명 용접공 아용졉"


def test_a_slip_of_two_different_words_is_left_alone():
    assert TypoMender(["가나"]).mend("까나") == "가나"
    assert TypoMender(["가나", "까냐"]).mend("까나") == "까나"  # 가나 or 까냐: ambiguous
