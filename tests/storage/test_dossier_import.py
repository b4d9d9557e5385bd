"""CSV import on SQLite and PostgreSQL: bad rows reported and skipped, idempotent re-import,
status changes recorded and notified, and the CLI set-status command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.app import build_app
from bot.cli.dossiers import dossiers as dossiers_cmd
from bot.config import Settings
from bot.staff.dossier_import import import_csv, print_report

HEADER = "code,procedure_code,procedure_name,applicant_name,phone,received_at,due_at,status,office"
GOOD = [
    "000.00.14.H20-261120-0001,1.001193,Đăng ký khai sinh,Nguyễn Văn An,0912 345 678,"
    "2026-11-20,25/11/2026,Đang xử lý,UBND phường 1",
    "000.00.14.h20 - 261120 - 0002,1.000894,Đăng ký kết hôn,Trần Thị Bích,+84987654321,"
    "20/11/2026,2026-11-25,da co ket qua,UBND phường 1",
]
BAD = [
    "H20-0001,1.001193,Khai sinh,Lê Văn C,0912000111,2026-11-20,2026-11-25,Đang xử lý,X",
    "000.00.14.H20-261120-0003,1.001193,Khai sinh,Lê Văn C,0912000111,2026-11-20,"
    "2026-11-25,Đang chờ,X",
    "000.00.14.H20-261120-0004,1.001193,Khai sinh,Lê Văn C,0912000111,2026-13-20,"
    "2026-11-25,Đang xử lý,X",
    "000.00.14.H20-261120-0005,1.001193,Khai sinh,Lê Văn C,12,2026-11-20,2026-11-25,Đang xử lý,X",
]


@pytest.fixture
async def staff_app(db_url, clock):
    settings = Settings(database_url=db_url, demo_data=False)
    app = await build_app(settings, clock=clock, with_knowledge=False)
    yield app
    await app.close()


def _write(tmp_path: Path, rows: list[str], name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text("\ufeff" + "\n".join([HEADER, *rows]) + "\n", encoding="utf-8")  # Excel BOM
    return path


async def test_bad_rows_are_reported_and_good_rows_imported(staff_app, tmp_path) -> None:
    path = _write(tmp_path, [GOOD[0], *BAD, GOOD[1]])
    report = await import_csv(staff_app, path)
    assert report.created == 2 and report.rows == 6
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "bad_code"),
        (4, "unknown_status"),
        (5, "bad_date"),
        (6, "bad_phone"),
    ]
    async with staff_app.uow() as uow:
        second = await uow.repos.dossiers.get("000.00.14.H20-261120-0002")
    assert second is not None and second.status == "Đã có kết quả"
    assert second.applicant_masked == "Trần T*** B" and second.phone_last4 == "4321"
    assert "Bích" not in repr(second) and "987654321" not in repr(second)

    class Out:
        text = ""

        def write(self, s: str) -> None:
            Out.text += s

    print_report(report, Out())  # type: ignore[arg-type]
    assert "dòng 4: bỏ qua 000.00.14.H20-261120-0003: tình trạng không thuộc danh sách" in Out.text


async def test_reimport_is_idempotent_and_status_changes_notify(staff_app, tmp_path) -> None:
    await import_csv(staff_app, _write(tmp_path, GOOD))
    again = await import_csv(staff_app, _write(tmp_path, GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    async with staff_app.uow() as uow:
        await uow.repos.dossiers.subscribe(
            "000.00.14.H20-261120-0001", "telegram", "7", staff_app.services.clock.now()
        )
        await uow.commit()
    changed = [GOOD[0].replace("Đang xử lý", "Chờ bổ sung hồ sơ"), GOOD[1]]
    third = await import_csv(staff_app, _write(tmp_path, changed))
    assert (third.updated, third.status_changed, third.notifications) == (1, 1, 1)
    async with staff_app.uow() as uow:
        view = await uow.repos.dossiers.get("000.00.14.H20-261120-0001")
        assert await uow.repos.jobs.count(kind="send") == 1
    assert view is not None
    assert [e.status for e in view.history] == ["Mới tiếp nhận", "Đang xử lý", "Chờ bổ sung hồ sơ"]


async def test_missing_required_column_is_an_error(staff_app, tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,status\n000.00.14.H20-261120-0001,Đang xử lý\n", encoding="utf-8")
    with pytest.raises(ValueError, match="phone"):
        await import_csv(staff_app, path)


async def test_cli_import_and_set_status(db_url, tmp_path, capsys) -> None:
    settings = Settings(database_url=db_url, demo_data=False)
    path = _write(tmp_path, [GOOD[0], BAD[0]])
    rc = await dossiers_cmd(
        argparse.Namespace(dossiers_command="import", file=str(path)), settings
    )
    captured = capsys.readouterr()
    out = captured.out
    assert rc == 0 and "1 hồ sơ mới" in out and "dòng 3: bỏ qua H20-0001" in out
    assert "PHONE_HASH_KEY" in captured.err  # imported with the development key: warned
    real = Settings(database_url=db_url, demo_data=False, phone_hash_key="a-real-secret")
    path2 = _write(tmp_path, [GOOD[0]])
    await dossiers_cmd(argparse.Namespace(dossiers_command="import", file=str(path2)), real)
    assert "PHONE_HASH_KEY" not in capsys.readouterr().err
    ns = argparse.Namespace(
        dossiers_command="set-status",
        code="000.00.14.h20-261120-0001",
        status="cho bo sung ho so",
        note="Thiếu bản sao CCCD",
    )
    assert await dossiers_cmd(ns, settings) == 0
    assert "Chờ bổ sung hồ sơ" in capsys.readouterr().out
    ns.status = "xong roi"
    assert await dossiers_cmd(ns, settings) == 2
    assert "tình trạng không hợp lệ" in capsys.readouterr().err
    ns.status, ns.code = "Đã hủy", "000.00.14.H20-261120-0099"
    assert await dossiers_cmd(ns, settings) == 1
