"""The counter's side of the customer screen: the customers waiting with a ticket,
at the top of the phone cards' column.

Opening a ticket hands the customer's declared answers to the chosen phone's
checklist, where they stay marked as declared until staff check each row.

「お客様画面で署名」 asks the seller of the chosen phone, graded and priced, to
sign on the customer screen; the signature goes to that phone's intake and is
recorded with it, in its personal data.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.item_features import item_capacity
from kiosk.signature import Signature
from kiosk.tickets import TicketQueue
from ui import labels
from ui.counter_view import CounterView
from ui.customer.signature_page import SignatureRequest
from ui.customer.window import CustomerWindow
from ui.intake_editor import IntakeEditor
from ui.widgets import Retranslating, set_tone


class TicketQueuePanel(Retranslating, QWidget):
    def __init__(self, queue: TicketQueue, counter: CounterView, customer_window: CustomerWindow,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ticketQueue")
        self._queue = queue
        self._counter = counter
        self._customer_window = customer_window
        self.ticket_buttons: dict[int, QPushButton] = {}
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("hint")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.show_screen_button = QPushButton()
        self.show_screen_button.setEnabled(False)
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("askSignature")
        self.cancel_sign_button = QPushButton()
        self.cancel_sign_button.hide()
        self.signature_status = QLabel()
        self.signature_status.setWordWrap(True)
        #: The intake whose seller is asked to sign, until the customer screen answers.
        self._signing_for: IntakeEditor | None = None
        self._request: SignatureRequest | None = None
        self._tickets_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.empty_hint)
        layout.addLayout(self._tickets_layout)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.cancel_sign_button)
        layout.addWidget(self.signature_status)
        layout.addWidget(self.show_screen_button)
        customer_window.ticket_issued.connect(lambda _ticket: self.refresh())
        customer_window.closed_by_staff.connect(lambda: self.show_screen_button.setEnabled(True))
        customer_window.signature_given.connect(self._signed)
        customer_window.signature_declined.connect(self._not_signed)
        self.show_screen_button.clicked.connect(self._show_customer_screen)
        self.sign_button.clicked.connect(self.request_signature)
        self.cancel_sign_button.clicked.connect(self.cancel_signature)
        # The status speaks of the phone shown: it follows when staff choose another card.
        counter.stack.currentChanged.connect(lambda _index: self._show_signature_state())
        self.retranslate()

    def refresh(self) -> None:
        for button in self.ticket_buttons.values():
            # Hidden at once: deletion waits for the event loop.
            button.hide()
            button.deleteLater()
        self.ticket_buttons = {}
        for ticket in self._queue.waiting():
            button = QPushButton(f"{ticket.label}  {labels.phone_kind_name(ticket.declaration.kind)}  "
                                 f"{ticket.issued_at:%H:%M}")
            button.setObjectName("ticketButton")
            button.clicked.connect(lambda _checked=False, number=ticket.number: self.open_ticket(number))
            self._tickets_layout.addWidget(button)
            self.ticket_buttons[ticket.number] = button
        self.empty_hint.setVisible(not self.ticket_buttons)

    def open_ticket(self, number: int) -> None:
        """Put the ticket's declared answers on the chosen phone's checklist."""
        editor = self._counter.current_editor()
        if editor is None or editor.saved_entry_id is not None:
            self.status.setText(self.tr("Plug the customer's phone in and choose its card, then open the ticket."))
            set_tone(self.status, "unknown")
            return
        editor.condition_form.declare(self._queue.take(number))
        self.status.clear()
        self.refresh()

    # -- the seller's signature ---------------------------------------------------------

    def request_signature(self) -> None:
        """Ask the seller of the chosen phone to sign on the customer screen for its price."""
        editor = self._counter.current_editor()
        if editor is None or editor.saved_entry_id is not None or editor.saving:
            self._say(self.tr("Choose the card of the phone being bought, before it is recorded."), "unknown")
            return
        intake, grade = editor.intake(), editor.grade
        if intake is None or grade is None or not grade.outcome.is_purchase or intake.price_yen is None:
            self._say(self.tr("The seller signs for a purchase: grade the phone and enter its price first."),
                      "unknown")
            return
        device = intake.device
        phone = " ".join(filter(None, (device.model_name or device.model_code, item_capacity(device, intake.staff))))
        self._signing_for = editor
        self._request = SignatureRequest(phone=phone or "—", price_yen=intake.price_yen)
        if not self._customer_window.isVisible():
            self._show_customer_screen()
        self._customer_window.request_signature(self._request)
        self._show_signature_state()

    def cancel_signature(self) -> None:
        self._signing_for = None
        self._customer_window.cancel_signature()
        self._show_signature_state()

    def _signed(self, signature: Signature) -> None:
        editor, request = self._signing_for, self._request
        self._signing_for = None
        if editor is None or request is None or editor not in self._counter.editors.values() \
                or editor.saved_entry_id is not None or editor.saving:
            self._show_signature_state()
            self._say(self.tr("The intake was recorded before the seller signed, so the signature was not "
                              "kept: have the printed statement signed."), "bad")
            return
        editor.set_signature(signature, request.price_yen)
        self._show_signature_state()

    def _not_signed(self) -> None:
        if self._signing_for is None:
            return
        self._signing_for = None
        self._show_signature_state()
        self._say(self.tr("The seller did not sign on the customer screen: have the printed statement signed."),
                  "unknown")

    def _show_signature_state(self) -> None:
        """Whether the phone shown is waiting for, or has, the seller's signature."""
        editor = self._counter.current_editor()
        waiting = self._signing_for is not None
        self.sign_button.setVisible(not waiting)
        self.cancel_sign_button.setVisible(waiting)
        if waiting and editor is self._signing_for:
            self._say(self.tr("Waiting for the seller to sign on the customer screen…"), "info")
        elif editor is not None and editor.signature is not None:
            self._say(self.tr("The seller signed on the customer screen; the signature is recorded with this "
                              "intake."), "ok")
        else:
            self._say("", "")

    def _say(self, text: str, tone: str) -> None:
        self.signature_status.setText(text)
        set_tone(self.signature_status, tone)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Waiting customers"))
        self.empty_hint.setText(self.tr("No ticket waiting."))
        self.show_screen_button.setText(self.tr("Show the customer screen"))
        self.sign_button.setText(self.tr("Sign on the customer screen"))
        self.sign_button.setToolTip(self.tr("The seller signs the purchase on the customer screen instead of on paper"))
        self.cancel_sign_button.setText(self.tr("Cancel the signature"))
        self._show_signature_state()

    def _show_customer_screen(self) -> None:
        self._customer_window.present(self._customer_window.customer_screen)
        self.show_screen_button.setEnabled(False)
