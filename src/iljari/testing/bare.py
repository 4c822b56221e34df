"""A machine with nothing but the repository, as far as one process can be shown it.

Used by the bare-checkout test and ``bench/first_run.py``: the environment without any
``ILJARI_*`` variable, and — as root, where ``unshare`` exists — a mount namespace in which every
``shared/`` folder beside a checkout is hidden under an empty tmpfs, so that no data of this
machine can stand in for what the repository must carry.
"""

import os
import shlex
import shutil
from pathlib import Path


def bare_env(**extra: str) -> dict[str, str]:
    """This process's environment without iljari's variables or an active virtualenv, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ILJARI_") and k not in ("DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH")
    }
    return env | extra


def shared_folders(beside: Path) -> list[Path]:
    """The ``shared/`` folders that a checkout at ``beside`` could find by looking up its parents."""
    return [parent / "shared" for parent in beside.resolve().parents if (parent / "shared").is_dir()]


def hiding_shared(command: list[str], beside: Path) -> list[str]:
    """``command`` run with the ``shared/`` folders near ``beside`` hidden (unchanged where that is not allowed)."""
    hidden = shared_folders(beside)
    if not hidden or os.geteuid() != 0 or not shutil.which("unshare"):
        return command
    mounts = " && ".join(f"mount -t tmpfs none {shlex.quote(str(folder))}" for folder in hidden)
    return ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh", *command]
