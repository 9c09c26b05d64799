"""The counter window on a shared ledger (PostgreSQL): the store and counter in the title, saving, and the server down."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kiosk.grading import Outcome
from kiosk.ledger.location import LedgerLocation
from tests.gui.conftest import in_ledger, stop_counter
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, outcome_of, plug
from ui.app import CounterApp


@pytest.fixture
def shared_counter(qtbot, pg, isolated_data_dir, services, japanese):
    location = LedgerLocation(url=pg.url(), store="A", counter="front-1")
    counter = CounterApp(isolated_data_dir, services, japanese, location)
    qtbot.addWidget(counter.window)
    counter.window.show()
    counter.start()
    yield counter
    stop_counter(counter)


def confirm(qtbot, editor):
    qtbot.keyClick(editor.grade_panel.staff_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_window_names_the_store_and_counter_and_saves_on_the_server(qtbot, shared_counter, services):
    assert shared_counter.window.windowTitle().endswith("— A / front-1")
    _card, editor = plug(qtbot, shared_counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, shared_counter.window)
    editor.grade_panel.price.setValue(68000)
    confirm(qtbot, editor)
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    entries = in_ledger(shared_counter, lambda ledger: list(ledger.entries_on(dt.date.today())))
    assert [(entry.id, entry.counter, entry.price_yen) for entry in entries] == [(1, "front-1", 68000)]
    assert editor.grade_panel.status.text() == "保存しました(台帳番号 1)"


def test_with_the_server_down_grading_goes_on_and_nothing_is_said_saved(qtbot, pg, shared_counter, services):
    _card, editor = plug(qtbot, shared_counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, shared_counter.window)
    with pg.stopped():
        editor.condition_form.answer("screen_cracked", True)  # grading needs no server
        qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY_REDUCED)
        confirm(qtbot, editor)
        qtbot.waitUntil(lambda: editor.grade_panel.status.property("tone") == "bad")
        # In the UI's language: the core's Japanese words, the server's own words kept for support.
        assert "に接続できません" in editor.grade_panel.status.text()
        assert "何も記録されていません" in editor.grade_panel.status.text()
        assert "cannot be reached" not in editor.grade_panel.status.text()
        assert editor.saved_entry_id is None and editor.grade_panel.confirm.isEnabled()
    # The server is back: the same Confirm saves it, once.
    confirm(qtbot, editor)
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    assert editor.saved_entry_id == 1
