"""Working-day arithmetic with Vietnamese holidays: Tết 2027, 30/4-1/5, 2/9, nghỉ bù, swaps."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from handlers.workdays import WorkCalendar, load_calendar, local_date

D = dt.date
CAL: WorkCalendar


@pytest.fixture(autouse=True)
def _calendar() -> None:
    """Built for each test from ``holidays.yaml`` (not at import, not the cached default), so
    the code reading the table is what these tests check, and ``make mutate`` sees each test
    read it (a module-wide build would be credited to the first test only)."""
    global CAL
    CAL = load_calendar()


def test_tet_2027_first_day_is_6_february_and_the_whole_break_is_closed() -> None:
    assert CAL.holiday_name(D(2027, 2, 6)) == "Nghỉ Tết Nguyên đán"
    # Monday 8/2/2027 is mùng 3 Tết: closed whatever the final announcement says
    assert not CAL.is_workday(D(2027, 2, 8))
    assert [d.day for d in _workdays(D(2027, 2, 1), D(2027, 2, 14))] == [1, 2, 3, 11, 12]


def test_due_date_across_tet_2027() -> None:
    # filed Wednesday 3/2/2027 with 5 working days: Thu 4/2 is already the Tết break
    assert CAL.add_workdays(D(2027, 2, 3), 5) == D(2027, 2, 17)
    assert CAL.workdays_between(D(2027, 2, 3), D(2027, 2, 17)) == 5


def test_lunar_table_matches_the_vietnamese_calendar() -> None:
    tet = {
        2025: D(2025, 1, 29),
        2026: D(2026, 2, 17),
        2027: D(2027, 2, 6),
        2028: D(2028, 1, 26),
        2029: D(2029, 2, 13),
        2030: D(2030, 2, 2),
    }
    for day in tet.values():
        assert not CAL.is_workday(day)
        assert CAL.holiday_name(day) == "Nghỉ Tết Nguyên đán"
    assert CAL.holiday_name(D(2027, 4, 16)) == "Giỗ Tổ Hùng Vương"  # 10/3 Đinh Mùi, a Friday


def test_30_april_1_may_and_announced_swap_2025() -> None:
    # 2025: 30/4 Wed, 1/5 Thu, 2/5 Fri swapped with Saturday 26/4 (worked)
    assert CAL.is_workday(D(2025, 4, 26))
    assert [
        CAL.is_workday(D(2025, 4, 30)),
        CAL.is_workday(D(2025, 5, 1)),
        CAL.is_workday(D(2025, 5, 2)),
    ] == [False, False, False]
    assert CAL.add_workdays(D(2025, 4, 29), 1) == D(2025, 5, 5)


def test_holiday_on_a_weekend_gives_the_next_working_day() -> None:
    # 2027: 1/5 is a Saturday -> Monday 3/5 off
    assert not CAL.is_workday(D(2027, 5, 3))
    assert CAL.add_workdays(D(2027, 4, 29), 1) == D(2027, 5, 4)  # Fri 30/4 is a holiday too
    # 2028: 30/4 Sunday, 1/5 Monday -> compensatory day Tuesday 2/5
    assert not CAL.is_workday(D(2028, 5, 2))
    # 2026: Giỗ Tổ on Sunday 26/4 -> Monday 27/4 off
    assert not CAL.is_workday(D(2026, 4, 27))


def test_national_day_gets_its_adjacent_day() -> None:
    # 2025: Monday 1/9 and Tuesday 2/9
    assert [d.day for d in _workdays(D(2025, 8, 29), D(2025, 9, 5))] == [29, 3, 4, 5]
    # 2027: Thursday 2/9 and Friday 3/9
    assert CAL.add_workdays(D(2027, 9, 1), 1) == D(2027, 9, 6)
    # 2026: 1-2/9 plus the swapped Monday 31/8 (Saturday 22/8 worked)
    assert CAL.is_workday(D(2026, 8, 22))
    assert CAL.add_workdays(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_weekends_and_counting_backwards() -> None:
    assert CAL.add_workdays(D(2026, 12, 4), 1) == D(2026, 12, 7)  # Friday -> Monday
    assert CAL.workdays_between(D(2026, 12, 7), D(2026, 12, 4)) == -1
    assert CAL.add_workdays(D(2026, 12, 4), 0) == D(2026, 12, 4)


def test_new_year_on_saturday_2028_moves_to_monday() -> None:
    assert not CAL.is_workday(D(2028, 1, 3))


def test_extra_closed_days_are_configurable() -> None:
    cal = load_calendar(extra_closed=["2026-12-02"])
    assert not cal.is_workday(D(2026, 12, 2))
    assert CAL.is_workday(D(2026, 12, 2))


# Weekdays closed per year, counted by hand on a calendar from holidays.yaml (1/1, the Tết
# range, Giỗ Tổ, 30/4 + 1/5, 2/9 + its adjacent day, a holiday on a weekend moved to the next
# working day, announced swaps):
#   2025: 1 + 5 (27-31/1) + 1 (7/4) + 3 (30/4, 1/5, swap 2/5) + 2 (1-2/9)        = 12
#   2026: 1 + 5 (16-20/2) + 1 (27/4 for Sun 26/4) + 2 + 3 (swap 31/8, 1-2/9)     = 12
#   2027: 1 + 5 (4-5, 8-10/2) + 1 (16/4) + 2 (30/4, 3/5 for Sat 1/5) + 2 (2-3/9) = 11
#   2028: 1 (3/1 for Sat 1/1) + 5 (24-28/1) + 1 (4/4) + 2 (1/5, 2/5 for Sun 30/4)
#         + 2 (1/9, 4/9 for Sat 2/9)                                             = 11
#   2029: 1 + 5 (12-16/2) + 1 (23/4) + 2 (30/4, 1/5) + 2 (3/9, 4/9 for Sun 2/9)  = 11
#   2030: 1 + 5 (31/1, 1/2, 4-6/2) + 1 (12/4) + 2 (30/4, 1/5) + 2 (2-3/9)        = 11
CLOSED_WEEKDAYS = {2025: 12, 2026: 12, 2027: 11, 2028: 11, 2029: 11, 2030: 11}


@pytest.mark.parametrize("year", sorted(CLOSED_WEEKDAYS))
def test_table_covers_2025_to_2030(year: int) -> None:
    assert CAL.covers(year)
    closed_weekdays = [d for d in CAL.closed if d.year == year and d.weekday() < 5]
    assert len(closed_weekdays) == CLOSED_WEEKDAYS[year]


def test_counting_excludes_the_start_and_includes_the_end() -> None:
    # (start, end]: filed on Thursday 30/4/2026 (a holiday), due Tuesday 5/5: Fri 1/5 is a
    # holiday too, so only Monday 4/5 and Tuesday 5/5 count
    assert CAL.workdays_between(D(2026, 4, 30), D(2026, 5, 5)) == 2
    # the end on a holiday does not count: Tue 28/4 -> Thu 30/4 is one day (Wed 29/4)
    assert CAL.workdays_between(D(2026, 4, 28), D(2026, 4, 30)) == 1
    # the start on a working day does not count either
    assert CAL.workdays_between(D(2026, 12, 7), D(2026, 12, 8)) == 1
    assert CAL.workdays_between(D(2026, 12, 8), D(2026, 12, 8)) == 0
    # adding is the inverse of counting, from a holiday as well
    assert CAL.add_workdays(D(2026, 4, 30), 2) == D(2026, 5, 5)


def _workdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if CAL.is_workday(d)]


def test_a_table_year_with_only_the_tet_date_closes_the_eve_and_three_days() -> None:
    # the fallback when a year's Tết closure is not announced yet (and each day's name)
    table = {
        "fixed": {"01-01": "Tết Dương lịch"},
        "years": {
            2031: {
                "tet": "2031-01-23",
                "swapped_closed": ["2031-05-02"],
                "national_day_extra": "2031-09-01",
            }
        },
        "extra_closed": ["2031-06-10"],
    }
    cal = WorkCalendar.from_data(table)
    closed = [d for d in _dates(D(2031, 1, 21), D(2031, 1, 28)) if not cal.is_workday(d)]
    assert closed == [D(2031, 1, 22), D(2031, 1, 23), D(2031, 1, 24), D(2031, 1, 25)] + [
        D(2031, 1, 26)  # a Sunday
    ]
    assert cal.holiday_name(D(2031, 1, 22)) == "Nghỉ Tết Nguyên đán"
    assert cal.is_workday(D(2031, 1, 27))  # the Monday after: open again
    assert cal.holiday_name(D(2031, 5, 2)) == "Nghỉ hoán đổi"
    assert cal.holiday_name(D(2031, 9, 1)) == "Quốc khánh (ngày liền kề)"
    assert cal.holiday_name(D(2031, 6, 10)) == "Ngày nghỉ của cơ quan"
    assert cal.covers(2031) and not cal.covers(2032)


def _dates(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_a_fixed_holiday_on_a_weekend_is_named_and_its_substitute_day_says_so() -> None:
    cal = WorkCalendar.from_data({"fixed": {"01-01": "Tết Dương lịch"}, "years": {2033: {}}})
    assert cal.holiday_name(D(2033, 1, 1)) == "Tết Dương lịch"  # a Saturday
    assert cal.holiday_name(D(2033, 1, 3)) == "Tết Dương lịch (nghỉ bù)"  # the Monday
    assert cal.is_workday(D(2033, 1, 4))


def test_the_table_is_read_as_utf_8_on_a_server_without_a_utf_8_locale() -> None:
    """A server started with LANG=C (no UTF-8 mode): the holiday names keep their letters."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.support.proc import child_env

    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    env["PYTHONCOERCECLOCALE"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"  # only for printing the answer back
    code = "from handlers.workdays import load_calendar; import datetime as d; "
    code += "print(load_calendar().holiday_name(d.date(2027, 4, 30)))"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(env),
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "Ngày Chiến thắng"  # as holidays.yaml names 30/4


def test_local_date_reads_naive_times_as_utc_and_aware_ones_in_their_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A naive 20:00 is UTC (03:00 the next day in Vietnam), whatever the machine's own
    zone; an aware time keeps its zone (mutmut: local_date's naive branch)."""
    monkeypatch.setenv("TZ", "America/New_York")  # a naive time is not the machine's time
    time.tzset()
    try:
        assert local_date(dt.datetime(2026, 12, 1, 20, 0)) == dt.date(2026, 12, 2)
        assert local_date(dt.datetime(2026, 12, 1, 16, 59)) == dt.date(2026, 12, 1)
    finally:
        monkeypatch.undo()
        time.tzset()
    plus7 = dt.timezone(dt.timedelta(hours=7))
    assert local_date(dt.datetime(2026, 12, 1, 23, 30, tzinfo=plus7)) == dt.date(2026, 12, 1)
    assert local_date(dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 2)
