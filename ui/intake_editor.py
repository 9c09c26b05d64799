"""One phone's intake: facts, mark, checklist, seller, and its live grade.

The phone's history (every earlier intake by IMEI or serial) is read once per
phone through the ledger worker. Every change re-grades with it through the
core's ``grade`` (on the next turn of the event loop, so a burst of changes
grades once); the GUI thread never queries the ledger. Confirm records through
``record_intake`` on the ledger worker: the screen says 保存中… at once and
保存しました only in the success handler, when the entry is on disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from device_probes.facts import DeviceFacts
from kiosk.id_documents import IdDocuments
from kiosk.catalogue import with_staff_facts
from kiosk.counter import grade_with_history, record_intake
from kiosk.grading import Grade, NoticeHit, Outcome, Policy
from kiosk.hotlist import PhoneIdentity, check_phone
from kiosk.intake import Intake, StaffInput, clean_field
from kiosk.ledger import Ledger, LedgerEntry, prior_intake
from kiosk.ledger.records import seller_of, staff_of
from kiosk.pricing import PriceSuggestion, PriceTable, price_intake
from kiosk.signature import Signature
from ui.condition_form import ConditionForm
from ui.facts_view import FactsView
from ui.grade_panel import GradePanel
from ui.i18n import problem_text
from ui.ledger_ops import LedgerClient
from ui.manual_facts import ManualFacts, needs_staff_facts
from ui.mark_entry import MarkEntry
from ui.seller_form import SellerForm
from ui.widgets import Retranslating, ask_before, set_tone

GRADE_PANEL_WIDTH = 330
PLATFORMS = ("ios", "android")


class IntakeEditor(Retranslating, QWidget):
    graded = Signal(object)  # Grade
    facts_changed = Signal(object)  # DeviceFacts: the phone's, with what staff entered
    saved = Signal(object)  # the LedgerEntry, on disk
    same_seller_requested = Signal()
    statement_requested = Signal(object)  # the saved LedgerEntry

    def __init__(self, policy: Policy, ledger: LedgerClient, carrier_pages: dict, corrects_id: int | None = None,
                 parent: QWidget | None = None, prices: PriceTable | None = None,
                 id_documents: IdDocuments | None = None):
        super().__init__(parent)
        self._policy = policy
        self._ledger = ledger
        self._prices = prices
        self.price_suggestion: PriceSuggestion | None = None
        self._device_facts: DeviceFacts | None = None
        #: The phone's facts with what staff entered by hand.
        self._facts: DeviceFacts | None = None
        self._grade: Grade | None = None
        self._unplugged = False
        # Every earlier intake of this phone, oldest first; None until the ledger worker has read it.
        self.history: list[LedgerEntry] | None = None
        #: The active 品触れ items this phone matches, read with its history.
        self.notice_hits: list[NoticeHit] = []
        self._history_of: tuple[tuple[str, ...], str | None] | None = None
        self.saving = False
        self.corrects_id = corrects_id
        self.saved_entry_id: int | None = None
        #: Staff have entered something since the form was filled from the phone or the ledger.
        self._touched = False
        self._filling = False
        self._record_question: QMessageBox | None = None
        #: The seller's signature from the customer screen, and the price it was given for.
        self.signature: Signature | None = None
        self._signed_price: int | None = None

        # Containers first, then each part created straight into its place: moving a
        # built subtree to a new parent walks all of it, and a phone's form is built
        # while the window is in use.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body.addWidget(scroll, 1)
        inputs = QWidget()
        scroll.setWidget(inputs)
        grid = QGridLayout(inputs)

        # Created in the technician's order (facts, mark, checklist, seller, grade), which is
        # also the tab order.
        self.manual = ManualFacts(inputs)
        self.manual.hide()
        self.facts_view = FactsView(inputs)
        self.mark_entry = MarkEntry(carrier_pages, inputs)
        self.condition_form = ConditionForm(inputs)
        self.seller_form = SellerForm(policy.adult_age, inputs, id_documents)
        self.grade_panel = GradePanel(self)
        self.grade_panel.setFixedWidth(GRADE_PANEL_WIDTH)
        body.addWidget(self.grade_panel)
        # What staff must enter by hand comes first, above what the phone gave.
        phone_column = QVBoxLayout()
        phone_column.setContentsMargins(0, 0, 0, 0)
        phone_column.addWidget(self.manual)
        phone_column.addWidget(self.facts_view)
        grid.addLayout(phone_column, 0, 0)
        grid.addWidget(self.mark_entry, 1, 0)
        grid.addWidget(self.condition_form, 0, 1)
        grid.addWidget(self.seller_form, 1, 1)
        grid.setRowStretch(2, 1)
        # The facts hold the long values (battery method, two IMEIs); the checklist is buttons.
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        self._regrade_soon = QTimer(self)
        self._regrade_soon.setSingleShot(True)
        self._regrade_soon.setInterval(0)
        self._regrade_soon.timeout.connect(self.regrade)
        for form in (self.facts_view, self.mark_entry, self.condition_form, self.seller_form,
                     self.grade_panel.police_report):
            form.changed.connect(self._regrade_soon.start)
            form.changed.connect(self._staff_entered)
        self.grade_panel.price.textEdited.connect(self._staff_entered)
        self.grade_panel.price_box.changed.connect(self._regrade_soon.start)
        self.grade_panel.price_box.changed.connect(self._staff_entered)
        self.manual.changed.connect(self._staff_facts_changed)
        self.grade_panel.staff_name.textChanged.connect(self._clear_status)
        self.grade_panel.confirm_requested.connect(self.confirm)
        self.grade_panel.same_seller.clicked.connect(self.same_seller_requested)
        self.seller_form.changed.connect(self._offer_same_seller)
        self._offer_same_seller()
        self.retranslate()

    # -- the phone --------------------------------------------------------------

    @property
    def facts(self) -> DeviceFacts | None:
        return self._facts

    @property
    def grade(self) -> Grade | None:
        return self._grade

    def set_facts(self, facts: DeviceFacts) -> None:
        """The phone's facts as read; staff fill in what it did not give."""
        self._device_facts = facts
        if needs_staff_facts(facts):
            self.manual.show()
        with self._filling_in():
            self._show_facts()

    def _staff_facts_changed(self) -> None:
        self._staff_entered()
        self._show_facts()

    def _show_facts(self) -> None:
        if self._device_facts is None:
            return
        self._facts = with_staff_facts(self._device_facts, self.manual.model(), self.manual.imeis(),
                                       self.manual.serial())
        self.facts_view.set_facts(self._facts)
        self.mark_entry.set_device(self._facts)
        self.facts_changed.emit(self._facts)
        self._read_history(self._facts)
        self._regrade_soon.start()

    def _read_history(self, facts: DeviceFacts) -> None:
        """Ask the ledger worker for this phone's history, once per IMEI/serial pair."""
        identity = (tuple(facts.imei), facts.hardware_serial)
        if identity == self._history_of:
            return
        self._history_of = identity
        imeis, serial, corrects = list(facts.imei), facts.hardware_serial, self.corrects_id
        # The colour as the phone gives it; staff may correct it later, and the recorded grade checks that one.
        phone = PhoneIdentity(tuple(imeis), serial, tuple(filter(None, (facts.model_name, facts.model_code))),
                              facts.color)

        def read(ledger: Ledger) -> tuple[list[LedgerEntry], list[NoticeHit]]:
            matches = check_phone(ledger, phone, dt.date.today())
            return ledger.history(imeis, serial, exclude_id=corrects), [match.as_hit() for match in matches]

        self._ledger.run(read, lambda found: self._history_read(identity, *found), self._history_failed)

    def _history_read(self, identity: tuple[tuple[str, ...], str | None], found: list[LedgerEntry],
                      notices: list[NoticeHit]) -> None:
        if identity != self._history_of:
            return  # the phone was read again meanwhile; its own answer follows
        self.history = found
        self.notice_hits = notices
        self.grade_panel.show_history(found)
        self.regrade()

    def _history_failed(self, error: Exception) -> None:
        self.grade_panel.show_problem(self.tr("The ledger could not be read: {reason}").format(reason=error))

    def set_prices(self, prices: PriceTable | None) -> None:
        """A price table was imported: suggest from it from now on."""
        self._prices = prices
        self._regrade_soon.start()

    def set_signature(self, signature: Signature, price_yen: int) -> None:
        """The seller signed on the customer screen for ``price_yen``; recorded with this intake."""
        self.signature, self._signed_price = signature, price_yen
        self._touched = True

    def show_seller_waiting(self) -> None:
        self.grade_panel.show_note(self.tr("The next phone plugged in gets this seller."))

    def _offer_same_seller(self) -> None:
        self.grade_panel.same_seller.setEnabled(not self.seller_form.is_empty())

    def has_unsaved_input(self) -> bool:
        """Staff entered something that is not in the ledger yet (closing would lose it)."""
        return self._touched and self.saved_entry_id is None

    @contextlib.contextmanager
    def _filling_in(self) -> Iterator[None]:
        """Changes made by the program, not by staff: they do not count as unsaved input."""
        outer, self._filling = self._filling, True
        try:
            yield
        finally:
            self._filling = outer

    def _staff_entered(self) -> None:
        if not self._filling:
            self._touched = True

    def set_unplugged(self, unplugged: bool) -> None:
        self._unplugged = unplugged
        self._show_banner()

    # -- grading and recording -----------------------------------------------------

    def intake(self) -> Intake | None:
        """What is on screen as an Intake; None until the phone has been read or its model chosen."""
        if self._facts is None or self._facts.platform not in PLATFORMS:
            return None
        seller_form = self.seller_form
        staff = StaffInput(
            restriction_mark=self.mark_entry.mark(),
            carrier=self.mark_entry.chosen_carrier(),
            sim_free=self.mark_entry.sim_free.isChecked(),
            condition=self.condition_form.condition(),
            battery_health_percent=self.facts_view.staff_battery_percent(),
            lock_removed_in_front_of_staff=self.facts_view.lock_removed.isChecked(),
            id_check=seller_form.id_check(),
            suspected_theft=seller_form.suspected_theft.isChecked(),
            color=clean_field(self.facts_view.color.text(), 40),
            capacity=clean_field(self.facts_view.capacity.text(), 20),
            staff_name=clean_field(self.grade_panel.staff_name.text(), 80),
        )
        return Intake(
            device=self._facts,
            staff=staff,
            seller=seller_form.seller(),
            price_yen=self.grade_panel.price_yen(),
            police_report=self.grade_panel.police_report.report(),
            corrects_id=self.corrects_id,
            price_deductions=self.grade_panel.price_box.ticked_deductions(),
            price_override_reason=self.grade_panel.price_box.override_reason_text(),
            signature=self.signature,
        )

    def regrade(self) -> None:
        intake = self.intake()
        if intake is None:
            if self._facts is not None:
                self.grade_panel.show_unfinished(self.tr("Choose the model from the catalogue first."))
            return
        if self.history is None:
            return  # unknown is never green: no grade before the phone's history is in
        self._grade = grade_with_history(intake, self._policy, [prior_intake(entry) for entry in self.history],
                                         notices=self.notice_hits)
        self.price_suggestion = price_intake(self._prices, intake, self._grade)
        self.grade_panel.price_box.show_suggestion(self.price_suggestion)
        suspected = intake.staff.suspected_theft and self._grade.outcome is Outcome.REFUSE
        self.grade_panel.show_grade(self._grade, police_report_offered=suspected)
        self._clear_status()
        self.graded.emit(self._grade)

    def confirm(self) -> None:
        """Write the entry on the ledger worker; say "saved" only once the ledger has it on disk."""
        if self.saved_entry_id is not None or self.saving:
            return
        self._regrade_soon.stop()
        self.regrade()
        intake = self.intake()
        if intake is None:
            if self._facts is not None:
                self.grade_panel.show_problem(self.tr("Choose the model from the catalogue first."))
                self.manual.model_search.setFocus()
            else:
                self.grade_panel.show_problem(self.tr("The phone has not been read yet."))
            return
        if not self.grade_panel.price.is_valid():
            self.grade_panel.show_problem(self.tr("Price: type whole yen, e.g. 8000."))
            self.grade_panel.price.setFocus()
            return
        if self.grade_panel.price_box.is_override() and intake.price_override_reason is None:
            self.grade_panel.show_problem(self.tr("Enter why the price differs from the table."))
            self.grade_panel.price_box.override_reason.setFocus()
            return
        if intake.signature is not None and intake.price_yen != self._signed_price:
            self.grade_panel.show_problem(self.tr("The price changed after the seller signed: ask for the "
                                                  "signature again."))
            return
        if intake.staff.staff_name is None:
            self.grade_panel.show_problem(self.tr("Enter your name before recording."))
            self.grade_panel.staff_name.setFocus()
            return
        if self._grade is None:
            self.grade_panel.show_problem(self.tr("The phone's history is still being read from the ledger; "
                                                  "confirm again in a moment."))
            return
        missing = self._missing_from_the_book(intake)
        if missing:
            self._ask_before_recording(missing)
            return
        self._record(intake)

    def _missing_from_the_book(self, intake: Intake) -> list[str]:
        """What the ledger entry would lack that identifies the phone or the seller."""
        missing = []
        if not intake.device.imei:
            missing.append(self.tr("IMEI"))
        if intake.seller is None:
            missing.append(self.tr("seller's details"))
        return missing

    def _ask_before_recording(self, missing: list[str]) -> None:
        """An entry is permanent: one without IMEI or seller is written only when staff say so."""
        if self._record_question is not None:
            return
        self._record_question = ask_before(
            self, self.tr("Record anyway?"),
            self.tr("This entry would be recorded without: {missing}. Entries cannot be "
                    "deleted; record it anyway?").format(missing=self.tr(", ").join(missing)),
            QMessageBox.StandardButton.Save, self.tr("Record anyway"), self._record_answered)

    def _record_answered(self, answer: QMessageBox.StandardButton) -> None:
        if self._record_question is not None:
            self._record_question.deleteLater()
            self._record_question = None
        intake = self.intake()
        if (answer == QMessageBox.StandardButton.Save and intake is not None and self.saved_entry_id is None
                and not self.saving):
            self._record(intake)

    def _record(self, intake: Intake) -> None:
        policy, prices = self._policy, self._prices
        self.saving = True
        self.grade_panel.show_saving()
        self._ledger.run(lambda ledger: record_intake(intake, policy, ledger, prices), self._saved, self._not_saved)

    def _saved(self, result: tuple[LedgerEntry, Grade]) -> None:
        entry, self._grade = result
        self.saving = False
        self.saved_entry_id = entry.id
        # The seller signs the statement now; it can be printed again from the day log.
        self.grade_panel.show_saved(entry.id, printable=bool(entry.is_purchase))
        self.grade_panel.print_statement.clicked.connect(lambda: self.statement_requested.emit(entry))
        for form in (self.manual, self.facts_view, self.mark_entry, self.condition_form, self.seller_form):
            form.setEnabled(False)
        self.grade_panel.police_report.setEnabled(False)
        self.grade_panel.price_box.setEnabled(False)
        self.grade_panel.staff_name.setEnabled(False)
        self.grade_panel.confirm.setEnabled(False)
        self.saved.emit(entry)

    def _not_saved(self, error: Exception) -> None:
        self.saving = False
        self.grade_panel.confirm.setEnabled(True)
        self.grade_panel.show_problem(self.tr("Not saved: {reason}").format(reason=problem_text(error)))

    def load_entry(self, entry: LedgerEntry) -> None:
        """Fill the form from a ledger entry, as the starting point of its correction.

        The staff name stays empty: whoever records the correction enters their own.
        Personal data a purge erased stays empty too, to be entered again.
        """
        with self._filling_in():
            self._load_entry(entry)

    def _load_entry(self, entry: LedgerEntry) -> None:
        staff = staff_of(entry)
        self.set_facts(DeviceFacts.from_json(json.loads(entry.device_json or "{}")))
        self.mark_entry.set_carrier(staff.carrier)
        self.mark_entry.set_mark(staff.restriction_mark)
        self.mark_entry.sim_free.setChecked(staff.sim_free)
        self.condition_form.set_condition(staff.condition)
        self.facts_view.battery_from_settings.setValue(staff.battery_health_percent or 0)
        self.facts_view.lock_removed.setChecked(staff.lock_removed_in_front_of_staff)
        self.facts_view.color.setText(staff.color or "")
        self.facts_view.capacity.setText(staff.capacity or "")
        self.seller_form.set_id_check(staff.id_check)
        self.seller_form.suspected_theft.setChecked(staff.suspected_theft)
        self.seller_form.set_seller(seller_of(entry))
        report = entry.police_report
        if report is not None:
            self.grade_panel.police_report.set_report(report)
        self.grade_panel.price_box.set_price(entry.price_yen)
        self.grade_panel.price_box.override_reason.setText(entry.price_override_reason or "")

    def retranslate(self) -> None:
        self._show_banner()

    def _show_banner(self) -> None:
        if self._unplugged and self.saved_entry_id is None:
            self.banner.setText(self.tr("This phone was unplugged. What you entered is kept; "
                                        "plug it in again to read it again."))
            set_tone(self.banner, "unknown")
        elif self.corrects_id is not None:
            self.banner.setText(self.tr("Correction of entry {number}: recording adds a new entry "
                                        "that points at it; the original stays as it is.").format(number=self.corrects_id))
            set_tone(self.banner, "info")
        else:
            self.banner.hide()
            return
        self.banner.show()

    def _clear_status(self) -> None:
        if self.saved_entry_id is None:
            self.grade_panel.status.clear()
