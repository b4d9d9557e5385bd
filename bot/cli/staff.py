"""``tthc-bot staff add USERNAME --role admin|officer [--ward CODE] [--password-stdin]``,
``staff list``, ``staff ward USERNAME CODE``, ``staff disable USERNAME`` (``staff enable``
undoes it): accounts of the console at /staff. An officer of a ward (``--ward``) sees that
ward only; an officer without a ward and an admin see every ward.

The password is read from a prompt (typed twice, not echoed) or, with ``--password-stdin``,
from the first line of stdin (for scripts); it never appears on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from bot.config import Settings
from bot.errors import UserError


def register(sub: Any) -> None:
    """Add ``staff add|list|ward|disable|enable``."""
    st = sub.add_parser("staff", help="tài khoản cán bộ của trang quản trị /staff")
    ssub = st.add_subparsers(dest="staff_command", required=True, metavar="WHAT")
    add = ssub.add_parser("add", help="thêm tài khoản")
    add.add_argument("username", help="tên đăng nhập (chữ, số, . _ -)")
    add.add_argument("--role", choices=["officer", "admin"], required=True,
                     help="officer: xử lý công việc; admin: thêm quản lý tài khoản")  # fmt: skip
    add.add_argument("--ward", default=None, metavar="CODE",
                     help="xã/phường của cán bộ (mã 5 số hoặc tên); bỏ trống: cả tỉnh")  # fmt: skip
    add.add_argument("--password-stdin", action="store_true",
                     help="đọc mật khẩu từ dòng đầu của stdin")  # fmt: skip
    ssub.add_parser("list", help="liệt kê tài khoản")
    ward = ssub.add_parser("ward", help="đặt xã/phường cho tài khoản cán bộ")
    ward.add_argument("username")
    ward.add_argument("ward", metavar="CODE", help="mã 5 số hoặc tên xã/phường")
    for verb, text in (("disable", "khóa tài khoản (đăng xuất ngay)"), ("enable", "mở lại")):
        p = ssub.add_parser(verb, help=text)
        p.add_argument("username")
    st.set_defaults(handler="bot.cli.staff:staff")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError(
            "không có bàn phím để nhập mật khẩu: dùng --password-stdin",
            "no terminal to type the password: use --password-stdin",
        )
    first = getpass.getpass("Mật khẩu / password: ")
    if getpass.getpass("Nhập lại / again: ") != first:
        raise UserError("hai lần nhập mật khẩu không khớp", "the two passwords differ")
    return first


async def staff(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of ``tthc-bot staff ...``."""
    from bot.app import build_app
    from bot.staff.accounts import AccountError, add_account, set_disabled, set_ward
    from handlers.i18n import t

    password = _password(args.password_stdin) if args.staff_command == "add" else ""
    app = await build_app(settings, with_knowledge=False)
    try:
        if args.staff_command == "add":
            await add_account(app, args.username, args.role, password, "cli", args.ward)
            where = f", {args.ward.strip()}" if args.ward else ""
            print(f"Đã thêm tài khoản {args.username.strip()} ({args.role}{where}).")
        elif args.staff_command == "ward":
            code = await set_ward(app, args.username, args.ward, "cli")
            print(f"Tài khoản {args.username.strip()} nay thuộc xã/phường {code}.")
        elif args.staff_command == "list":
            async with app.uow() as uow:
                accounts = await uow.repos.staff.accounts()
            for a in accounts:
                state = "đã khóa" if a.disabled else "hoạt động"
                last = a.last_login_at.isoformat(timespec="minutes") if a.last_login_at else "—"
                ward = a.ward_code or "cả tỉnh"
                print(f"{a.username}\t{a.role}\t{state}\tđăng nhập gần nhất: {last}\t{ward}")
            if not accounts:
                print("Chưa có tài khoản nào: tthc-bot staff add TÊN --role admin")
        else:
            await set_disabled(app, args.username, args.staff_command == "disable", "cli")
            done = "Đã khóa" if args.staff_command == "disable" else "Đã mở lại"
            print(f"{done} tài khoản {args.username}.")
    except AccountError as exc:
        raise UserError(t(exc.key, **exc.params), t(exc.key, "en", **exc.params)) from exc
    finally:
        await app.close()
    return 0
