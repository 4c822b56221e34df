"""pytest plugin loaded before Django's settings (``-p iljari.testing.plugin``).

It points the settings at a fresh var directory with its own encryption key, and, when
``ILJARI_TEST_POSTGRES=1``, starts a throwaway PostgreSQL server and points the
database at it — both must happen before pytest-django imports the settings.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_var = Path(tempfile.mkdtemp(prefix="iljari-test-"))
os.environ["ILJARI_VAR_DIR"] = str(_var)
os.environ.pop("ILJARI_KEY_FILE", None)
os.environ["ILJARI_BACKGROUND"] = "inline"
atexit.register(shutil.rmtree, _var, ignore_errors=True)

if os.environ.get("ILJARI_TEST_POSTGRES") == "1":
    from iljari.testing import pgserver

    _server = pgserver.start()
    os.environ["ILJARI_DATABASE_URL"] = _server.url
    atexit.register(_server.stop)
elif os.environ.get("ILJARI_DATABASE_URL"):
    # A developer's own database must never be flushed by the tests.
    del os.environ["ILJARI_DATABASE_URL"]

from iljari.privacy.crypto import create_key_file  # noqa: E402 - after the environment is set

create_key_file(_var / "iljari.key")
(_var / "static").mkdir()  # collectstatic has not run; WhiteNoise serves through the finders
