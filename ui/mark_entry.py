"""Network restriction mark entry: carrier, ○ △ × ー, and the carrier's check page.

No carrier publishes an API, so the technician reads the mark on the selling
carrier's web page. One action opens that page and puts the IMEI on the
clipboard, ready to paste.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget,
)

from device_probes.facts import DeviceFacts, Source
from kiosk.intake import Carrier, RestrictionMark
from ui import labels
from kiosk.carriers import CarrierPage, guess_carrier
from ui.widgets import Retranslating, set_tone

#: The window's shortcuts for the marks, in this order (see MainWindow).
MARK_ORDER = (RestrictionMark.CLEAR, RestrictionMark.INSTALMENTS, RestrictionMark.RESTRICTED, RestrictionMark.NOT_MANAGED)
MARK_SHORTCUTS = ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4")


class MarkEntry(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, carrier_pages: dict[Carrier, CarrierPage], parent: QWidget | None = None):
        super().__init__(parent)
        self._pages = carrier_pages
        self._guessed: Carrier | None = None
        self.carrier = QComboBox()
        self.carrier.addItem("", None)
        # Item data holds the enum's value: Qt would hand a str-based enum back as a plain str.
        for carrier in Carrier:
            self.carrier.addItem("", carrier.value)
        self.guess = QLabel()
        self.guess.setObjectName("hint")
        self.sim_free = QCheckBox()
        self.open_page = QPushButton()
        self.open_page.setObjectName("openCheckPage")
        #: Which IMEI goes on the clipboard: a dual-SIM phone has two, each checked on its own.
        self.imei_choice = QComboBox()
        self.page_status = QLabel()
        self.page_status.setObjectName("hint")
        self.page_status.setWordWrap(True)
        self.page_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mark_buttons: dict[RestrictionMark, QPushButton] = {}
        self.source = QLabel()
        self.source.setObjectName("sourceTag")
        # Hidden until a mark is entered, but its room is kept: the mark buttons must not move on the first tap.
        policy = self.source.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.source.setSizePolicy(policy)
        self._carrier_caption = QLabel()
        self._mark_caption = QLabel()
        self.meaning = QLabel()

        grid = QGridLayout(self)
        grid.addWidget(self._carrier_caption, 0, 0)
        grid.addWidget(self.carrier, 0, 1)
        grid.addWidget(self.guess, 1, 1)
        grid.addWidget(self.sim_free, 2, 1)
        page_row = QHBoxLayout()
        page_row.addWidget(self.imei_choice)
        page_row.addWidget(self.open_page, 1)
        grid.addLayout(page_row, 3, 0, 1, 2)
        grid.addWidget(self.page_status, 4, 0, 1, 2)
        grid.addWidget(self._mark_caption, 5, 0)
        mark_row = QHBoxLayout()
        for mark in MARK_ORDER:
            button = QPushButton(mark.value)
            button.setCheckable(True)
            button.setObjectName("markButton")
            self.mark_buttons[mark] = button
            mark_row.addWidget(button)
            button.clicked.connect(lambda _checked, m=mark: self._mark_clicked(m))
        mark_row.addWidget(self.source)
        grid.addLayout(mark_row, 5, 1)
        grid.addWidget(self.meaning, 6, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(7, 1)

        self.carrier.currentIndexChanged.connect(self._carrier_changed)
        self.sim_free.toggled.connect(self.changed)
        self.open_page.clicked.connect(self.open_check_page)
        self.retranslate()
        self._update_open_page()

    # -- values -----------------------------------------------------------------

    def mark(self) -> RestrictionMark | None:
        return next((mark for mark, button in self.mark_buttons.items() if button.isChecked()), None)

    def set_mark(self, mark: RestrictionMark | None) -> None:
        for each, button in self.mark_buttons.items():
            button.setChecked(each is mark)
        self._show_mark()
        self.changed.emit()

    def chosen_carrier(self) -> Carrier | None:
        value = self.carrier.currentData()
        return None if value is None else Carrier(value)

    def set_carrier(self, carrier: Carrier | None) -> None:
        self.carrier.setCurrentIndex(self.carrier.findData(carrier.value) if carrier else 0)

    def set_device(self, facts: DeviceFacts | None) -> None:
        """Take the IMEI for the check page, and guess the carrier if staff chose none."""
        imeis = list(facts.imei) if facts else []
        if imeis != self._imeis():
            self.imei_choice.clear()
            for number, imei in enumerate(imeis, start=1):
                self.imei_choice.addItem(f"IMEI {number}: {imei}", imei)
            self.page_status.clear()
        self.imei_choice.setVisible(len(imeis) > 1)  # one IMEI needs no choice
        self._guessed = guess_carrier(facts.model_code if facts else None, self._pages)
        if self._guessed is not None and self.chosen_carrier() is None:
            self.set_carrier(self._guessed)
        self._show_guess()
        self._update_open_page()

    def open_check_page(self) -> None:
        """Open the carrier's IMEI check page with the chosen IMEI on the clipboard, and say so."""
        carrier, imei = self.chosen_carrier(), self.imei_choice.currentData()
        if carrier is None or imei is None:
            return
        QGuiApplication.clipboard().setText(imei)
        url = self._pages[carrier].check_url
        if QDesktopServices.openUrl(QUrl(url)):
            self.page_status.setText(self.tr("Copied IMEI {imei}. Paste it into the check page.").format(imei=imei))
            set_tone(self.page_status, "info")
        else:
            self.page_status.setText(self.tr("The browser could not be opened. Open {url} yourself; "
                                             "IMEI {imei} is copied.").format(url=url, imei=imei))
            set_tone(self.page_status, "bad")

    def _imeis(self) -> list[str]:
        return [self.imei_choice.itemData(index) for index in range(self.imei_choice.count())]

    # -- display ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Network restriction"))
        self._carrier_caption.setText(self.tr("Carrier"))
        self._mark_caption.setText(self.tr("Mark"))
        self.carrier.setItemText(0, self.tr("Choose the carrier that sold it"))
        for index, carrier in enumerate(Carrier, start=1):
            self.carrier.setItemText(index, labels.carrier_name(carrier))
        self.sim_free.setText(self.tr("Bought SIM-free (ー is normal)"))
        self.open_page.setText(self.tr("Open the check page"))
        self.open_page.setToolTip(QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText))
        for mark, shortcut in zip(MARK_ORDER, MARK_SHORTCUTS):
            self.mark_buttons[mark].setToolTip(
                f"{labels.mark_meaning(mark)} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        self.source.setText(f"[{labels.source_name(Source.CARRIER_SITE)}]")
        self._show_guess()
        self._show_mark()

    def _show_guess(self) -> None:
        self.guess.setVisible(self._guessed is not None)
        if self._guessed is not None:
            self.guess.setText(self.tr("Guessed from the model code: {carrier}").format(
                carrier=labels.carrier_name(self._guessed)))

    def _show_mark(self) -> None:
        mark = self.mark()
        if mark is None:
            self.meaning.setText(self.tr("Not entered yet"))
            set_tone(self.meaning, "unknown")
            self.source.hide()
        else:
            self.meaning.setText(labels.mark_meaning(mark))
            set_tone(self.meaning, {RestrictionMark.CLEAR: "ok", RestrictionMark.RESTRICTED: "bad"}.get(mark, "info"))
            self.source.show()

    def _mark_clicked(self, mark: RestrictionMark) -> None:
        # The buttons act as one choice; clicking the chosen mark again clears it.
        self.set_mark(mark if self.mark_buttons[mark].isChecked() else None)

    def _carrier_changed(self) -> None:
        self._update_open_page()
        self.changed.emit()

    def _update_open_page(self) -> None:
        self.open_page.setEnabled(self.chosen_carrier() is not None and self.imei_choice.count() > 0)
