"""Company-name normalization, so "(주)대한정밀" and "대한정밀 주식회사" are seen as one."""

import re
import unicodedata

_LEGAL_FORMS = re.compile(
    r"\(주\)|㈜|\(유\)|\(합\)|\(사\)|\(재\)|주식회사|유한회사|유한책임회사|합자회사|합명회사|"
    r"사단법인|재단법인|co\.?,?\s*ltd\.?|inc\.?|corp\.?",
    re.IGNORECASE,
)


def company_name_key(name: str) -> str:
    """The company name without legal form, spaces, punctuation or case."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _LEGAL_FORMS.sub("", text)
    return re.sub(r"[\W_]+", "", text).casefold()
