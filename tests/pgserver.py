"""A real, private PostgreSQL server for the tests: Debian's ``postgresql``, ``initdb`` + ``pg_ctl``.

The cluster lives in a fresh temporary directory, listens on a Unix socket inside it and on a
free loopback port (several people run test suites on this machine at once: nothing fixed, nothing
shared), runs with fsync off (test data only), and is stopped and deleted afterwards. Run as
root, the server runs as the ``postgres`` user that Debian's package creates (initdb refuses
root). One cluster per test session; each test gets its own database, copied from a migrated
template (``CREATE DATABASE … TEMPLATE``), which takes a few milliseconds.

Also a script, for the Makefile and CI:

    python tests/pgserver.py install   # apt-get install postgresql when missing (as root)
    python tests/pgserver.py check     # print the server binaries found, exit 1 when none
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

#: Where Debian puts the server binaries (one directory per major version).
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
#: Seconds pg_ctl waits for the server to start or stop.
START_TIMEOUT = 120
#: Role and password the TCP (password) tests connect with.
TCP_USER, TCP_PASSWORD = "pressespiegel", "test-only-secret"
#: Server settings for throwaway test data: no fsync, small memory, enough connections for
#: parallel writers and a web server's threads.
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "32MB",
    "max_connections": "200",
    "log_min_messages": "warning",
}


def find_binaries() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (newest Debian version first), or None."""
    candidates = sorted(DEBIAN_BINARIES.glob("*/bin"), key=lambda p: _major(p.parent.name), reverse=True)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _major(name: str) -> int:
    return int(name) if name.isdigit() else 0


def install() -> str | None:
    """Install Debian's ``postgresql`` when no server binaries are found; None on success, else
    why it could not be installed (not root, no apt-get, apt failed)."""
    if find_binaries() is not None:
        return None
    if os.geteuid() != 0:
        return (
            "PostgreSQL server binaries (initdb, pg_ctl) not found and not root to apt-get install postgresql"
        )
    if shutil.which("apt-get") is None:
        return "PostgreSQL server binaries not found and no apt-get to install them"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("installing Debian's postgresql (tests against a real PostgreSQL server)", file=sys.stderr)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        run = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return f"{' '.join(command)} failed: {run.stderr.strip()[-300:]}"
    return None if find_binaries() is not None else "apt-get install postgresql left no initdb behind"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One private server: :meth:`start`, :meth:`create_database` per test, :meth:`stop`."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="pressespiegel-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._names = itertools.count()
        self._as_postgres = os.geteuid() == 0
        self._running = False
        #: A database the tests copy for each new store (set up by whoever starts the cluster).
        self.template: str | None = None

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.binaries / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, check=check, timeout=START_TIMEOUT + 30
        )

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o700)
        init = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            check=False,
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
        for _ in range(5):  # a free port can be taken between choosing and binding it: retry
            self.port = _free_port()
            options = [
                "-c listen_addresses=127.0.0.1",
                f"-c port={self.port}",
                f"-c unix_socket_directories={self.root}",
            ]
            options += [f"-c {key}={value}" for key, value in SETTINGS.items()]
            started = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                str(START_TIMEOUT),
                "-o",
                " ".join(options),
                "start",
                check=False,
            )
            if started.returncode == 0:
                self._running = True
                atexit.register(self.stop)
                break
        else:
            log = (self.root / "server.log").read_text(errors="replace")[-800:]
            raise RuntimeError(f"pg_ctl start failed: {log}")
        self.sql(f"CREATE ROLE {TCP_USER} LOGIN SUPERUSER PASSWORD '{TCP_PASSWORD}'")

    def url(self, database: str = "postgres") -> str:
        """A libpq URL over the private Unix socket."""
        return f"postgresql://postgres@/{database}?host={quote(str(self.root), safe='/')}&port={self.port}"

    def tcp_url(self, database: str) -> str:
        """A ``postgresql://user:password@host:port/dbname`` URL over loopback TCP."""
        return f"postgresql://{TCP_USER}:{TCP_PASSWORD}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement.encode())

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its name."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._running:
            self._running = False
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "install":
        problem = install()
        if problem:
            print(f"note: {problem}; the PostgreSQL tests will be skipped", file=sys.stderr)
        return 0
    binaries = find_binaries()
    print(binaries or "no PostgreSQL server binaries found")
    return 0 if binaries else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
