"""The ``iljari`` command: one entry point over Django's management commands.

``iljari init``, ``iljari import seekers FILE``, ``iljari serve``... are management
commands of the apps; this only points Django at iljari's settings first.
"""

import os
import sys
import time


def main() -> None:
    # When this process started, for the commands that report their phases (``iljari init``).
    os.environ["ILJARI_PROCESS_STARTED"] = repr(time.time())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["iljari", *sys.argv[1:]])


if __name__ == "__main__":
    main()
