"""``tthc-bot localities import FILE.csv | validate | list | links CODE | poster CODE``.

The ward data lives in ``knowledge/data/localities`` (columns in its README). ``import``
checks each row of a spreadsheet, reports the bad ones by line and merges the good ones into
``wards.csv``; ``validate`` checks the data and how programmes and offices refer to it;
``poster`` prints a ward's QR poster (PNG and PDF) for the one-stop shop's wall.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.errors import UserError, file_error


def register(sub: Any) -> None:
    """Add the ``localities`` commands."""
    lp = sub.add_parser("localities", help="xã/phường của tỉnh, Bộ phận Một cửa, áp phích QR")
    lsub = lp.add_subparsers(dest="localities_command", required=True, metavar="WHAT")
    imp = lsub.add_parser(
        "import",
        help="nhập danh sách xã/phường, địa chỉ, điện thoại từ tệp CSV",
        description="CSV UTF-8 có dòng tiêu đề; cột bắt buộc code,name,type; các cột khác: "
        "former_units, office_name, office_address, office_phone, office_hours, "
        "office_map_url, receipt_units, verify, source (xem knowledge/data/localities/"
        "README.md). Dòng lỗi được báo cáo kèm số dòng; các dòng đúng vẫn được ghi.",
    )
    imp.add_argument("file", help="tệp CSV")
    imp.add_argument("--replace", action="store_true", help="tệp là toàn bộ danh sách mới")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    val = lsub.add_parser("validate", help="kiểm tra dữ liệu xã/phường (lỗi thì mã thoát 1)")
    ls = lsub.add_parser("list", help="liệt kê xã/phường")
    ls.add_argument("--json", action="store_true", help="mỗi xã/phường một dòng JSON")
    links = lsub.add_parser("links", help="đường dẫn vào trợ lý của một xã/phường")
    links.add_argument("code", help="mã xã/phường (5 số) hoặc tên")
    links.add_argument("--json", action="store_true", help="in JSON")
    poster = lsub.add_parser("poster", help="áp phích mã QR (PNG và PDF) của một xã/phường")
    poster.add_argument("code", help="mã xã/phường (5 số) hoặc tên")
    poster.add_argument("--out", required=True, help="thư mục ghi tệp xa-<mã>.png, .pdf")
    for p in (links, poster):
        p.add_argument("--web-url", default=None, help="địa chỉ trang chat (mặc định PUBLIC_URL)")
        p.add_argument(
            "--telegram-bot", default=None, help="tên bot Telegram (TELEGRAM_BOT_USERNAME)"
        )
        p.add_argument("--zalo-url", default=None, help="đường dẫn Zalo (ZALO_CHAT_URL)")
    for p in (imp, val, ls, links, poster):
        p.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)  # tests, tools
    lp.set_defaults(handler="bot.cli.localities:localities")


def _data(args: argparse.Namespace) -> Path:
    from knowledge.loader import DATA_DIR

    return Path(args.data_dir) if args.data_dir else DATA_DIR


def _folder(args: argparse.Namespace) -> Path:
    return _data(args) / "localities"


def _places(args: argparse.Namespace) -> Any:
    from knowledge.localities import clear_cache, load_localities

    clear_cache()
    try:
        return load_localities(_folder(args))
    except OSError as exc:
        raise file_error(exc, "dữ liệu xã/phường", "ward data") from exc


def _ward(places: Any, value: str) -> Any:
    found = places.find(value)
    if found.ward is None:
        raise UserError(
            f"không có xã/phường {value!r} (xem `tthc-bot localities list`)",
            f"no commune/ward {value!r} (see `tthc-bot localities list`)",
        )
    return found.ward


def localities(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of ``tthc-bot localities ...``."""
    command = args.localities_command
    if command == "import":
        return _import(args)
    if command == "validate":
        return _validate(args)
    if command == "list":
        return _list(args)
    return _links(args, settings) if command == "links" else _poster(args, settings)


