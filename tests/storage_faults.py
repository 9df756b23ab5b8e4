"""Storage faults made for tests: a disk that fills up, a read-only medium, a damaged file.

``limit_pages`` caps the desk file with SQLite's ``max_page_count`` on every new connection of the
process — SQLite then fails exactly as on a full disk (SQLITE_FULL). ``real_small_disk`` runs a
command on a real tmpfs of a given size (and optionally remounted read-only) inside a user
namespace, where a clean CI machine allows it; the tests that need it skip with the reason when
it does not.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def limit_pages(extra_pages: int = 2, *, read_only: bool = False, engine: Engine | None = None) -> Iterator[None]:
    def on_connect(dbapi_conn, _record):  # noqa: ANN001
        if not isinstance(dbapi_conn, sqlite3.Connection):
            return
        if read_only:
            dbapi_conn.execute("PRAGMA query_only=ON")
        else:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    target = engine if engine is not None else Engine  # an engine made before, or every engine made in it
    event.listen(target, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(target, "connect", on_connect)


def fill_up(path: Path) -> None:
    """Use every free page and almost all free room of the file under ``limit_pages(0)``: the next
    write that needs a page fails as on a full disk."""
    conn = sqlite3.connect(path, isolation_level=None)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages + 4}")  # room for the filler table itself
    conn.execute("CREATE TABLE IF NOT EXISTS test_filler (data BLOB)")
    for size in (3000, 1000, 300, 100, 30):
        try:
            while True:
                conn.execute("INSERT INTO test_filler VALUES (randomblob(?))", (size,))
        except sqlite3.OperationalError:
            pass
    conn.close()


def corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        # Page-aligned (SQLite's 4 KiB pages): every write hits a page header, whatever the schema's layout.
        for offset in range(4096 * 2, size - 4096, max(4096, size // 8 // 4096 * 4096)):
            f.seek(offset)
            f.write(b"\xde\xad\xbe\xef" * 256)


def unshare_available() -> str | None:
    """None when user namespaces with tmpfs mounts work here, else why not."""
    if shutil.which("unshare") is None:
        return "no unshare(1) on this machine"
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>&1 || "
                            "mount -t tmpfs -o size=64k tmpfs /tmp"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"user namespaces with tmpfs mounts are not allowed here: {probe.stdout.strip() or probe.stderr.strip()}"
    return None


# Runs each command of argv[2] (a JSON list) through counter_app.cli.main in this one interpreter
# (one start-up instead of one a command), leaving i.out, i.err and i.rc in argv[1]; an exception
# that escapes main is written to i.err as the traceback the console script would have printed.
_RUNNER = """
import json, sys, traceback
from pathlib import Path
from tests.helpers import run_desk_cli
out = Path(sys.argv[1])
for i, cmd in enumerate(json.loads(sys.argv[2])):
    try:
        r = run_desk_cli(*cmd)
        stdout, stderr, rc = r.stdout, r.stderr, r.returncode
    except BaseException:
        stdout, stderr, rc = '', traceback.format_exc(), 99
    (out / f'{i}.out').write_text(stdout)
    (out / f'{i}.err').write_text(stderr)
    (out / f'{i}.rc').write_text(str(rc))
"""


def run_on_small_disk(db_file: Path, size_kb: int, commands: list[list[str]], *, read_only: bool = False,
                      mount_dir: Path) -> list[subprocess.CompletedProcess]:
    """Copy ``db_file`` onto a fresh tmpfs of ``size_kb`` at ``mount_dir`` and run each counter-app command
    there (``{db}`` stands for the copy). Returns one result per command."""
    mount_dir.mkdir(parents=True, exist_ok=True)
    out_dir = mount_dir.parent / (mount_dir.name + "-out")
    out_dir.mkdir(exist_ok=True)
    db = mount_dir / db_file.name
    script = [f"mount -t tmpfs -o size={size_kb}k tmpfs '{mount_dir}'", f"cp '{db_file}' '{db}'"]
    if read_only:
        script.append(f"mount -o remount,ro '{mount_dir}'")
    argv = json.dumps([[a.replace("{db}", str(db)) for a in cmd] for cmd in commands], ensure_ascii=False)
    script.append(f"{shlex.quote(sys.executable)} -c {shlex.quote(_RUNNER)} {shlex.quote(str(out_dir))} "
                  f"{shlex.quote(argv)}")
    subprocess.run(["unshare", "-rm", "sh", "-c", " && ".join(script)], check=True, cwd=REPO, timeout=300)
    return [subprocess.CompletedProcess(cmd, int((out_dir / f"{i}.rc").read_text()),
                                        (out_dir / f"{i}.out").read_text(), (out_dir / f"{i}.err").read_text())
            for i, cmd in enumerate(commands)]


@contextmanager
def out_of_reach(path: Path, *, readable: bool = False) -> Iterator[None]:
    """While inside, the account running the test may not write ``path`` (``readable``: it may still read
    it) or not reach it at all — a real denial by the kernel, not a stand-in.

    Root is never denied by file modes, so as root (CI) the process's effective user and group become
    nobody's (65534) inside; ``readable`` then opens the file (0644) and the folders above it for
    reading only. As another user, the file's mode (and its folder's, for SQLite's -wal/-shm) is narrowed.
    Modes are put back on the way out.
    """
    import os
    import stat

    path = Path(path)
    changed: list[tuple[Path, int]] = []

    def chmod(p: Path, mode: int) -> None:
        changed.append((p, stat.S_IMODE(p.stat().st_mode)))
        os.chmod(p, mode)

    try:
        if os.geteuid() == 0:
            if readable:
                for side in [path, *(Path(f"{path}{s}") for s in ("-wal", "-shm"))]:
                    if side.exists():
                        chmod(side, 0o644)
                for folder in path.parents:
                    if folder == Path(folder.anchor) or folder == Path("/tmp"):
                        break
                    chmod(folder, stat.S_IMODE(folder.stat().st_mode) | 0o055)
            # What the refused paths import late, imported now: a checkout in a mode-0700 folder (a mktemp
            # clone) is out of nobody's reach, and only the desk file may be refused here.
            import counter_app.domain.storage  # noqa: F401
            import counter_app.services.desk_database  # noqa: F401
            import counter_app.ui.application  # noqa: F401

            os.setegid(65534)
            os.seteuid(65534)
            try:
                yield
            finally:
                os.seteuid(0)
                os.setegid(0)
        else:
            if readable:
                chmod(path, 0o444)
                chmod(path.parent, 0o555)
            else:
                chmod(path, 0)
            yield
    finally:
        for p, mode in reversed(changed):
            os.chmod(p, mode)


def damage_an_index(path: Path, table: str = "dossiers") -> str:
    """Overwrite the root page of one of ``table``'s indexes, as a failing disk would: the file opens and
    works (starting a desk never reads that index) but ``quick_check`` finds the damage. Returns its name."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        name, root = conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                  "AND rootpage > 1 ORDER BY name LIMIT 1", (table,)).fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)  # the b-tree page header and its first cells: nonsense
        f.write(b"\xde\xad\xbe\xef" * 64)
    return name
