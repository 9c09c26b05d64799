"""The customer screen's window: the pages in order, a header, the idle countdown, the staff PIN.

The flow: language → what you are selling → five condition questions → before
you sell → a callback number (optional) → terms and privacy → the ticket.
Choosing an answer moves on at once, so a ticket takes one tap per step.

Apart from the flow, the counter may ask the seller of a graded, priced phone
to sign on this screen (:meth:`CustomerWindow.request_signature`): the screen
leaves whatever it showed, and says back ``signature_given`` or, if the seller
does not sign (or walks away, or staff close the screen), ``signature_declined``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.intake import Condition
from kiosk.staff_pin import StaffPin
from kiosk.tickets import DECLARED_CONDITIONS, Declaration, TicketQueue
from ui.customer.idle import IdleTimeout
from ui.customer.language import CustomerLanguage
from ui.customer.pages import (
    BeforeSellPage, ConsentPage, ContactPage, KindPage, LanguagePage, Page, QuestionPage, StaffPinPage, TicketPage,
)
from ui.customer.signature_page import SignaturePage, SignatureRequest
from ui.customer.touch import TouchButton
from ui.i18n import Language

IDLE_SECONDS = 90
#: Wrong PINs in a row before the keypad rests, and for how long: guessing a PIN by touch becomes hopeless.
PIN_ATTEMPTS = 5
PIN_REST_SECONDS = 60
#: The size of the window when the PC has no second screen for it (trying it out).
WINDOWED_SIZE = (1366, 768)


class CustomerWindow(QWidget):
    """The whole customer screen; it issues tickets into the counter's queue."""

    ticket_issued = Signal(object)  # Ticket
    closed_by_staff = Signal()
    signature_given = Signal(object)  # kiosk.signature.Signature
    signature_declined = Signal()

    def __init__(self, queue: TicketQueue, staff_pin: StaffPin, idle_seconds: int = IDLE_SECONDS,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("customerWindow")
        self._queue = queue
        self._staff_pin = staff_pin
        self._may_close = False
        self._before_pin: Page | None = None
        #: The counter asked for a signature and has not had an answer yet.
        self.signing = False
        #: Where the window is shown (None: an ordinary window), kept for showing it again.
        self.customer_screen: QScreen | None = None
        self.words = CustomerLanguage()

        self.start_over_button = TouchButton("headerButton")
        self.language_button = TouchButton("headerButton")
        self.staff_button = TouchButton("headerButton")
        header = QHBoxLayout()
        header.setContentsMargins(16, 8, 16, 0)
        header.addWidget(self.start_over_button)
        header.addStretch(1)
        header.addWidget(self.language_button)
        header.addWidget(self.staff_button)

        self.idle_bar = QFrame()
        self.idle_bar.setObjectName("idleBar")
        self.idle_message = QLabel()
        self.idle_message.setWordWrap(True)
        self.continue_button = TouchButton("nextButton")
        idle_layout = QHBoxLayout(self.idle_bar)
        idle_layout.addWidget(self.idle_message, 1)
        idle_layout.addWidget(self.continue_button)
        self.idle_bar.hide()

        words = self.words
        self.language_page = LanguagePage(words)
        self.kind_page = KindPage(words)
        self.question_pages = [QuestionPage(words, name, number, len(DECLARED_CONDITIONS))
                               for number, name in enumerate(DECLARED_CONDITIONS, start=1)]
        self.before_page = BeforeSellPage(words)
        self.contact_page = ContactPage(words)
        self.consent_page = ConsentPage(words)
        self.ticket_page = TicketPage(words)
        self.pin_page = StaffPinPage(words)
        self.signature_page = SignaturePage(words)
        self.flow: list[Page] = [self.language_page, self.kind_page, *self.question_pages, self.before_page,
                                 self.contact_page, self.consent_page, self.ticket_page]
        #: Every page: the flow's, and those the flow does not lead to.
        self.pages: list[Page] = [*self.flow, self.pin_page, self.signature_page]
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.idle_bar)

        self.idle = IdleTimeout(self, idle_seconds)
        self._wrong_pins = 0
        self._pin_rest = QTimer(self)
        self._pin_rest.setSingleShot(True)
        self._pin_rest.setInterval(int(PIN_REST_SECONDS * 1000))
        self._pin_rest.timeout.connect(self._end_pin_rest)
        self._connect()
        self.reset()

    def _connect(self) -> None:
        self.language_page.chosen.connect(self._start_in)
        self.kind_page.chosen.connect(self._kind_chosen)
        for page in self.question_pages:
            page.answered.connect(self.go_next)
        for page in self.flow:
            page.back_requested.connect(self.go_back)
        self.before_page.next_requested.connect(self.go_next)
        self.contact_page.next_requested.connect(self.go_next)
        self.consent_page.next_requested.connect(self._issue_ticket)
        self.ticket_page.next_requested.connect(self.reset)
        self.pin_page.back_requested.connect(lambda: self.show_page(self._before_pin))
        self.pin_page.submitted.connect(self._check_pin)
        self.signature_page.next_requested.connect(self._signed)
        self.signature_page.back_requested.connect(self.reset)
        self.start_over_button.clicked.connect(self.reset)
        self.language_button.clicked.connect(self._switch_language)
        self.staff_button.clicked.connect(self._ask_for_pin)
        self.continue_button.clicked.connect(self.idle.start)
        self.idle.warning.connect(self._warn)
        self.idle.resumed.connect(self.idle_bar.hide)
        self.idle.expired.connect(self.reset)

    # -- showing it ------------------------------------------------------------------

    def present(self, screen: QScreen | None) -> None:
        """Full screen on the touchscreen; an ordinary window when the PC has no second screen."""
        self._may_close = False
        self.customer_screen = screen
        if screen is None:
            self.resize(*WINDOWED_SIZE)
            self.show()
        else:
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
            self.showFullScreen()
        # The fingertip's size in pixels depends on the screen the buttons are now on.
        for button in self.findChildren(TouchButton):
            button.fit_screen()

    def shutdown(self) -> None:
        """Close for good: the app is quitting."""
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A customer's Alt+F4 must not uncover the desktop; the staff PIN closes it.
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    # -- the flow --------------------------------------------------------------------

    def current_page(self) -> Page:
        return self.stack.currentWidget()

    def go_next(self) -> None:
        self.show_page(self.flow[self.flow.index(self.current_page()) + 1])

    def go_back(self) -> None:
        previous = self.flow[self.flow.index(self.current_page()) - 1]
        if previous is self.language_page:
            # The first screen holds nothing: whoever touches it next is a new customer.
            self.reset()
        else:
            self.show_page(previous)

    def reset(self) -> None:
        """Back to the first screen in Japanese, with every input cleared (a signature not given is declined)."""
        declined, self.signing = self.signing, False
        for page in self.pages:
            page.clear()
        self.words.language = Language.JAPANESE
        self.retranslate()
        self.show_page(self.language_page)
        if declined:
            self.signature_declined.emit()

    def show_page(self, page: Page) -> None:
        self.stack.setCurrentWidget(page)
        at_start = page is self.language_page
        # On the signature page, "Do not sign here" is the way back.
        self.start_over_button.setVisible(not at_start and page is not self.signature_page)
        self.language_button.setVisible(not at_start)
        self.idle_bar.hide()
        # The first screen holds nothing to forget.
        if at_start:
            self.idle.stop()
        else:
            self.idle.start()

    def _start_in(self, language: Language) -> None:
        self.words.language = language
        self.retranslate()
        self.show_page(self.kind_page)

    def _switch_language(self) -> None:
        self.words.language = Language.ENGLISH if self.words.language is Language.JAPANESE else Language.JAPANESE
        self.retranslate()

    def _kind_chosen(self) -> None:
        self.before_page.set_kind(self.kind_page.kind())
        self.go_next()

    def _issue_ticket(self) -> None:
        condition = Condition(**{page.name: page.answer() for page in self.question_pages})
        ticket = self._queue.issue(Declaration(self.kind_page.kind(), condition, self.contact_page.phone()))
        self.ticket_page.show_ticket(ticket)
        self.show_page(self.ticket_page)
        self.ticket_issued.emit(ticket)

    # -- the seller's signature ---------------------------------------------------------

    def request_signature(self, request: SignatureRequest) -> None:
        """Ask the seller to sign for ``request``; whatever the screen showed is left and forgotten."""
        self.signing = False  # a new request replaces one still open, without declining it
        self.reset()
        self.signing = True
        self.signature_page.set_request(request)
        self.show_page(self.signature_page)

    def cancel_signature(self) -> None:
        """The counter no longer wants the signature: back to the start, without a word to the counter."""
        if self.signing:
            self.signing = False
            self.reset()

    def _signed(self) -> None:
        signature = self.signature_page.signature()
        if signature is None or not self.signing:
            return
        self.signing = False
        self.reset()
        self.signature_given.emit(signature)

    def _warn(self, seconds_left: int) -> None:
        self.idle_message.setText(self.words.translate(
            "CustomerScreen", "No one has touched the screen for a while. It goes back to the start in {seconds} s."
        ).format(seconds=seconds_left))
        self.idle_bar.show()

    # -- staff -----------------------------------------------------------------------

    def _ask_for_pin(self) -> None:
        if self.current_page() is not self.pin_page:
            self._before_pin = self.current_page()
        self.pin_page.clear()
        self.show_page(self.pin_page)

    def _check_pin(self, pin: str) -> None:
        if not self._staff_pin.matches(pin):
            self._wrong_pins += 1
            self.pin_page.show_refused()
            if self._wrong_pins >= PIN_ATTEMPTS:
                self.pin_page.set_resting(True)
                self._pin_rest.start()
            return
        self._wrong_pins = 0
        self.reset()
        self._may_close = True
        self.close()
        self.closed_by_staff.emit()

    def _end_pin_rest(self) -> None:
        self._wrong_pins = 0
        self.pin_page.set_resting(False)

    # -- texts -----------------------------------------------------------------------

    def retranslate(self) -> None:
        translate = self.words.translate
        self.setWindowTitle(translate("CustomerScreen", "Phone buyback check-in"))
        self.start_over_button.setText(translate("CustomerScreen", "Start over"))
        # The other language, named in itself, so it can be found from this one.
        self.language_button.setText("English" if self.words.language is Language.JAPANESE else "日本語")
        self.staff_button.setText(translate("CustomerScreen", "Staff"))
        self.continue_button.setText(translate("CustomerScreen", "Continue"))
        for page in self.pages:
            page.retranslate()
