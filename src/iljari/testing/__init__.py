"""What the tests and benches share: servers, sites, browsers and corpora made for them."""

import socket


def free_port() -> int:
    """A loopback port nothing listens on now, for a server a test starts (tests may run side by side)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
