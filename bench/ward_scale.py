"""Province scale: turn latency and memory with 100+ wards, each with programmes, on
PostgreSQL with two worker processes (prints figures; not a test).

For each ward count the script writes a province (the shipped 102 wards of Đồng Tháp, plus
synthetic ones beyond that) with ``--programmes`` bookable programmes per ward, starts a
throwaway PostgreSQL server (``tests/support/pg.py``), and runs ``--workers`` processes that
each build the whole app on the same database and drive ``--chats`` concurrent chats through
the engine: a ward's deep link or its name typed at the ward question, the ward's programme
list, a full booking, the contact answer, a procedure card and "nộp ở đâu". It prints one
JSON line per ward count: turns, turns/s, p50/p99 per turn, and the workers' memory after
loading (data) and at the end (data + turns), the workers' CPU time per turn (wall
latencies include waiting for the CPU on a busy machine; CPU time per turn does not), and
the median time of a ward officer's booking list (every ward has a staff token).

    .venv/bin/python bench/ward_scale.py --wards 102 1000 --chats 30 --json
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYLLABLES = (
    "an bình hòa phú tân mỹ long thạnh hưng phước thới lộc thuận đông tây nam bắc trung "
    "hiệp hội định nghĩa quới khánh thành lợi xuân hậu"
).split()


def _rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_data(folder: Path, wards: int, per_ward: int, seed: int = 7) -> list[str]:
    """A knowledge data folder with ``wards`` wards and ``per_ward`` programmes each; returns
    the ward codes. The first 102 wards are the shipped ones, the rest are synthetic."""
    from knowledge.loader import DATA_DIR
    from knowledge.localities import LOCALITIES_DIR

    rng = random.Random(seed)
    loc = folder / "localities"
    loc.mkdir(parents=True)
    shutil.copy(LOCALITIES_DIR / "province.yaml", loc / "province.yaml")
    shutil.copy(DATA_DIR / "offices.yaml", folder / "offices.yaml")
    with (LOCALITIES_DIR / "wards.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [r for r in reader][:wards]
    used = {r["name"] for r in rows}
    n = 0
    while len(rows) < wards:
        n += 1
        # three syllables: two give only ~1,900 distinct names (3,000 wards would never end)
        name = " ".join(rng.sample(SYLLABLES, 3)).title()
        kind = rng.choice(["xã", "phường"])
        full = f"{kind.capitalize()} {name}"
        if full in used:
            continue
        used.add(full)
        former = "; ".join(
            f"Xã {' '.join(rng.sample(SYLLABLES, 2)).title()} (huyện Thử {n})" for _ in range(3)
        )
        rows.append({"code": f"{90000 + n}", "name": full, "type": kind,
                     "former_units": former, "source": "synthetic"})  # fmt: skip
    with (loc / "wards.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    lines = ["horizon_days: 28", "min_notice_minutes: 0", "programmes:"]
    days = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu"]
    for r in rows:
        for i in range(per_ward):
            lines += [
                f"  - id: p{r['code']}_{i}",
                f'    name: "Hỗ trợ {i + 1} - {r["name"]}"',
                f'    unit: "{r["type"]} {r["name"].split(" ", 1)[1]}"',
                f'    ward: "{r["code"]}"',
                '    place: {name: "Bộ phận Một cửa"}',
                "    schedule:",
                *[f'      - {{weekday: "{d}", start: "07:30", end: "16:30"}}' for d in days],
                "    slot_minutes: 30",
                "    capacity: 100",
            ]
    (folder / "programmes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [r["code"] for r in rows]


def _payload(replies: list[Any], prefix: str) -> str | None:
    return next(
        (b.payload for r in replies for b in r.flat_buttons() if b.payload.startswith(prefix)),
        None,
    )


async def _chat(
    app: Any, chat_id: str, ward: Any, typed: bool, times: list[float], staff: list[float]
) -> bool:
    """One citizen's conversation, then the ward officer's list of the ward's bookings (the
    staff API's query); True when the booking was confirmed."""
    from bot.staff.bookings import list_bookings
    from handlers.types import Incoming

    async def turn(text: str | None = None, payload: str | None = None) -> list[Any]:
        msg = Incoming(channel="bench", chat_id=chat_id, text=text, payload=payload)
        started = time.perf_counter()
        replies = await app.engine.handle(msg)
        times.append(time.perf_counter() - started)
        return replies

    if typed:
        await turn("đặt lịch hỗ trợ")
        replies = await turn(ward.name)  # the ward question, answered by name
    else:
        await turn(f"/start xa_{ward.code}")  # a poster's deep link
        replies = await turn("đặt lịch hỗ trợ")
    for prefix in ("bk:prog:", "bk:day:", "bk:slot:"):
        payload = _payload(replies, prefix)
        if payload is None:
            return False
        replies = await turn(payload=payload)
    await turn("Nguyễn Văn An")
    replies = await turn("0912345678")
    replies = await turn(payload=_payload(replies, "bk:need:") or "bk:need:")
    booked = any("LH-" in r.text for r in await turn(payload="bk:confirm:"))
    await turn("menu")
    await turn(payload="mn:contact")
    await turn("lam giay khai sinh can gi")
    await turn("nop o dau")
    started = time.perf_counter()
    rows = await list_bookings(app, None, ward.code)
    staff.append(time.perf_counter() - started)
    return booked and all(r["ward"] == ward.code for r in rows)


