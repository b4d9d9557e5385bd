"""What a citizen reads about the appointment date: "còn N ngày làm việc", "hôm nay",
"quá hạn N ngày làm việc", counted in working days with Vietnamese holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.status.dossier import DossierView
from handlers.status.views import timing_line
from handlers.workdays import WorkCalendar, load_calendar

D = dt.date
CAL: WorkCalendar


@pytest.fixture(autouse=True)
def _calendar() -> None:
    """Built for each test from ``holidays.yaml`` (not at import, not the cached default), so
    the code reading the table is what these tests check (and ``make mutate`` credits each)."""
    global CAL
    CAL = load_calendar()


def _view(due: dt.date, status: str = "Đang xử lý") -> DossierView:
    return DossierView(
        code="000.00.14.H20-260420-0001",
        procedure_code=None,
        procedure_name="Đăng ký khai sinh",
        applicant_masked="Nguyễn V*** A",
        phone_hash="",
        phone_last4="1234",
        received_at=D(2026, 4, 20),
        due_at=due,
        status=status,
        office="",
        note=None,
    )


def test_days_left_skip_the_holidays_in_between() -> None:
    # today Tue 28/4/2026, due Tue 5/5: Wed 29/4, Mon 4/5, Tue 5/5 (30/4 and 1/5 are off)
    assert timing_line(_view(D(2026, 5, 5)), D(2026, 4, 28), CAL, "vi") == (
        "⏳ Còn 3 ngày làm việc đến ngày hẹn trả."
    )


def test_today_a_holiday_does_not_count() -> None:
    # today Thu 30/4 (holiday), due Mon 4/5: only Monday counts
    assert "Còn 1 ngày làm việc" in timing_line(_view(D(2026, 5, 4)), D(2026, 4, 30), CAL, "vi")


def test_due_today() -> None:
    line = timing_line(_view(D(2026, 12, 7)), D(2026, 12, 7), CAL, "vi")
    assert line == "⏳ Hôm nay là ngày hẹn trả kết quả."


def test_overdue_counts_working_days_after_the_due_date() -> None:
    # due Wed 29/4/2026, today Tue 5/5: Mon 4/5 and Tue 5/5 are the working days late
    line = timing_line(_view(D(2026, 4, 29)), D(2026, 5, 5), CAL, "vi")
    assert line.startswith("⚠️ Hồ sơ đã quá ngày hẹn trả 2 ngày làm việc.")


def test_overdue_over_a_weekend_only() -> None:
    # due Friday 4/12/2026, today Sunday 6/12: past the date but no working day late yet
    line = timing_line(_view(D(2026, 12, 4)), D(2026, 12, 6), CAL, "vi")
    assert line.startswith("⚠️ Đã qua ngày hẹn trả kết quả.")
    assert "ngày làm việc" not in line


def test_closed_dossiers_say_nothing_about_days() -> None:
    assert timing_line(_view(D(2026, 4, 29), "Đã hủy"), D(2026, 5, 5), CAL, "vi") == ""


def test_due_on_a_holiday_counts_the_working_days_before_it() -> None:
    # today Tue 28/4/2026, due Thu 30/4 (a holiday): only Wed 29/4 is left
    line = timing_line(_view(D(2026, 4, 30)), D(2026, 4, 28), CAL, "vi")
    assert line == "⏳ Còn 1 ngày làm việc đến ngày hẹn trả."


def test_overdue_from_a_holiday_due_date() -> None:
    # due Thu 30/4/2026 (a holiday), today Tue 5/5: Fri 1/5 is off too, so Mon 4/5, Tue 5/5
    line = timing_line(_view(D(2026, 4, 30)), D(2026, 5, 5), CAL, "vi")
    assert line.startswith("⚠️ Hồ sơ đã quá ngày hẹn trả 2 ngày làm việc.")


def test_overdue_read_on_a_holiday_counts_up_to_the_last_working_day() -> None:
    # due Tue 28/4/2026, today Fri 1/5 (a holiday): Wed 29/4 is the one working day late
    line = timing_line(_view(D(2026, 4, 28)), D(2026, 5, 1), CAL, "vi")
    assert line.startswith("⚠️ Hồ sơ đã quá ngày hẹn trả 1 ngày làm việc.")
