"""The counter's side of the customer screen: the customers waiting with a ticket,
at the top of the phone cards' column.

Opening a ticket hands the customer's declared answers to the chosen phone's
checklist, where they stay marked as declared until staff check each row.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.tickets import TicketQueue
from ui import labels
from ui.counter_view import CounterView
from ui.customer.window import CustomerWindow
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
        self._tickets_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.empty_hint)
        layout.addLayout(self._tickets_layout)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.show_screen_button)
        customer_window.ticket_issued.connect(lambda _ticket: self.refresh())
        customer_window.closed_by_staff.connect(lambda: self.show_screen_button.setEnabled(True))
        self.show_screen_button.clicked.connect(self._show_customer_screen)
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

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Waiting customers"))
        self.empty_hint.setText(self.tr("No ticket waiting."))
        self.show_screen_button.setText(self.tr("Show the customer screen"))

    def _show_customer_screen(self) -> None:
        self._customer_window.present(self._customer_window.customer_screen)
        self.show_screen_button.setEnabled(False)
