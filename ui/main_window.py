"""The counter window: the counter, the ledger search and the 品触れ page as tabs; export, print, language.

The intake shortcuts are the window's actions and act on the phone chosen on
the counter, wherever the keyboard focus is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from kiosk.grading import Policy
from kiosk.ledger import LedgerEntry
from ui import labels
from ui.background import Gateway
from ui.counter_view import CounterView
from ui.book_dialog import BookDialog
from ui.day_log import DayLog
from ui.devices import DeviceHub
from ui.export_dialog import ExportDialog
from ui.hotlist_page import HotlistPage
from ui.i18n import Language, Translations
from ui.ledger_ops import LedgerClient
from ui.mark_entry import MARK_ORDER, MARK_SHORTCUTS
from ui.widgets import Retranslating

WINDOW_SIZE = (1366, 768)


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, hub: DeviceHub, gateway: Gateway, policy: Policy, ledger: LedgerClient, carrier_pages: dict,
                 translations: Translations, export_folder: Path, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._gateway = gateway
        self._ledger = ledger
        self._translations = translations
        self._export_folder = export_folder
        self._data_dir = data_dir
        self.export_dialog: ExportDialog | None = None
        self.book_dialog: BookDialog | None = None
        self.counter = CounterView(hub, policy, ledger, carrier_pages)
        self.day_log = DayLog(ledger)
        self.hotlist = HotlistPage(ledger)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.counter, "")
        self.tabs.addTab(self.day_log, "")
        self.tabs.addTab(self.hotlist, "")
        self.setCentralWidget(self.tabs)
        self.resize(*WINDOW_SIZE)

        self.counter.entry_saved.connect(lambda _entry: self.day_log.refresh())
        self.day_log.correct_requested.connect(self._start_correction)
        self.day_log.export_requested.connect(self._export_shown)
        self.day_log.print_requested.connect(lambda first, last: self.open_book(first, last))
        hub.service_failed.connect(self._service_failed)
        self._build_actions()
        self.retranslate()

    def _build_actions(self) -> None:
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(lambda: self.open_book())
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.mark_actions = {}
        for mark, shortcut in zip(MARK_ORDER, MARK_SHORTCUTS):
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, m=mark: self._on_editor(lambda e: e.mark_entry.set_mark(m)))
            self.mark_actions[mark] = action
        self.check_page_action = QAction(self)
        self.check_page_action.setShortcut(QKeySequence("Ctrl+K"))
        self.check_page_action.triggered.connect(lambda: self._on_editor(lambda e: e.mark_entry.open_check_page()))
        self.confirm_action = QAction(self)
        self.confirm_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.confirm_action.triggered.connect(lambda: self._on_editor(lambda e: e.confirm()))
        self.language_actions = {}
        language_group = QActionGroup(self)
        for language in Language:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(language is self._translations.language)
            action.triggered.connect(lambda _checked=False, chosen=language: self._translations.switch_to(chosen))
            language_group.addAction(action)
            self.language_actions[language] = action

        menus = self.menuBar()
        self.file_menu = menus.addMenu("")
        self.file_menu.addActions([self.export_action, self.print_action, self.quit_action])
        self.intake_menu = menus.addMenu("")
        self.intake_menu.addActions([*self.mark_actions.values(), self.check_page_action, self.confirm_action])
        self.language_menu = menus.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.export_action, self.print_action])
        toolbar.addSeparator()
        toolbar.addActions(list(self.language_actions.values()))
        self.toolbar = toolbar

    def add_bottom_panel(self, panel: QWidget) -> None:
        """Dock a panel under the tabs (the demo's phone panel)."""
        dock = QDockWidget(self)
        dock.setObjectName("bottomPanel")
        dock.setTitleBarWidget(QWidget())  # no title bar: the panel labels itself
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

    def open_export(self) -> ExportDialog:
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(self._ledger, self._gateway, self._export_folder, self)
        self.export_dialog.open()
        return self.export_dialog

    def _export_shown(self, entries: list[LedgerEntry] | None, first: dt.date, last: dt.date) -> None:
        """Export what the ledger search shows: its days, or the entries it found."""
        dialog = self.open_export()
        if entries is None:
            dialog.export_days(first, last)
        else:
            dialog.export_entries(entries, first, last)

    def open_book(self, first: dt.date | None = None, last: dt.date | None = None) -> BookDialog:
        """The book on paper, of the days the ledger search shows unless others are given."""
        if self.book_dialog is None:
            self.book_dialog = BookDialog(self._ledger, self._export_folder, self._data_dir, self)
        self.book_dialog.choose_days(first or self.day_log.first.date().toPython(),
                                     last or self.day_log.last.date().toPython())
        self.book_dialog.open()
        return self.book_dialog

    def retranslate(self) -> None:
        title = self.tr("Buyback counter")
        place = self._ledger.worker.location.place()  # a shared ledger: the only change staff see
        self.setWindowTitle(f"{title} — {place}" if place else title)
        self.tabs.setTabText(0, self.tr("Counter"))
        self.tabs.setTabText(1, self.tr("Ledger search"))
        self.tabs.setTabText(2, self.tr("Stolen-goods notices (品触れ)"))
        self.file_menu.setTitle(self.tr("&File"))
        self.intake_menu.setTitle(self.tr("&Intake"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.toolbar.setWindowTitle(self.tr("Tools"))
        self.export_action.setText(self.tr("Export…"))
        self.print_action.setText(self.tr("Print the ledger…"))
        self.quit_action.setText(self.tr("Quit"))
        for mark, action in self.mark_actions.items():
            action.setText(f"{mark.value} {labels.mark_meaning(mark)}")
        self.check_page_action.setText(self.tr("Open the carrier's check page"))
        self.confirm_action.setText(self.tr("Confirm and record"))
        # Each language is named in itself, so it can be found from the other.
        self.language_actions[Language.JAPANESE].setText("日本語")
        self.language_actions[Language.ENGLISH].setText("English")
        for language, action in self.language_actions.items():
            action.setChecked(language is self._translations.language)

    def _on_editor(self, action) -> None:
        editor = self.counter.current_editor()
        if editor is not None and self.tabs.currentWidget() is self.counter:
            action(editor)

    def _start_correction(self, entry: LedgerEntry) -> None:
        self.counter.start_correction(entry)
        self.tabs.setCurrentWidget(self.counter)

    def _service_failed(self, platform: str, _detail: str) -> None:
        # The detail (an exception, in English) is in the log; the window says what to do.
        kind = "iPhone" if platform == "ios" else "Android"
        self.statusBar().showMessage(self.tr("{kind} phones cannot be read. Restart the app; if it happens again, "
                                             "see the log.").format(kind=kind))
