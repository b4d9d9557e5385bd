"""What keeps the server and ``tthc-bot ask`` lean (issue 17): libraries a deployment does
not use are never imported, and the index's per-procedure tables kept as flat arrays give
back exactly what they replace (so every answer stays the same)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from knowledge.index_packed import PackedSets, PackedWeights
from tests.support.proc import child_env

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str, tmp_path: Path, full: bool = False) -> set[str]:
    """Top-level packages (``full``: modules) a fresh interpreter holds after ``code``
    (no channel tokens)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'f.db'}"
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=child_env(env), cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    names = json.loads(out.stdout.splitlines()[-1])
    return set(names) if full else {name.split(".")[0] for name in names}


def test_the_server_without_a_telegram_token_never_imports_the_telegram_library(
    tmp_path: Path,
) -> None:
    code = (
        "import asyncio\n"
        "from bot.config import Settings\n"
        "from bot.app import build_app\n"
        "from bot.server import create_web_app\n"
        "async def main():\n"
        "    app = await build_app(Settings())\n"
        "    create_web_app(app)\n"
        "    await app.close()\n"
        "asyncio.run(main())\n"
    )
    first = _modules_after(code, tmp_path)  # a new database: migrated
    assert "aiohttp" in first  # the server was really built
    assert "telegram" not in first
    assert "alembic" in first
    again = _modules_after(code, tmp_path, full=True)  # a restart: the schema is at head
    assert not again & {"telegram", "alembic"}
    assert "sqlalchemy.dialects.sqlite" in again
    assert "sqlalchemy.dialects.postgresql" not in again  # a SQLite server needs none of it


def test_ask_loads_the_knowledge_and_nothing_of_the_server(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        "sys.argv = ['tthc-bot', 'ask', 'lam giay khai sinh can gi', '--json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _modules_after(code, tmp_path)
    assert "knowledge" in loaded
    assert not loaded & {"sqlalchemy", "aiohttp", "alembic", "telegram", "aiosqlite"}


def test_packed_tables_give_back_the_same_entries_in_the_same_order() -> None:
    dicts = [{7: 1.25, 3: 0.1 + 0.2, 99: 2.0}, {}, {5: 1e-300, 2: 3.5}]
    sets = [frozenset({70000, 3, 12}), frozenset(), frozenset({1})]
    weights, packed = PackedWeights.of(dicts), PackedSets.of(sets)
    for table, originals in ((weights, dicts), (packed, sets)):
        again = pickle.loads(pickle.dumps(table))
        assert len(table) == len(again) == len(originals)
        for i, original in enumerate(originals):
            assert table[i] == again[i] == original
            assert table[i - len(originals)] == original
        assert list(table) == originals
    # insertion order kept: sums and the heaviest word come out as before, bit for bit
    assert [list(d.items()) for d in weights] == [list(d.items()) for d in dicts]
    assert sum(weights[0].values()) == sum(dicts[0].values())
