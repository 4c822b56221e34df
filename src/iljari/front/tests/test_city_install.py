"""A second city installs from public data: 안양시 cut from the 경기도 file shipped in the repository."""

import pytest
from django.core.management import call_command

from iljari.core.charts import dong_map
from iljari.front.setup import reference_load_all
from iljari.reference.models import Dong
from iljari.reference.packs import GYEONGGI, PackError, city_pack
from iljari.reference.selectors import DongArea, current_city


def test_anyang_is_packed_installed_and_served_with_its_own_dongs_map_and_name(tmp_path, client, manager, settings):
    folder = tmp_path / "anyang"
    call_command("city", "pack", "--sgg", "안양시", "--output", str(folder))
    assert (folder / "city.toml").read_text(encoding="utf-8").count('name = "안양시"') == 1
    counts = reference_load_all(city_folder=folder)
    assert counts["행정동"] == 31 and counts["창구"] == 32  # the city hall and each 동's 행정복지센터
    anyang = list(Dong.objects.filter(code__startswith="4117"))
    assert len(anyang) == 31 and {d.gu for d in anyang} == {"만안구", "동안구"}
    areas = [DongArea(d.name, d.lat, d.lon, d.boundary.geometry) for d in anyang]
    assert dong_map("안양시 행정동", {"안양1동": 10.0}, areas).count("<path") == 31
    settings.ILJARI_CITY_DIR = folder
    current_city.cache_clear()
    try:
        client.force_login(manager)
        page = client.get("/").content.decode()
        assert "안양시 일자리센터" in page and "안산" not in page
    finally:
        current_city.cache_clear()


def test_a_city_packed_from_the_province_file_matches_the_shipped_ansan_data(db, tmp_path):
    packed = city_pack(source=GYEONGGI, sgg="41270", output=tmp_path / "ansan")
    assert (packed.name, packed.code, packed.dongs) == ("안산시", "41270", 25)
    shipped = {d.code: d for d in Dong.objects.filter(code__startswith="4127")}
    lines = (tmp_path / "ansan" / "dongs.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        code, name, gu, lat, lon, _ = line.split(",")
        assert shipped[code].name == name and shipped[code].gu == gu
        assert abs(shipped[code].lat - float(lat)) < 1e-4 and abs(shipped[code].lon - float(lon)) < 1e-4


def test_an_unknown_city_or_a_used_folder_is_refused_plainly(tmp_path):
    with pytest.raises(PackError, match=r"찾을 수 없습니다.*안양시"):
        city_pack(source=GYEONGGI, sgg="부산시", output=tmp_path / "x")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x")
    with pytest.raises(PackError, match="비어 있지 않습니다"):
        city_pack(source=GYEONGGI, sgg="오산시", output=tmp_path / "used")
    assert (tmp_path / "used" / "notes.txt").read_text() == "x"
