"""The occupation vocabulary: data a city can edit, checked against the catalogue and the dev sets."""

import csv
import re

import pytest

from iljari.matching.catalogue import occupation_name
from iljari.matching.vocabulary import FOLDER, VocabularyError, load_vocabulary
from iljari.paths import DataFileNotFound, eval_dir
from iljari.reference.models import Occupation

PORTAL_LANGUAGES = {"ko", "en", "vi", "zh-hans", "ru", "uz", "th", "ne", "km", "mn"}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


def _entries(*, names: bool = True) -> list[tuple[str, str, str]]:
    """(language, title, name or word) of every shipped file."""
    out = []
    for path in sorted(FOLDER.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                texts = [row["name"], *row["words"].split("|")] if names else row["words"].split("|")
                out += [(path.stem, row["title"], text) for text in texts if text]
    return out


def test_every_portal_language_names_the_same_catalogue_occupations(db):
    files = {path.stem: path for path in FOLDER.glob("*.csv")}
    assert set(files) == PORTAL_LANGUAGES
    titles = {lang: {t for _, t, _ in (e for e in _entries() if e[0] == lang)} for lang in files}
    assert len({frozenset(t) for t in titles.values()}) == 1
    known = set(Occupation.objects.values_list("title", flat=True))
    assert titles["ko"] <= known and len(titles["ko"]) >= 250


def test_no_entry_is_a_development_query_or_a_catalogue_name(db):
    queries = set()
    try:  # the Korean alias set lives outside the repository (../shared); the colloquial one inside
        with (eval_dir() / "ko_alias_dev" / "queries.tsv").open(encoding="utf-8") as fh:
            queries |= {_key(line.split("\t")[1]) for line in fh if line.strip()}
    except DataFileNotFound:
        pass
    with (FOLDER.parent / "evalsets" / "colloquial_dev" / "source.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            queries |= {_key(v) for k, v in row.items() if k not in ("concept", "keco") and v}
    entries = _entries()
    assert not [e for e in entries if _key(e[2]) in queries]
    names = set()
    for title, synonyms, related in Occupation.objects.values_list("title", "synonyms", "related_titles"):
        names |= {n.replace(" ", "").casefold() for n in [title, *synonyms, *related]}
    korean_words = [w for lang, _, w in _entries(names=False) if lang == "ko"]
    assert not [w for w in korean_words if w.replace(" ", "").casefold() in names]


def test_a_city_folder_replaces_a_name_and_adds_words(tmp_path):
    (tmp_path / "vi.csv").write_text(
        "title,name,words\n지게차운전원,Lái xe nâng (Ansan),xe nâng kho lạnh\n", encoding="utf-8"
    )
    (tmp_path / "tl.csv").write_text("title,name,words\n지게차운전원,Forklift operator,drayber ng forklift\n")

    vocabulary = load_vocabulary([FOLDER, tmp_path])

    assert vocabulary.name("지게차운전원", "vi") == "Lái xe nâng (Ansan)"
    assert "xe nâng kho lạnh" in vocabulary.extra_names("지게차운전원")
    assert "xe nâng hàng" in vocabulary.extra_names("지게차운전원")  # the shipped words stay
    assert vocabulary.name("지게차운전원", "tl") == "Forklift operator"


def test_a_city_row_with_an_unknown_title_is_refused_with_its_line(tmp_path):
    (tmp_path / "en.csv").write_text("title,name,words\n지게차운전원,Forklift,fork\n지게차운전사,Forklift,x\n")

    with pytest.raises(VocabularyError, match=r"en\.csv 3행: '지게차운전사'은\(는\) 한국직업사전에 없는 직업명"):
        load_vocabulary([tmp_path], known_titles={"지게차운전원"})


def test_a_file_without_the_columns_is_refused(tmp_path):
    (tmp_path / "ru.csv").write_text("직업명,이름\n지게차운전원,Водитель\n", encoding="utf-8")

    with pytest.raises(VocabularyError, match="첫 줄은 title, name, words"):
        load_vocabulary([tmp_path])


def test_the_portal_shows_an_occupation_in_the_readers_language(db):
    forklift = Occupation.objects.get(title="지게차운전원")
    packer = Occupation.objects.get(title="수동포장원(일반)")

    assert occupation_name(forklift, "vi") == "Tài xế xe nâng hàng"
    assert occupation_name(forklift, "zh") == occupation_name(forklift, "zh-Hans") == "叉车操作工"
    assert occupation_name(forklift, "km") == "អ្នកបើកឡានលើកទំនិញ"
    assert occupation_name(forklift, "ko") == "지게차 운전원"
    assert occupation_name(packer, "tl") == "수동포장원"  # no Tagalog file: the 직업명, without "(일반)"
