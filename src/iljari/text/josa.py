"""Korean particles that depend on whether the word before ends in a consonant (받침)."""


def has_final_consonant(word: str) -> bool:
    last = word.rstrip(" )'\"」』")[-1:] if word else ""
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return last.isdigit() and last in "013678"  # 영, 일, 삼, 육, 칠, 팔


def particle(word: str, with_final: str, without_final: str) -> str:
    """The particle that follows ``word``: ('용접원', 과, 와) → '과'; ('요양보호사', 과, 와) → '와'."""
    return with_final if has_final_consonant(word) else without_final
