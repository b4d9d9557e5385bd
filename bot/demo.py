"""Demo dossiers loaded on the first start of an empty database, so that a newcomer can try a
lookup at once (listed in the README). Dates are set relative to the first start so the
statuses read naturally (one on time, one overdue, one waiting for documents, one ready).

The phone numbers are made up and only their keyed hash and last 4 digits are stored.
"""

from __future__ import annotations

import logging
from typing import Any

from handlers.status.dossier import DossierInput, mask_name, phone_hash
from handlers.workdays import default_calendar, local_date

log = logging.getLogger(__name__)

OFFICE = "Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) UBND xã/phường"
# code, procedure code, procedure name, applicant, phone, status, received (working days
# before the first start), processing time (working days), staff note
DEMO: list[tuple[str, str, str, str, str, str, int, int, str | None]] = [
    (
        "000.00.14.H20-200703-0002",
        "1.001193",
        "Đăng ký khai sinh",
        "Nguyễn Văn An",
        "0900001234",
        "Đang xử lý",
        1,
        3,
        None,
    ),
    (
        "000.00.14.H20-200703-0003",
        "1.004222",
        "Đăng ký thường trú",
        "Trần Thị Bích",
        "0900005678",
        "Chờ bổ sung hồ sơ",
        4,
        7,
        "Cần bổ sung giấy tờ chứng minh chỗ ở hợp pháp",
    ),
    (
        "000.00.14.H20-200703-0004",
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Lê Văn Cường",
        "0900002468",
        "Đã có kết quả",
        1,
        1,
        None,
    ),
    (
        "000.00.14.H20-200703-0005",
        "1.004873",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "Phạm Thị Dung",
        "0900001357",
        "Đang xử lý",
        6,
        3,
        None,
    ),
]


def demo_inputs(key: str, today: Any) -> list[DossierInput]:
    """The demo records, dated around ``today`` in working days."""
    cal = default_calendar()
    out = []
    for code, pcode, pname, name, phone, status, ago, days, note in DEMO:
        received = today
        for _ in range(ago):  # walk back over working days
            received = _previous_workday(cal, received)
        out.append(
            DossierInput(
                code=code,
                status=status,
                procedure_code=pcode,
                procedure_name=pname,
                applicant_masked=mask_name(name),
                phone_hash=phone_hash(phone, key),
                phone_last4=phone[-4:],
                received_at=received,
                due_at=cal.add_workdays(received, days),
                office=OFFICE,
                note=note,
            )
        )
    return out


def _previous_workday(cal: Any, day: Any) -> Any:
    import datetime as dt

    day -= dt.timedelta(days=1)
    while not cal.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


async def on_start(app: Any) -> None:
    """Seed the demo dossiers when enabled and the dossiers table is empty."""
    if not getattr(app.settings, "demo_data", True):
        return
    now = app.services.clock.now()
    async with app.uow() as uow:
        if await uow.repos.dossiers.count() > 0:
            return
        inputs = demo_inputs(app.settings.phone_hash_key, local_date(now))
        await uow.repos.dossiers.upsert_many(inputs, now)
        await uow.commit()
    log.info("demo dossiers loaded: %s", ", ".join(i.code for i in inputs))
