"""``tthc-bot localities`` as staff run it: import with a per-row report and exit codes,
validate, list, links, and the QR poster whose codes are decoded back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.support.places import places_folder

HEADER = "code,name,type,office_address,office_phone,office_hours,receipt_units\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A knowledge data folder with a copy of the shipped localities (``--data-dir``)."""
    places_folder(tmp_path / "data")
    return tmp_path / "data"


def _run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_import_reports_bad_rows_and_writes_the_good_ones(
    data: Path, tmp_path: Path, capsys
) -> None:
    sheet = tmp_path / "xa.csv"
    sheet.write_text(
        "\ufeff"
        + HEADER  # as Excel saves "CSV UTF-8"
        + "29869,Phường Cao Lãnh,phường,Số 9 thử nghiệm,0277 3000 000,Sáng thứ Hai,000.00.14.H20\n"
        + "2986X,Phường Lỗi,phường,,,,\n"
        + "29884,Phường Mỹ Ngãi,phường,,12,,\n",
        encoding="utf-8",
    )
    rc, out, _ = _run(capsys, "localities", "import", str(sheet), "--data-dir", str(data))
    assert rc == 1  # some rows were skipped; the good ones are written
    assert "dòng 3: bỏ qua 2986X: mã xã/phường phải gồm 5 chữ số" in out
    assert "dòng 4: bỏ qua 29884: số điện thoại phải có ít nhất 8 chữ số" in out
    assert "3 dòng: 0 xã/phường mới, 1 cập nhật, 0 không đổi, 2 bị bỏ qua" in out
    rc, out, _ = _run(capsys, "localities", "list", "--json", "--data-dir", str(data))
    rows = {r["code"]: r for r in map(json.loads, out.splitlines())}
    assert rows["29869"]["offices"][0]["address"] == "Số 9 thử nghiệm"
    assert rows["29869"]["receipt_units"] == ["000.00.14.H20"]
    assert len(rows["29869"]["former"]) == 10  # the merged units were kept
    assert rows["29884"]["offices"][0]["phone"] == ""  # the bad row changed nothing
    rc, out, _ = _run(capsys, "localities", "validate", "--data-dir", str(data))
    assert rc == 0 and "OK: Tỉnh Đồng Tháp, 102 xã/phường" in out
    # the same file again changes nothing; a dry run writes nothing
    before = (data / "localities" / "wards.csv").read_bytes()
    sheet.write_text(HEADER + "29870,Xã Mới,xã,,,,\n", encoding="utf-8")
    rc, out, _ = _run(
        capsys, "localities", "import", str(sheet), "--dry-run", "--data-dir", str(data)
    )
    assert rc == 0 and "1 xã/phường mới" in out and "chỉ kiểm tra" in out
    assert (data / "localities" / "wards.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "không tìm thấy tệp CSV"),
        (b"\xff\xfe\x00b\x00a\x00d", "không phải UTF-8"),
        (b"", "thiếu cột: code, name, type"),
        (b"ma,ten\n1,2\n", "thiếu cột: code, name, type"),
    ],
)
def test_an_unreadable_file_is_one_line_and_status_2(
    data: Path, tmp_path: Path, capsys, content, message
) -> None:
    sheet = tmp_path / "xa.csv"
    if content is not None:
        sheet.write_bytes(content)
    rc, out, err = _run(capsys, "localities", "import", str(sheet), "--data-dir", str(data))
    assert rc == 2 and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_validate_fails_on_a_broken_file(data: Path, capsys) -> None:
    path = data / "localities" / "wards.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "12,Xã Lạ,huyện,,,,,,,,,\n", encoding="utf-8"
    )
    rc, out, _ = _run(capsys, "localities", "validate", "--data-dir", str(data))
    assert rc == 1 and "dòng 104: bỏ qua 12: loại phải là xã, phường hoặc đặc khu" in out


def test_links_of_a_ward(data: Path, capsys) -> None:
    rc, out, _ = _run(
        capsys, "localities", "links", "p3 cao lanh", "--json", "--data-dir", str(data),
        "--web-url", "https://bot.example.gov.vn/", "--telegram-bot", "@tthc_dt_bot",
        "--zalo-url", "https://zalo.me/000",
    )  # fmt: skip
    assert rc == 0
    assert json.loads(out) == {
        "code": "29869",
        "name": "Phường Cao Lãnh",
        "telegram": "https://t.me/tthc_dt_bot?start=xa_29869",
        "web": "https://bot.example.gov.vn/?xa=29869",
        "zalo": "https://zalo.me/000",
        "zalo_text": "XA 29869",
    }
    rc, _, err = _run(capsys, "localities", "links", "29869", "--data-dir", str(data))
    assert rc == 2 and "chưa có đường dẫn nào" in err


def test_poster_png_and_pdf_with_qr_codes_that_decode(data: Path, tmp_path: Path, capsys) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    out_dir = tmp_path / "posters"
    rc, out, _ = _run(
        capsys, "localities", "poster", "xa my ngai cu", "--out", str(out_dir),
        "--data-dir", str(data), "--web-url", "https://bot.example.gov.vn",
        "--telegram-bot", "tthc_dt_bot", "--zalo-url", "https://zalo.me/000",
    )  # fmt: skip
    assert rc == 0
    files = json.loads(out)
    png, pdf = Path(files["png"]), Path(files["pdf"])
    assert png.name == "xa-29884.png" and pdf.name == "xa-29884.pdf"
    decoded = {r.text for r in zxingcpp.read_barcodes(Image.open(png))}
    assert decoded == {
        "https://t.me/tthc_dt_bot?start=xa_29884",
        "https://bot.example.gov.vn/?xa=29884",
        "https://zalo.me/000",
    }
    assert pdf.read_bytes().startswith(b"%PDF") and b"/MediaBox" in pdf.read_bytes()
    # what a scanned code opens is understood by the bot: the Telegram start parameter
    from handlers.sanitize import deep_link_payload

    start = next(u for u in decoded if "t.me" in u).split("start=")[1]
    assert deep_link_payload(start) == "wd:link:29884"
    rc, _, err = _run(capsys, "localities", "poster", "phường Bến Nghé", "--out", str(out_dir),
                      "--data-dir", str(data), "--web-url", "https://x.vn")  # fmt: skip
    assert rc == 2 and "không có xã/phường" in err
