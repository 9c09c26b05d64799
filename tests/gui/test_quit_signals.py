"""Ctrl-C and SIGTERM sent to the running counter: the same question as the window's ✕, or a clean shutdown."""

import logging
import os
import signal
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kiosk.ledger import open_ledger
from kiosk.paths import LEDGER_FILENAME
from tests.gui.conftest import in_ledger, start_counter, stop_counter
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug, type_text
from ui.app import handle_signals

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(sys.platform == "win32", reason="os.kill cannot send SIGINT to itself on Windows")]


class Quits:
    """Stands in for QApplication.quit, which the handler calls when another window would keep the app
    running: the test's own event loop must keep running."""

    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1


@pytest.fixture
def signals(counter):
    quits = Quits()
    exits = []
    handler = handle_signals(counter.window, quits, exit_now=exits.append)
    handler.activate()
    yield quits, exits
    handler.deactivate()
    assert exits == []


def questions():
    return [box for box in QApplication.topLevelWidgets() if isinstance(box, QMessageBox) and box.isVisible()]


def test_ctrl_c_with_an_unsaved_intake_asks_like_the_window(qtbot, counter, services, signals):
    quits, _exits = signals
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    type_text(editor.seller_form.name, "山田 太郎")

    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: len(questions()) == 1)
    assert "保存していない受付が1件あります" in questions()[0].text()
    assert counter.window.isVisible() and quits.count == 0
    questions()[0].button(QMessageBox.StandardButton.Cancel).click()
    assert counter.window.isVisible() and quits.count == 0

    # Staff stayed: the next Ctrl-C asks again rather than forcing the exit.
    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: len(questions()) == 1)
    questions()[0].button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not counter.window.isVisible())
    assert quits.count == 0  # the last window closed: Qt ends the app itself


def test_ctrl_c_with_nothing_unsaved_quits_at_once(qtbot, counter, services, signals):
    quits, _exits = signals
    plug(qtbot, counter, services["ios"], phone_facts())
    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: not counter.window.isVisible())
    assert questions() == [] and quits.count == 0


def test_ctrl_c_ends_the_app_though_another_window_is_open(qtbot, counter, services, signals):
    quits, _exits = signals
    customer_screen = QWidget()  # stands for the customer screen, which only the staff PIN closes
    qtbot.addWidget(customer_screen)
    customer_screen.show()
    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: quits.count == 1)
    assert not counter.window.isVisible()


def test_sigterm_quits_without_asking_and_records_nothing_unsaved(qtbot, counter, services, signals, caplog):
    quits, _exits = signals
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    type_text(editor.seller_form.name, "山田 太郎")

    with caplog.at_level(logging.WARNING):
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not counter.window.isVisible())
    assert questions() == []
    assert in_ledger(counter, lambda ledger: ledger.entry(1)) is None
    assert "1 intake(s) not saved" in caplog.text and "山田" not in caplog.text


def test_sigterm_during_a_save_leaves_the_entry_whole(qtbot, isolated_data_dir, services, japanese):
    counter = start_counter(qtbot, isolated_data_dir, services, japanese)
    quits = Quits()
    handler = handle_signals(counter.window, quits, exit_now=pytest.fail)
    handler.activate()
    try:
        _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
        fill_good_intake(qtbot, editor, counter.window)
        editor.confirm()
        assert editor.saving
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not counter.window.isVisible())
    finally:
        handler.deactivate()
        stop_counter(counter)  # what the app does after its event loop ends: the ledger closes last
    with open_ledger(isolated_data_dir / LEDGER_FILENAME, read_only=True) as ledger:
        entry = ledger.entry(1)
        assert entry is not None and entry.staff_name == "佐藤"
        assert ledger.verify().ok
