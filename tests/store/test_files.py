"""What a store path can hold besides a store, and the one message (exit 5) for each:
damaged files, other programs' SQLite files, no file at all, a folder that cannot be written.
Real files, the real command line."""

from __future__ import annotations

import os
import random
import shutil
import site
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyledger
from storyledger.cli import main
from storyledger.errors import StoreError
from storyledger.model import Article, StorySketch
from storyledger.store import Store

from ..conftest import EXAMPLES


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _one_error(result, exit_code: int = 5) -> str:
    """The command failed with the code and exactly one message line, no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == exit_code, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _real_store(path: Path) -> Path:
    """A store of 200 articles in 10 stories: a file of many pages."""
    with Store(path) as store:
        for b in range(10):
            articles = [
                Article(
                    id=f"a{b}-{i}",
                    text=f"Report {b}-{i}. " + "The harbour board met again and argued. " * 50,
                    outlet="Town Crier",
                )
                for i in range(20)
            ]
            sketch = StorySketch(id=f"s{b}", title="Harbour", article_ids=[a.id for a in articles])
            store.write_batch(articles, {a.id: f"s{b}" for a in articles}, [sketch])
    return path


def _damaged(kind: str, folder: Path) -> Path:
    rng = random.Random(kind)
    path = folder / f"{kind}.db"
    noise = bytes(rng.randrange(256) for _ in range(64 * 1024))
    if kind == "random-bytes":
        path.write_bytes(noise)
    else:
        real = _real_store(folder / "real.db").read_bytes()
        assert len(real) > 300_000
        if kind == "truncated":
            path.write_bytes(real[: len(real) // 3])
        else:  # a store's header, then garbage
            path.write_bytes(real[:100] + noise)
    return path


@pytest.mark.parametrize("kind", ["random-bytes", "truncated", "header-then-garbage"])
@pytest.mark.parametrize("command", ["stories", "show"])
def test_a_damaged_store_is_one_message_and_exit_5(tmp_path, kind, command):
    path = _damaged(kind, tmp_path)
    before = path.read_bytes()
    args = ["stories"] if command == "stories" else ["show", "s1"]
    line = _one_error(run(*args, "--db", str(path)))
    assert str(path) in line
    assert "damaged" in line or "not a storyledger store" in line
    assert path.read_bytes() == before  # nothing written into it


def test_ingesting_into_a_truncated_store_is_one_message_and_exit_5(tmp_path, nlp):
    path = _damaged("truncated", tmp_path)
    line = _one_error(run("ingest", str(EXAMPLES), "--db", str(path)))
    assert f"{path}: the store is damaged" in line


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path, nlp):
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('buy milk')")
    conn.commit()
    conn.close()
    for args in (["ingest", str(EXAMPLES)], ["stories"], ["show", "s1"]):
        line = _one_error(run(*args, "--db", str(path)))
        assert line == (
            f"error: {path}: not a storyledger store (a SQLite database of other tables: notes)"
        )
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"] and conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()


def test_reading_commands_never_create_a_store(tmp_path):
    missing = tmp_path / "typo.db"
    for args in (["show", "s-1"], ["stories"]):
        line = _one_error(run(*args, "--db", str(missing)))
        assert f"no store at {missing}" in line
    result = run("load", str(tmp_path / "no-such-output"), "--db", str(missing))
    assert result.exit_code == 3 and "no such Parquet file or folder" in result.stderr
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_a_fifo_is_not_taken_for_a_store(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        Store(fifo)


def _unprivileged_cli() -> tuple[list[str], dict[str, str]]:
    """A command line running storyledger as an ordinary user, who cannot write everywhere.

    Root writes in any folder, so as root the CLI runs as `nobody` (setpriv), through this
    interpreter if `nobody` may run it, else the system's Python of the same version with
    this environment's packages on its path; the test is skipped when neither can run.
    """
    env = {**os.environ, "HOME": "/tmp"}
    if os.geteuid() != 0:
        return [sys.executable, "-m", "storyledger.cli"], env
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    paths.append(str(Path(storyledger.__file__).resolve().parent.parent))
    paths += site.getsitepackages()
    env["PYTHONPATH"] = os.pathsep.join(paths)
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, f"/usr/bin/{version}"):
        probe = [*drop, python, "-c", "import storyledger.cli"]
        try:
            ok = subprocess.run(probe, env=env, cwd="/tmp", capture_output=True, timeout=120)
        except OSError:
            continue
        if ok.returncode == 0:
            return [*drop, python, "-m", "storyledger.cli"], env
    pytest.skip("running as root, and no interpreter the unprivileged user may run")


def test_a_read_only_folder_is_named_as_such():
    cli, env = _unprivileged_cli()
    base = Path(tempfile.mkdtemp(prefix="sl-ro-"))  # tmp_path is private to its owner
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        for db in (locked / "store.db", locked / "sub" / "store.db"):
            result = subprocess.run(
                [*cli, "ingest", str(EXAMPLES), "--db", str(db)],
                env=env,
                cwd="/tmp",
                capture_output=True,
                text=True,
                timeout=300,
            )
            lines = result.stderr.strip().splitlines()
            assert result.returncode == 5, result.stderr
            assert len(lines) == 1 and f"cannot write in {locked}" in lines[0], result.stderr
            assert "not a storyledger store" not in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)
        shutil.rmtree(base)
