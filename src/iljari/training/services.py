"""Training and job programs: the city's kinds of program."""

from iljari.reference.services import City, read_csv, upsert
from iljari.training.models import ProgramType


def program_types_load(city: City) -> int:
    """The city's program types (어르신 공공일자리, 디딤돌 일자리, ...) from the optional ``program_types.csv``."""
    path = city.folder / "program_types.csv"
    if not path.exists():
        return 0
    return upsert(ProgramType, "code", read_csv(path, ["code", "name"]))
