"""``tthc-bot staff add|list|disable|enable``: the password from stdin (never an argument),
clear one-line errors with exit status 2, and a disabled account that cannot log in."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/staff.db")
    monkeypatch.setenv("DEMO_DATA", "false")
    return tmp_path


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_add_list_disable_enable(db, monkeypatch, capsys) -> None:
    add = ["staff", "add", "lan.nguyen", "--role", "admin", "--password-stdin"]
    assert _run(add, "mat-khau-dai-1\n", monkeypatch) == 0
    assert "Đã thêm tài khoản lan.nguyen (admin)" in capsys.readouterr().out
    assert _run(add, "mat-khau-dai-1\n", monkeypatch) == 2  # taken
    assert "lan.nguyen đã có" in capsys.readouterr().err
    short = ["staff", "add", "minh", "--role", "officer", "--password-stdin"]
    assert _run(short, "ngan\n", monkeypatch) == 2
    err = capsys.readouterr().err
    assert "ít nhất 8 ký tự" in err and err.count("\n") == 1 and "Traceback" not in err
    assert _run(["staff", "add", "x", "--role", "officer", "--password-stdin"], "a" * 9,
                monkeypatch) == 2  # fmt: skip
    assert "Tên đăng nhập cần 3-64 ký tự" in capsys.readouterr().err
    # no terminal and no --password-stdin: told how, nothing read
    assert _run(["staff", "add", "minh", "--role", "officer"], "", monkeypatch) == 2
    assert "--password-stdin" in capsys.readouterr().err

    assert _run(["staff", "list"], "", monkeypatch) == 0
    out = capsys.readouterr().out
    assert "lan.nguyen\tadmin\thoạt động" in out and "mat-khau" not in out
    assert _run(["staff", "disable", "lan.nguyen"], "", monkeypatch) == 0
    assert _run(["staff", "list"], "", monkeypatch) == 0
    assert "lan.nguyen\tadmin\tđã khóa" in capsys.readouterr().out
    assert _run(["staff", "disable", "ai-do"], "", monkeypatch) == 2
    assert "Không có tài khoản ai-do" in capsys.readouterr().err
    assert _run(["staff", "enable", "lan.nguyen"], "", monkeypatch) == 0
    with pytest.raises(SystemExit) as exc:  # argparse: a role that does not exist
        _run(["staff", "add", "minh", "--role", "boss"], "", monkeypatch)
    assert exc.value.code == 2


def test_an_officer_gets_its_ward_when_added_or_later(db, monkeypatch, capsys) -> None:
    add = ["staff", "add", "lan", "--role", "officer", "--ward", "phuong cao lanh"]
    assert _run([*add, "--password-stdin"], "mat-khau-dai-1\n", monkeypatch) == 0
    assert "Đã thêm tài khoản lan (officer, phuong cao lanh)" in capsys.readouterr().out
    bad = ["staff", "add", "minh", "--role", "officer", "--ward", "99999", "--password-stdin"]
    assert _run(bad, "mat-khau-dai-1\n", monkeypatch) == 2
    assert 'Không có xã/phường "99999"' in capsys.readouterr().err
    admin = ["staff", "add", "tinh", "--role", "admin", "--ward", "29884", "--password-stdin"]
    assert _run(admin, "mat-khau-dai-1\n", monkeypatch) == 2
    assert "cả tỉnh" in capsys.readouterr().err
    plain = ["staff", "add", "minh", "--role", "officer", "--password-stdin"]
    assert _run(plain, "mat-khau-dai-1\n", monkeypatch) == 0  # the province's officer
    assert _run(["staff", "ward", "minh", "phường Mỹ Ngãi"], "", monkeypatch) == 0
    assert "minh nay thuộc xã/phường 29884" in capsys.readouterr().out
    assert _run(["staff", "list"], "", monkeypatch) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[-1] for line in lines] == ["29869", "29884"]  # lan, minh
    assert _run(["staff", "ward", "ai-do", "29884"], "", monkeypatch) == 2
    assert "Không có tài khoản ai-do" in capsys.readouterr().err