async def _worker(url: str, data: str, worker: int, chats: int, seed: int) -> dict[str, Any]:
    from bot.app import build_app
    from bot.config import Settings
    from knowledge.localities import load_localities
    from knowledge.programmes import load_programmes

    started = time.perf_counter()
    places = load_localities(Path(data) / "localities")
    book = load_programmes(Path(data) / "programmes.yaml")
    # every ward has an officer's staff token, as a province would configure it
    tokens = ",".join(f"{code}:officer-token-{code}-0123456789" for code in places.wards)
    settings = Settings(database_url=url, demo_data=False, staff_ward_tokens=tokens)
    app = await build_app(settings, localities=places)
    app.services.extra["programmes"] = book
    load_s = time.perf_counter() - started
    loaded_mb = _rss_mb()
    rng = random.Random(seed + worker)
    wards = list(places.wards.values())
    await _chat(app, f"warm{worker}", wards[0], True, [], [])  # first-use costs, not counted
    times: list[float] = []
    staff: list[float] = []
    began, cpu = time.perf_counter(), time.process_time()
    booked = await asyncio.gather(
        *(
            _chat(app, f"w{worker}-{i}", rng.choice(wards), i % 2 == 0, times, staff)
            for i in range(chats)
        )
    )
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    await app.close()
    return {"times": times, "elapsed": elapsed, "load_s": load_s, "loaded_mb": loaded_mb,
            "rss_mb": _rss_mb(), "booked": sum(booked), "cpu": cpu, "staff": staff}  # fmt: skip


def _run_worker(args: tuple[str, str, int, int, int]) -> dict[str, Any]:
    return asyncio.run(_worker(*args))


def measure(wards: int, per_ward: int, workers: int, chats: int, server: Any) -> dict[str, Any]:
    """One ward count: data written, database created, workers run; the figures."""
    from bot.storage.db import make_engine, upgrade
    from tests.support import pg

    tmp = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    try:
        build_data(tmp, wards, per_ward)
        name = f"bench_{wards}_{int(time.time())}"
        psql = pg.find_bin("psql") or "psql"
        subprocess.run(
            [psql, "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-c",
             f"CREATE DATABASE {name}"], check=True, capture_output=True,
        )  # fmt: skip
        url = server.url.rsplit("/", 1)[0] + "/" + name

        async def migrate() -> None:
            db = make_engine(url)
            await upgrade(db)
            await db.dispose()

        asyncio.run(migrate())
        jobs = [(url, str(tmp), w, chats, 11) for w in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_run_worker, jobs))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    times = sorted(t for r in results for t in r["times"])
    staff = sorted(t for r in results for t in r["staff"])
    wall = max(r["elapsed"] for r in results)
    return {
        "wards": wards,
        "programmes": wards * per_ward,
        "workers": workers,
        "chats": chats * workers,
        "turns": len(times),
        "bookings": sum(r["booked"] for r in results),
        "turns_per_s": round(len(times) / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[int(len(times) * 0.99) - 1] * 1000, 1),
        "staff_list_p50_ms": round(statistics.median(staff) * 1000, 1),
        # the workers' own CPU per turn (PostgreSQL's apart): steady on a loaded machine
        "cpu_ms_per_turn": round(sum(r["cpu"] for r in results) / len(times) * 1000, 2),
        "load_s": round(max(r["load_s"] for r in results), 2),
        "rss_loaded_mb": round(max(r["loaded_mb"] for r in results), 1),
        "rss_mb": round(max(r["rss_mb"] for r in results), 1),
    }


def main() -> int:
    """Command line: ward counts to compare, programmes per ward, workers, chats."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--wards", type=int, nargs="+", default=[102, 1000])
    p.add_argument("--programmes", type=int, default=3, help="programmes per ward")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--chats", type=int, default=30, help="concurrent chats per worker")
    p.add_argument("--json", action="store_true", help="one JSON line per ward count")
    args = p.parse_args()
    from tests.support import pg

    server = pg.start_server()
    try:
        for wards in args.wards:
            row = measure(wards, args.programmes, args.workers, args.chats, server)
            print(json.dumps(row, ensure_ascii=False) if args.json else row, flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