def _import(args: argparse.Namespace) -> int:
    from knowledge.localities import clear_cache
    from knowledge.locality_checks import merge_wards
    from knowledge.locality_csv import read_wards, write_wards

    path = Path(args.file)
    try:
        result = read_wards(path)
    except OSError as exc:
        raise file_error(exc, "tệp CSV", "CSV file") from exc
    except UnicodeError as exc:
        raise UserError(
            f"tệp {path} không phải UTF-8 (Excel: Lưu thành > CSV UTF-8)",
            f"{path} is not UTF-8 (Excel: Save as > CSV UTF-8)",
        ) from exc
    except (ValueError, csv.Error) as exc:
        raise UserError(f"{path}: {exc}", f"{path}: unusable header or CSV ({exc})") from exc
    for problem in result.problems:
        print(problem.text())
    target = _folder(args) / "wards.csv"
    existing = read_wards(target).wards if target.exists() and not args.replace else []
    report = merge_wards(existing, result.wards, args.replace)
    if not args.dry_run and (report.created or report.updated or args.replace):
        write_wards(target, report.wards)
        clear_cache()
    written = "chỉ kiểm tra, chưa ghi" if args.dry_run else f"đã ghi {target}"
    print(
        f"{result.rows} dòng: {len(report.created)} xã/phường mới, {len(report.updated)} cập "
        f"nhật, {len(report.unchanged)} không đổi, {len(result.problems)} bị bỏ qua; {written}"
    )
    return 1 if result.problems else 0


def _validate(args: argparse.Namespace) -> int:
    from knowledge.locality_checks import validate_localities

    problems = validate_localities(_folder(args), _data(args))
    for problem in problems:
        print(f"✗ {problem}")
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    places = _places(args)
    print(f"OK: {places.province.name}, {len(places.wards)} xã/phường")
    return 0


def _list(args: argparse.Namespace) -> int:
    places = _places(args)
    for ward in places.wards.values():
        if args.json:
            row = {
                "code": ward.code,
                "name": ward.name,
                "type": ward.type,
                "former": [u.label for u in ward.former],
                "offices": [o.model_dump(exclude={"receipt_units"}) for o in ward.offices],
                "receipt_units": [u for o in ward.offices for u in o.receipt_units],
                "verify": ward.verify,
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{ward.code}  {ward.name:<28} {len(ward.former)} đơn vị cũ")
    if not args.json:
        print(f"Tổng: {len(places.wards)} xã/phường ({places.province.name})")
    return 0


def _configured(args: argparse.Namespace, settings: Settings, code: str) -> list[Any]:
    from bot.posters import ward_links

    web = args.web_url or settings.public_url
    telegram = args.telegram_bot or settings.telegram_bot_username
    zalo = args.zalo_url or settings.zalo_chat_url
    try:
        links = ward_links(code, web, telegram, zalo)
    except ValueError as exc:
        raise UserError(f"tên bot Telegram không hợp lệ: {telegram}", str(exc)) from exc
    if not links:
        raise UserError(
            "chưa có đường dẫn nào: đặt PUBLIC_URL, TELEGRAM_BOT_USERNAME hoặc ZALO_CHAT_URL "
            "(hoặc --web-url, --telegram-bot, --zalo-url)",
            "no link configured: set PUBLIC_URL, TELEGRAM_BOT_USERNAME or ZALO_CHAT_URL "
            "(or --web-url, --telegram-bot, --zalo-url)",
        )
    return links


def _links(args: argparse.Namespace, settings: Settings) -> int:
    from bot.posters import zalo_text

    ward = _ward(_places(args), args.code)
    links = _configured(args, settings, ward.code)
    rows = {link.channel: link.url for link in links}
    if "zalo" in rows:
        rows["zalo_text"] = zalo_text(ward.code)
    if args.json:
        print(json.dumps({"code": ward.code, "name": ward.name, **rows}, ensure_ascii=False))
    else:
        print(f"{ward.code} {ward.name}")
        for key, value in rows.items():
            print(f"  {key}: {value}")
    return 0


def _poster(args: argparse.Namespace, settings: Settings) -> int:
    from bot.posters import render, write_poster
    from handlers.i18n import t

    places = _places(args)
    ward = _ward(places, args.code)
    links = _configured(args, settings, ward.code)
    office = ward.office.name or t("ward.office_default", ward=ward.display)
    image = render(ward, office, places.province.name, links)
    try:
        png, pdf = write_poster(image, Path(args.out), ward.code)
    except OSError as exc:
        raise file_error(exc, "thư mục ghi áp phích", "poster folder") from exc
    print(f"Đã ghi {png} và {pdf}", file=sys.stderr)
    print(json.dumps({"png": str(png), "pdf": str(pdf), "links": [link.url for link in links]}))
    return 0
