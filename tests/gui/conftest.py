"""GUI tests run offscreen, in Japanese, with the app's data in a temporary folder.

Every window, dialog, thread and device service a test starts is stopped in
the fixture's teardown, so no test leaves a modal dialog or a thread behind.
"""

import os

# Before any QApplication exists: no window ever opens on the screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.staff_pin import StaffPin, set_pin  # noqa: E402
from tests.gui.scripted import ScriptedService  # noqa: E402
from ui.app import CounterApp, prepare_application  # noqa: E402
from ui.i18n import Language  # noqa: E402


#: A note from the offscreen platform itself (it cannot resize a native window), not from the app.
OFFSCREEN_ONLY_WARNING = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_ONLY_WARNING))


@pytest.fixture(scope="session")
def translations(qapp):
    return prepare_application(qapp)


@pytest.fixture
def japanese(translations):
    """Each test starts in Japanese, whatever the one before switched to."""
    translations.switch_to(Language.JAPANESE)
    yield translations
    translations.switch_to(Language.JAPANESE)


@pytest.fixture
def services():
    return {"ios": ScriptedService("ios"), "android": ScriptedService("android")}


def start_counter(qtbot, data_dir, services, translations) -> CounterApp:
    counter = CounterApp(data_dir, services, translations)
    qtbot.addWidget(counter.window)
    counter.window.show()
    counter.start()
    return counter


def stop_counter(counter: CounterApp) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not counter.window:
            widget.close()
    counter.shutdown()


@pytest.fixture
def counter(qtbot, isolated_data_dir, services, japanese):
    counter = start_counter(qtbot, isolated_data_dir, services, japanese)
    yield counter
    stop_counter(counter)


def in_ledger(counter: CounterApp, work):
    """Run ``work(ledger)`` on the app's ledger worker and wait for it (tests only: the window never waits)."""
    return counter.ledger.submit(work).result(timeout=10)


#: The staff PIN of the customer screen in the tests.
STAFF_PIN = "2580"


@pytest.fixture
def staff_pin(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    set_pin(isolated_data_dir, STAFF_PIN)
    return StaffPin.load(isolated_data_dir)


class _UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url.toString())


@pytest.fixture
def opened_urls():
    """The https addresses the app asks the desktop to open, caught instead of opened in a browser."""
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("https")
