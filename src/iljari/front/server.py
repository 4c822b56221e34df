"""The production web server: gunicorn, one worker process per usable core, a few threads each.

Python runs one thread at a time per process, so a single process uses one core however many
threads it has; several processes use the machine. The Django app is loaded once in the master
and forked (``preload_app``): the workers share its memory and start in a moment. What is
costly and not safe to fork — the Korean analyzer (Kiwi, ~500 MB and a thread pool) and the
matching indexes with their embedding model — is loaded by each worker in a background thread
as soon as it starts, so it serves pages at once and the first recommendation does not wait.
"""

import logging
import os
import threading
import time
from collections.abc import Callable

import psutil
from django.db import connections
from gunicorn.app.base import BaseApplication
from loky import cpu_count

logger = logging.getLogger(__name__)

# Room for one warm worker: Kiwi, the embedding model, the indexes and Django measured ~500 MB
# resident on the demo data, with headroom for a matching request or an import.
WORKER_MEMORY = 800 * 2**20
THREADS = 4


def default_workers() -> int:
    """One worker per usable core (CPU affinity and a container's CPU quota, as loky counts them),
    fewer when the available memory would not hold them warm."""
    return max(1, min(cpu_count(), psutil.virtual_memory().available // WORKER_MEMORY))


def warm_up() -> None:
    """Load this process's analyzer, models and matching indexes before a request needs them."""
    from iljari.matching.indexes import matching_warm_up
    from iljari.text.korean import kiwi

    started = time.monotonic()
    try:
        kiwi()
        matching_warm_up()
    except Exception:
        # A worker that cannot warm up still serves; the page that needs matching says why.
        logger.exception("작업 프로세스 %s: 매칭 색인을 미리 읽지 못했습니다.", os.getpid())
    else:
        logger.info(
            "작업 프로세스 %s: 형태소 분석기와 매칭 색인 준비 (%.1f초)", os.getpid(), time.monotonic() - started
        )
    finally:
        connections.close_all()


class _Server(BaseApplication):
    def __init__(self, application: object, options: dict) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> object:
        return self.application


def _pre_fork(server: object, worker: object) -> None:
    # A connection opened in the master (system checks) must not be shared by the children.
    connections.close_all()


def _post_worker_init(worker: object) -> None:
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()


def _worker_exit(server: object, worker: object) -> None:
    """The worker has finished its requests: leave without running the C++ runtime's exit handlers.

    The analyzer and the models keep native thread pools that abort the process when torn down at
    interpreter exit ("terminate called without an active exception", SIGABRT in the log).
    """
    connections.close_all()
    logging.shutdown()
    os._exit(0)


def serve(
    application: object,
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    when_listening: Callable[[], None] | None = None,
) -> None:
    """Serve until SIGTERM (finish the requests in flight, up to 30 s) or Ctrl+C (stop now).

    ``when_listening`` runs in a thread of the master once the socket listens (``make run`` asks
    for its first page there).
    """
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        # A worker whose main loop is silent this long is stuck and replaced; requests in its
        # threads may run longer (a long import or schedule keeps the main loop beating).
        "timeout": 60,
        "graceful_timeout": 30,
        # Browsers reuse a connection for the next page a few seconds later.
        "keepalive": 5,
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        "control_socket_disable": True,
        "proc_name": "iljari",
        "errorlog": "-",
        "loglevel": "warning",
        "pre_fork": _pre_fork,
        "post_worker_init": _post_worker_init,
        "worker_exit": _worker_exit,
    }
    if when_listening is not None:
        options["when_ready"] = lambda server: threading.Thread(target=when_listening, daemon=True).start()
    _Server(application, options).run()
