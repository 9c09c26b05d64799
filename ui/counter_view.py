"""The counter: a card per phone on the left, the chosen phone's intake on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from device_probes.facts import DeviceFacts, DeviceState
from kiosk.id_documents import IdDocuments
from kiosk.catalogue import manual_facts
from kiosk.counter import grade_with_history
from kiosk.grading import Policy, PriorIntake
from kiosk.intake import Intake, StaffInput
from kiosk.ledger import Ledger, LedgerEntry
from kiosk.pricing import PriceTable
from ui.device_card import DeviceCard
from ui.devices import DeviceHub
from ui.intake_editor import IntakeEditor
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating

CARD_COLUMN_WIDTH = 220
#: The next spare form is built once no phone event has come for this long.
SPARE_FORM_QUIET_MS = 2000


class CounterView(Retranslating, QWidget):
    entry_saved = Signal(object)  # LedgerEntry
    statement_requested = Signal(object)  # LedgerEntry

    def __init__(self, hub: DeviceHub, policy: Policy, ledger: LedgerClient, carrier_pages: dict,
                 parent: QWidget | None = None, id_documents: IdDocuments | None = None):
        super().__init__(parent)
        self._id_documents = id_documents
        self._hub = hub
        self._policy = policy
        self._ledger = ledger
        self._carrier_pages = carrier_pages
        #: Cards and their intake forms by key: the phone's serial, or "correction:<id>".
        self.cards: dict[str, DeviceCard] = {}
        self.editors: dict[str, IntakeEditor] = {}
        self._current: str | None = None
        self._manual_count = 0
        #: A form built ahead, in a quiet moment, for the next card that needs one.
        self._spare: IntakeEditor | None = None
        self._spare_later = QTimer(self)
        self._spare_later.setSingleShot(True)
        self._spare_later.setInterval(SPARE_FORM_QUIET_MS)
        self._spare_later.timeout.connect(self._build_spare_when_quiet)
        #: Facts of phones whose form is not built yet (no one has chosen their card).
        self._unread_facts: dict[str, DeviceFacts] = {}
        #: The shop's price table, when one was imported.
        self.prices: PriceTable | None = None
        #: Who works the counter this shift: filled into every new intake.
        self._staff_name: str | None = None
        #: A seller to carry to the next phone plugged in, when none was waiting.
        self._seller_for_next: IntakeEditor | None = None

        self._cards_layout = QVBoxLayout()
        self._cards_layout.setContentsMargins(4, 4, 4, 4)
        self._cards_layout.addStretch(1)
        cards_widget = QWidget()
        cards_widget.setLayout(self._cards_layout)
        cards_scroll = self._cards_scroll = QScrollArea()
        cards_scroll.setWidgetResizable(True)
        cards_scroll.setWidget(cards_widget)
        cards_scroll.setFixedWidth(CARD_COLUMN_WIDTH)
        cards_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_hint)
        self.manual_button = QPushButton()
        self.manual_button.setObjectName("manualIntake")
        self.manual_button.clicked.connect(self.start_manual_intake)
        self._side_column = QVBoxLayout()
        self._side_column.addWidget(cards_scroll, 1)
        self._side_column.addWidget(self.manual_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._side_column)
        layout.addWidget(self.stack, 1)

        hub.attached.connect(self._attached)
        hub.probe_started.connect(lambda serial: self._card_call(serial, DeviceCard.show_probing))
        hub.probe_started.connect(self._quiet_for_a_while)
        hub.facts_ready.connect(self._facts_ready)
        hub.probe_failed.connect(lambda serial, _detail: self._card_call(serial, DeviceCard.show_failure))
        hub.state_changed.connect(lambda serial, state: self._card_call(serial, DeviceCard.show_state, state))
        hub.detached.connect(self._detached)
        self.retranslate()

    def warm_up(self) -> None:
        """Build, lay out and draw the next phone's form before any phone is read.

        A form takes about a tenth of a second to build, polish and lay out;
        the first one also pays Qt's one-time costs (style sheet, Japanese
        fonts). Built here, while nothing is read, it does not stall the GUI
        thread when the first phone arrives. Other phones' forms wait until
        staff choose their card (see :meth:`editor_for`).
        """
        self._build_spare()

    def _build_spare(self) -> None:
        if self._spare is None:
            self._spare = self._new_form()
            self._spare.resize(self.stack.size())
            self._spare.grab()  # polish, lay out and draw it now

    def _build_spare_when_quiet(self) -> None:
        # Building a form stalls the GUI thread for a moment: not while a phone is being read.
        if any(card.reading for card in self.cards.values()):
            self._spare_later.start()
        else:
            self._build_spare()

    def _new_form(self, corrects_id: int | None = None) -> IntakeEditor:
        form = IntakeEditor(self._policy, self._ledger, self._carrier_pages, corrects_id=corrects_id,
                            parent=self.stack, prices=self.prices, id_documents=self._id_documents)
        self.stack.addWidget(form)
        return form

    def facts_of(self, key: str) -> DeviceFacts | None:
        """The newest facts of a card's phone, whether or not its form is built yet."""
        editor = self.editors.get(key)
        return editor.facts if editor is not None else self._unread_facts.get(key)

    def set_prices(self, prices: PriceTable | None) -> None:
        self.prices = prices
        for editor in [*self.editors.values(), *filter(None, [self._spare])]:
            editor.set_prices(prices)

    def set_staff(self, name: str) -> None:
        """The staff member on shift: every form not saved yet takes the name."""
        previous, self._staff_name = self._staff_name, name
        for editor in self.editors.values():
            if editor.saved_entry_id is None and editor.grade_panel.staff_name.text().strip() in ("", previous):
                editor.grade_panel.staff_name.setText(name)

    def same_seller_next(self, source: IntakeEditor) -> None:
        """「同じ売主で次の端末」: the seller and ID check go to the next phone without a seller.

        The next one is the first card after this one (then from the top) whose form
        is not saved and has no seller typed; with none, the next phone plugged in gets it.
        """
        keys = list(self.cards)
        start = next((i for i, key in enumerate(keys) if self.editors.get(key) is source), -1)
        for key in keys[start + 1:] + keys[:max(start, 0)]:
            # A card whose form is not built yet has no seller typed; a correction keeps its own.
            built = self.editors.get(key)
            if built is source or self.cards[key].correction_of is not None or (
                    built is not None and (built.saved_entry_id is not None or not built.seller_form.is_empty())):
                continue
            self.editor_for(key).seller_form.copy_from(source.seller_form)
            self._seller_for_next = None
            self.select(key)
            return
        self._seller_for_next = source
        source.show_seller_waiting()

    def unsaved_intakes(self) -> int:
        """How many forms hold input that closing the window would lose."""
        return sum(editor.has_unsaved_input() for editor in self.editors.values())

    def current_editor(self) -> IntakeEditor | None:
        return self.editors.get(self._current) if self._current else None

    def select(self, key: str) -> None:
        if self._current in self.cards:
            self.cards[self._current].set_current(False)
        self._current = key
        self.cards[key].set_current(True)
        self.stack.setCurrentWidget(self.editor_for(key))
        self._scroll_to(key)

    def editor_for(self, key: str) -> IntakeEditor:
        """The card's intake form, made when the card is chosen, not when its phone is read.

        A phone's card appears and shows its facts and state at once; its form
        (the costly part) is the spare built ahead when there is one.
        """
        editor = self.editors.get(key)
        if editor is None:
            card = self.cards[key]
            if self._spare is not None and card.correction_of is None:
                editor, self._spare = self._spare, None
                self._spare_later.start()
            else:
                editor = self._new_form(card.correction_of)
            editor.set_unplugged(card.unplugged)
            if self._staff_name:
                editor.grade_panel.staff_name.setText(self._staff_name)
            if self._seller_for_next is not None and card.correction_of is None:
                editor.seller_form.copy_from(self._seller_for_next.seller_form)
                self._seller_for_next = None
            editor.same_seller_requested.connect(lambda: self.same_seller_next(editor))
            self.editors[key] = editor
            editor.graded.connect(card.show_grade)
            editor.facts_changed.connect(card.show_facts)
            editor.saved.connect(lambda entry: card.show_saved(entry.id))
            editor.saved.connect(self.entry_saved)
            editor.statement_requested.connect(self.statement_requested)
            unread = self._unread_facts.pop(key, None)
            if unread is not None:
                editor.set_facts(unread)
        return editor

    def start_manual_intake(self) -> IntakeEditor:
        """An intake for a phone that cannot be read (dead, no cable): staff enter its facts."""
        self._manual_count += 1
        key = f"manual:{self._manual_count}"
        card = self._add(key, "")
        card.manual = True
        editor = self.editor_for(key)
        editor.set_facts(manual_facts(self._manual_count))
        self.select(key)
        editor.manual.model_search.setFocus()
        return editor

    def start_correction(self, entry: LedgerEntry) -> None:
        """Open a new intake that corrects a ledger entry (the original stays as it is)."""
        key = f"correction:{entry.id}"
        if key not in self.cards:
            card = self._add(key, entry.platform or "ios")
            card.correction_of = entry.id
            editor = self.editor_for(key)
            editor.load_entry(entry)
            card.show_facts(editor.facts)
        self.select(key)

    def add_above_cards(self, panel: QWidget) -> None:
        """Put a panel at the top of the card column (the customer screen's ticket queue)."""
        panel.setFixedWidth(CARD_COLUMN_WIDTH)
        self._side_column.insertWidget(0, panel)

    def retranslate(self) -> None:
        self.empty_hint.setText(self.tr("Plug a phone in with a USB cable.\n"
                                        "Its card appears here as soon as it is connected."))
        self.manual_button.setText(self.tr("Intake without a cable…"))
        self.manual_button.setToolTip(self.tr("For a phone that cannot be read: pick the model, type or scan the IMEI"))

    # -- from the hub ------------------------------------------------------------------

    def _attached(self, platform: str, serial: str) -> None:
        if serial in self.cards:
            # The same phone plugged in again: it carries on with what was entered.
            self.cards[serial].set_unplugged(False)
            if serial in self.editors:
                self.editors[serial].set_unplugged(False)
            return
        self._quiet_for_a_while()
        self._add(serial, platform)
        if self._current is None:
            # On the next turn of the event loop: drawing the form (about 200 widgets) and
            # laying out the new card then stall the GUI thread one after the other, not at once.
            QTimer.singleShot(0, self, lambda: self._select_if_none(serial))
        else:
            self._scroll_to(serial)

    def _select_if_none(self, key: str) -> None:
        if self._current is None and key in self.cards:
            self.select(key)

    def _facts_ready(self, facts: DeviceFacts) -> None:
        if facts.serial not in self.cards:
            return
        self._quiet_for_a_while()
        card = self.cards[facts.serial]
        card.show_facts(facts)
        editor = self.editors.get(facts.serial)
        known = self.facts_of(facts.serial)
        # Facts from a phone waiting for Trust are mostly empty; keep what an
        # earlier full read gave rather than blanking the form.
        if not (facts.state is DeviceState.READY or known is None or known.state is not DeviceState.READY):
            return
        if editor is not None:
            editor.set_facts(facts)
            return
        self._unread_facts[facts.serial] = facts
        # The card still shows where the phone stands; the form comes when the card is chosen.
        self._grade_on_card(card, facts)

    def _grade_on_card(self, card: DeviceCard, facts: DeviceFacts) -> None:
        """Grade a phone whose form is not made yet, with its history read by the ledger worker."""
        imeis, serial = list(facts.imei), facts.hardware_serial

        def read(ledger: Ledger) -> list[PriorIntake]:
            return ledger.prior_intakes(imeis, serial)

        def show(history: list[PriorIntake]) -> None:
            if card.serial not in self.editors:  # once the form exists, it grades the card
                card.show_grade(grade_with_history(Intake(device=facts, staff=StaffInput()), self._policy, history))

        def unread(_error: Exception) -> None:
            """The card stays ungraded (unknown is never green); the form says why when it is opened."""

        self._ledger.run(read, show, unread)

    def _quiet_for_a_while(self, *_event) -> None:
        """Phones are being read: the spare form waits until the counter is quiet again."""
        if self._spare is None:
            self._spare_later.start()

    def _detached(self, serial: str) -> None:
        if serial in self.cards:
            self.cards[serial].set_unplugged(True)
            if serial in self.editors:
                self.editors[serial].set_unplugged(True)

    # -- cards ------------------------------------------------------------------------

    def _add(self, key: str, platform: str) -> DeviceCard:
        card = DeviceCard(platform, key)
        self.cards[key] = card
        self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
        card.selected.connect(lambda: self.select(key))
        card.read_again.connect(lambda: self._hub.probe(key))
        card.close_requested.connect(lambda: self._remove(key))
        # The chosen card grows when its grade or an instruction arrives: keep all of it in view.
        card.resized.connect(lambda: key == self._current and self._ensure_card_visible(key))
        return card

    def _remove(self, key: str) -> None:
        card, editor = self.cards.pop(key), self.editors.pop(key, None)
        self._unread_facts.pop(key, None)
        if self._current == key:
            self._current = None
            self.stack.setCurrentWidget(self.empty_hint)
        card.deleteLater()
        if editor is not None:
            editor.deleteLater()
        if self._current is None and self.cards:
            self.select(next(iter(self.cards)))

    def _scroll_to(self, key: str) -> None:
        """Bring a card into view once the column has laid it out (a new card has no place yet)."""
        QTimer.singleShot(0, self, lambda: self._ensure_card_visible(key))

    def _ensure_card_visible(self, key: str) -> None:
        card = self.cards.get(key)
        if card is not None:
            self._cards_layout.activate()  # the new card's place, before the scroll area reads it
            self._cards_scroll.ensureWidgetVisible(card)

    def _card_call(self, serial: str, method, *args) -> None:
        card = self.cards.get(serial)
        if card is not None:
            method(card, *args)
