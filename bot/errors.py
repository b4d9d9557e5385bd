"""Mistakes a user can make (a busy port, a bad setting, a missing file): one clear line.

``UserError`` carries the message in Vietnamese and in English; the CLI prints it on one
line and exits with status 2, without a traceback. Helpers here turn the library errors
behind the usual mistakes (pydantic settings, SQLAlchemy URLs and connections, sockets,
files) into such messages.
"""

from __future__ import annotations

import errno
from typing import Any


class UserError(Exception):
    """A mistake in how the program was called or configured."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en

    def line(self) -> str:
        """The single line printed for it: Vietnamese first, then English."""
        return f"tthc-bot: {self.vi} | {self.en}"


def settings_error(exc: Any) -> UserError:
    """A pydantic ``ValidationError`` of ``Settings`` as the variable to fix."""
    parts_vi, parts_en = [], []
    for err in exc.errors()[:3]:
        name = str(err.get("loc", ["?"])[0]).upper()
        value = str(err.get("input", ""))[:40]
        kind = {"int_parsing": ("cần một số nguyên", "expected a whole number")}.get(
            str(err.get("type")), ("giá trị không hợp lệ", "invalid value")
        )
        parts_vi.append(f"biến môi trường {name}={value!r}: {kind[0]}")
        parts_en.append(f"environment variable {name}={value!r}: {kind[1]}")
    return UserError("; ".join(parts_vi), "; ".join(parts_en))


def file_error(exc: OSError, what_vi: str, what_en: str) -> UserError:
    """A file or folder given on the command line that cannot be read."""
    name = exc.filename or "?"
    if isinstance(exc, FileNotFoundError):
        return UserError(f"không tìm thấy {what_vi}: {name}", f"{what_en} not found: {name}")
    if isinstance(exc, IsADirectoryError):
        return UserError(f"{what_vi} là một thư mục: {name}", f"{what_en} is a folder: {name}")
    if isinstance(exc, NotADirectoryError):
        return UserError(
            f"{what_vi} không phải thư mục: {name}", f"{what_en} is not a folder: {name}"
        )
    if isinstance(exc, PermissionError):
        return UserError(f"không có quyền đọc {what_vi}: {name}", f"cannot read {what_en}: {name}")
    return UserError(
        f"không đọc được {what_vi}: {name} ({exc.strerror})",
        f"cannot read {what_en}: {name} ({exc.strerror})",
    )


def bind_error(exc: OSError, host: str, port: int) -> UserError:
    """The server could not listen on ``HOST:PORT``."""
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return UserError(
            f"cổng {where} đang được chương trình khác dùng; đặt PORT khác (ví dụ PORT=8081)",
            f"port {where} is already in use; set another PORT (e.g. PORT=8081)",
        )
    if exc.errno == errno.EACCES:
        return UserError(
            f"không có quyền mở cổng {where}; dùng cổng trên 1024",
            f"no permission to listen on {where}; use a port above 1024",
        )
    return UserError(
        f"không mở được {where}: kiểm tra HOST và PORT ({exc.strerror})",
        f"cannot listen on {where}: check HOST and PORT ({exc.strerror})",
    )


def database_error(exc: BaseException, url: str) -> UserError:
    """``DATABASE_URL`` cannot be parsed, its driver is missing, or the server is not there."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is shown as typed, minus anything after '@'
        shown = url.split("@")[-1][:80]
    if isinstance(exc, ImportError):
        return UserError(
            f"DATABASE_URL cần một trình điều khiển chưa được cài: {shown} (hỗ trợ "
            "sqlite+aiosqlite và postgresql+asyncpg)",
            f"DATABASE_URL needs a driver that is not installed: {shown} (supported: "
            "sqlite+aiosqlite and postgresql+asyncpg)",
        )
    if isinstance(exc, ArgumentError | NoSuchModuleError | ValueError):
        return UserError(
            f"DATABASE_URL không hợp lệ: {shown} (ví dụ sqlite+aiosqlite:///./var/tthc.db "
            "hoặc postgresql+asyncpg://user:pass@host/db)",
            f"DATABASE_URL is not valid: {shown} (e.g. sqlite+aiosqlite:///./var/tthc.db "
            "or postgresql+asyncpg://user:pass@host/db)",
        )
    reason = type(exc).__name__
    return UserError(
        f"không kết nối được cơ sở dữ liệu {shown} ({reason}); kiểm tra máy chủ và DATABASE_URL",
        f"cannot connect to the database {shown} ({reason}); check the server and DATABASE_URL",
    )
