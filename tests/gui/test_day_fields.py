"""The days and the file to write, as the export and the book on paper both ask for them."""

import datetime as dt

import pytest

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("open_dialog, name", [("open_export", "ledger-{days}.csv"),
                                               ("open_book", "ledger-book-{days}.pdf")])
def test_the_last_day_follows_the_first_and_the_file_name_follows_the_days(counter, open_dialog, name):
    dialog = getattr(counter.window, open_dialog)()
    dialog.days.set_days(dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert dialog.path.text().endswith(name.format(days="2026-12-01"))

    dialog.first.setDate(dt.date(2026, 12, 5))  # past the last day: the last comes along

    assert dialog.days.days() == (dt.date(2026, 12, 5), dt.date(2026, 12, 5))
    dialog.last.setDate(dt.date(2026, 12, 9))
    assert dialog.path.text().endswith(name.format(days="2026-12-05_2026-12-09"))
    dialog.close()
