"""The counter window: the counter, the ledger search and the 品触れ page as tabs; export, print, language.

The intake shortcuts are the window's actions and act on the phone chosen on
the counter, wherever the keyboard focus is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from kiosk.id_documents import IdDocuments
from kiosk.grading import Policy
from kiosk.ledger import LedgerEntry
from kiosk.pricing import PriceTable, PriceTableError, import_table
from kiosk.settings import ShopSettings
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
from ui.shop_settings import ShopSettingsDialog, StaffChooser
from ui.statement_pdf import StatementPrinter, open_in_viewer
from ui.widgets import Retranslating, ask_before

WINDOW_SIZE = (1366, 768)


class MainWindow(Retranslating, QMainWindow):
    closed = Signal()  # the window closed for good: asked and answered, or nothing to lose
    quit_cancelled = Signal()  # asked about unsaved intakes, staff chose to stay

    def __init__(self, hub: DeviceHub, gateway: Gateway, policy: Policy, ledger: LedgerClient, carrier_pages: dict,
                 translations: Translations, export_folder: Path, settings: ShopSettings, data_dir: Path,
                 parent: QWidget | None = None, id_documents: IdDocuments | None = None):
        super().__init__(parent)
        self._id_documents = id_documents
        self.settings = settings
        self._data_dir = data_dir
        #: Who works the counter this shift (chosen from the settings' staff list).
        self.staff_name: str | None = None
        self.staff_chooser: StaffChooser | None = None
        self.settings_dialog: ShopSettingsDialog | None = None
        self._gateway = gateway
        self._ledger = ledger
        self._translations = translations
        self._export_folder = export_folder
        self._data_dir = data_dir
        self.export_dialog: ExportDialog | None = None
        self.book_dialog: BookDialog | None = None
        self._quit_question: QMessageBox | None = None
        self._close_confirmed = False
        self.counter = CounterView(hub, policy, ledger, carrier_pages, id_documents=id_documents)
        self.day_log = DayLog(ledger, documents=id_documents)
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
        self.day_log.statement_requested.connect(self.print_statement)
        self.counter.statement_requested.connect(self.print_statement)
        self.statements = StatementPrinter(ledger, gateway, data_dir, self)
        self.statements.written.connect(self._statement_written)
        self.statements.failed.connect(lambda reason: self.statusBar().showMessage(
            self.tr("The statement could not be written: {reason}").format(reason=reason)))
        hub.service_failed.connect(self._service_failed)
        self._build_actions()
        self.retranslate()
        self._load_prices()

    def _build_actions(self) -> None:
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(lambda: self.open_book())
        self.settings_action = QAction(self)
        self.settings_action.triggered.connect(self.open_settings)
        self.import_prices_action = QAction(self)
        self.import_prices_action.triggered.connect(self.choose_price_table)
        self.staff_action = QAction(self)
        self.staff_action.triggered.connect(self.choose_staff)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.request_quit)
        self.mark_actions = {}
        for mark, shortcut in zip(MARK_ORDER, MARK_SHORTCUTS):
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, m=mark: self._on_editor(lambda e: e.mark_entry.set_mark(m)))
            self.mark_actions[mark] = action
        self.manual_intake_action = QAction(self)
        self.manual_intake_action.setShortcut(QKeySequence("Ctrl+N"))
        self.manual_intake_action.triggered.connect(self._start_manual_intake)
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
        self.file_menu.addActions([self.export_action, self.print_action, self.import_prices_action, self.staff_action,
                                   self.settings_action, self.quit_action])
        self.intake_menu = menus.addMenu("")
        self.intake_menu.addActions([self.manual_intake_action, *self.mark_actions.values(), self.check_page_action,
                                     self.confirm_action])
        self.language_menu = menus.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.export_action, self.print_action, self.staff_action])
        toolbar.addSeparator()
        toolbar.addActions(list(self.language_actions.values()))
        self.toolbar = toolbar

    # -- the shop and its staff -------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.staff_name is None and self.settings.staff and self.staff_chooser is None:
            # At the start of a shift: once the window is up, ask who works the counter.
            QTimer.singleShot(0, self, self.choose_staff)

    def choose_staff(self) -> StaffChooser | None:
        """Ask who works the counter, from the settings' staff list (nothing to choose without one)."""
        if not self.settings.staff:
            self.statusBar().showMessage(self.tr("No staff list yet: add the names in the shop settings."))
            return None
        if self.staff_chooser is None:
            self.staff_chooser = StaffChooser(self.settings.staff, self.staff_name, self)
            self.staff_chooser.chosen.connect(self.set_staff)
            self.staff_chooser.finished.connect(self._staff_chooser_closed)
            self.staff_chooser.open()
        return self.staff_chooser

    def _staff_chooser_closed(self) -> None:
        self.staff_chooser.deleteLater()
        self.staff_chooser = None

    def set_staff(self, name: str) -> None:
        self.staff_name = name
        self.counter.set_staff(name)
        self.retranslate()

    def open_settings(self) -> ShopSettingsDialog:
        if self.settings_dialog is None:
            self.settings_dialog = ShopSettingsDialog(self.settings, self._data_dir, self)
            self.settings_dialog.saved.connect(self._settings_saved)
            self.settings_dialog.finished.connect(self._settings_dialog_closed)
        self.settings_dialog.open()
        return self.settings_dialog

    def _settings_dialog_closed(self) -> None:
        self.settings_dialog.deleteLater()
        self.settings_dialog = None

    def _settings_saved(self, settings: ShopSettings) -> None:
        self.settings = settings

    # -- the price table ---------------------------------------------------------------------

    def _load_prices(self) -> None:
        try:
            self.counter.set_prices(PriceTable.load(self._data_dir))
        except PriceTableError as exc:
            # The counter works without prices; staff type them, and the table can be imported again.
            self.statusBar().showMessage(self.tr("The price table cannot be used: {reason}").format(reason=exc))

    def choose_price_table(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Import a price table"), str(Path.home()),
                             self.tr("Price tables (*.csv *.xlsx)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.import_price_table(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_price_table(self, source: Path) -> PriceTable | None:
        """Import a table as a new version and suggest prices from it at once."""
        try:
            table = import_table(source, self._data_dir)
        except PriceTableError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import a price table"),
                              self.tr("The price table was not imported: {reason}").format(reason=exc),
                              QMessageBox.StandardButton.Close, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        self.counter.set_prices(table)
        self.statusBar().showMessage(self.tr("Price table {version} imported: %n row(s)", "", len(table.rows)).format(
            version=table.version))
        return table

    # -- the purchase statement -------------------------------------------------------------

    def print_statement(self, entry: LedgerEntry) -> None:
        """Write the entry's statement as a PDF off the GUI thread (``statements.written`` says where),
        then open it in the PDF viewer, which prints it."""
        self.statements.print_entry(entry.id, self.settings)

    def _statement_written(self, path: Path) -> None:
        problems = []
        if not open_in_viewer(path):
            problems.append(self.tr("No PDF viewer opened. The statement is in {path}.").format(path=path))
        missing = self.settings.missing_for_paper()
        if missing:
            problems.append(self.tr("The statement lacks the shop's {fields}: fill them in the shop "
                                    "settings.").format(fields=", ".join(missing)))
        self.statusBar().showMessage(" ".join(problems))

    # -- quitting ------------------------------------------------------------------------

    def request_quit(self) -> None:
        """Quit as staff ask it (Ctrl+Q): the window asks first if intakes are unsaved (see closeEvent)."""
        self.close()

    def _ask_before_quitting(self, unsaved: int) -> None:
        if self._quit_question is not None:
            return
        self._quit_question = ask_before(
            self, self.tr("Quit"), self.tr("%n intake(s) not saved. Quit and lose what was entered?", "", unsaved),
            QMessageBox.StandardButton.Discard, self.tr("Quit without saving"), self._quit_answered)

    def _quit_answered(self, answer: QMessageBox.StandardButton) -> None:
        self._quit_question.deleteLater()
        self._quit_question = None
        if answer == QMessageBox.StandardButton.Discard:
            self._close_confirmed = True
            self.close()
        else:
            self.quit_cancelled.emit()

    def close_without_asking(self) -> None:
        """Close at the app's shutdown, when there is no one left to ask."""
        self._close_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Ctrl+Q and the title bar's ✕ both end here; the question is asked outside this
        # handler, which cannot close the window again from within.
        unsaved = self.counter.unsaved_intakes()
        if self._close_confirmed or unsaved == 0:
            super().closeEvent(event)
            self.closed.emit()
            return
        event.ignore()
        self._ask_before_quitting(unsaved)

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
            self.export_dialog = ExportDialog(self._ledger, self._gateway, self._export_folder, self, self._id_documents)
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
            self.book_dialog = BookDialog(self._ledger, self._export_folder, self._data_dir, self, self._id_documents)
        self.book_dialog.choose_days(first or self.day_log.first.date().toPython(),
                                     last or self.day_log.last.date().toPython())
        self.book_dialog.open()
        return self.book_dialog

    def retranslate(self) -> None:
        title = self.tr("Buyback counter")
        place = self._ledger.worker.location.place()  # a shared ledger: the only change staff see
        if self.staff_name:
            title = self.tr("Buyback counter — staff: {name}").format(name=self.staff_name)
        self.setWindowTitle(f"{title} — {place}" if place else title)
        self.settings_action.setText(self.tr("Shop settings…"))
        self.import_prices_action.setText(self.tr("Import a price table…"))
        self.staff_action.setText(self.tr("Change staff…") if self.staff_name else self.tr("Choose staff…"))
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
        self.manual_intake_action.setText(self.tr("Intake without a cable…"))
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

    def _start_manual_intake(self) -> None:
        self.tabs.setCurrentWidget(self.counter)
        self.counter.start_manual_intake()

    def _start_correction(self, entry: LedgerEntry) -> None:
        self.counter.start_correction(entry)
        self.tabs.setCurrentWidget(self.counter)

    def _service_failed(self, platform: str, _detail: str) -> None:
        # The detail (an exception, in English) is in the log; the window says what to do.
        kind = "iPhone" if platform == "ios" else "Android"
        self.statusBar().showMessage(self.tr("{kind} phones cannot be read. Restart the app; if it happens again, "
                                             "see the log.").format(kind=kind))
