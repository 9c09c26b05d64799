"""The screens of the customer's self-intake, one class each, in the order a customer sees them.

Every page reads its texts from the customer's language in ``retranslate()``
and forgets its input in ``clear()``; the window calls both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.intake import RestrictionMark
from kiosk.staff_pin import PIN_LENGTHS
from kiosk.tickets import PhoneKind, Ticket, is_callback_phone
from ui.customer.keypad import NumericKeypad
from ui.customer.language import CustomerLanguage
from ui.customer.touch import TouchButton
from ui.i18n import Language
from ui.widgets import set_tone

CALLBACK_PHONE_MAX_DIGITS = 11


def wrapped_label(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class Page(QWidget):
    """A title, the page's own content, and Back / Next along the bottom where the page has them."""

    back_requested = Signal()
    next_requested = Signal()

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(parent)
        self.words = words
        self.title = wrapped_label("pageTitle")
        self.content = QVBoxLayout()
        self.footer = QHBoxLayout()
        self.back_button: TouchButton | None = None
        self.next_button: TouchButton | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addLayout(self.content, 1)
        layout.addLayout(self.footer)

    def add_back_button(self) -> None:
        self.back_button = TouchButton("backButton")
        self.back_button.clicked.connect(self.back_requested)
        self.footer.insertWidget(0, self.back_button)
        self.footer.insertStretch(1, 1)

    def add_next_button(self) -> None:
        self.next_button = TouchButton("nextButton")
        self.next_button.clicked.connect(self.next_requested)
        self.footer.addWidget(self.next_button)

    def add_columns(self, left: QLayout, right: QWidget) -> None:
        """Two columns of the content, each half the width."""
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addWidget(right, 1)
        self.content.addLayout(columns)

    def add_keypad_columns(self, texts: list[QWidget], keypad: QWidget) -> None:
        """Texts stacked on the left, the numeric keypad on the right."""
        left = QVBoxLayout()
        left.setSpacing(16)
        for widget in texts:
            left.addWidget(widget)
        left.addStretch(1)
        self.add_columns(left, keypad)

    def retranslate(self) -> None:
        translate = self.words.translate
        if self.back_button is not None:
            self.back_button.setText(translate("CustomerScreen", "Back"))
        if self.next_button is not None:
            self.next_button.setText(translate("CustomerScreen", "Next"))

    def clear(self) -> None:
        """Forget what the customer entered (pages without input have nothing to forget)."""


class _ChoiceButtons:
    """Big buttons of which the customer picks one; the pick stays shown when they come back."""

    def __init__(self, values: tuple, layout, on_choice):
        self.buttons = {}
        self._value = None
        for value in values:
            button = TouchButton("choiceButton")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=value: self._choose(v))
            layout.addWidget(button)
            self.buttons[value] = button
        self._on_choice = on_choice

    def value(self):
        return self._value

    def clear(self) -> None:
        self._value = None
        self._show()

    def _choose(self, value) -> None:
        self._value = value
        self._show()
        self._on_choice(value)

    def _show(self) -> None:
        for value, button in self.buttons.items():
            button.setChecked(value == self._value)


class LanguagePage(Page):
    """The first screen, in both languages: the customer picks one."""

    chosen = Signal(object)  # Language

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        # Both languages at once, each in itself: the customer has not chosen yet.
        self.title.setText("スマートフォン買取 受付\nPhone buyback check-in")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = {language: TouchButton("languageButton") for language in (Language.JAPANESE, Language.ENGLISH)}
        self.buttons[Language.JAPANESE].setText("日本語ではじめる")
        self.buttons[Language.ENGLISH].setText("Start in English")
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addStretch(1)
        for language, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=language: self.chosen.emit(chosen))
            row.addWidget(button)
        row.addStretch(1)
        self.content.addStretch(1)
        self.content.addLayout(row)
        self.content.addStretch(2)


class KindPage(Page):
    chosen = Signal()

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        column = QVBoxLayout()
        column.setSpacing(24)
        self.choice = _ChoiceButtons(tuple(PhoneKind), column, lambda _kind: self.chosen.emit())
        self.content.addLayout(column)
        self.content.addStretch(1)
        self.add_back_button()

    def kind(self) -> PhoneKind | None:
        return self.choice.value()

    def clear(self) -> None:
        self.choice.clear()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.title.setText(translate("CustomerScreen", "What are you selling?"))
        self.choice.buttons[PhoneKind.IPHONE].setText("iPhone")
        self.choice.buttons[PhoneKind.ANDROID].setText(translate("CustomerScreen", "Android smartphone"))
        self.choice.buttons[PhoneKind.OTHER].setText(
            translate("CustomerScreen", "Something else (a tablet, a feature phone…)"))


#: A customer who is not sure gives no answer: the checklist row stays for staff to find out.
NOT_SURE = "not_sure"


class QuestionPage(Page):
    """One condition question, answered Yes, No or Not sure."""

    answered = Signal()

    def __init__(self, words: CustomerLanguage, name: str, number: int, count: int, parent: QWidget | None = None):
        super().__init__(words, parent)
        self.name = name
        self._number, self._count = number, count
        self.progress = wrapped_label("progress")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = self.layout()
        layout.insertWidget(0, self.progress)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.choice = _ChoiceButtons((True, False, NOT_SURE), row, lambda _answer: self.answered.emit())
        self.content.addStretch(1)
        self.content.addLayout(row)
        self.content.addStretch(1)
        self.add_back_button()

    def is_answered(self) -> bool:
        return self.choice.value() is not None

    def answer(self) -> bool | None:
        """True or False, or None when the customer was not sure or has not answered."""
        value = self.choice.value()
        return None if value in (None, NOT_SURE) else value

    def clear(self) -> None:
        self.choice.clear()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.progress.setText(translate("CustomerScreen", "Question {number} of {count}").format(
            number=self._number, count=self._count))
        self.title.setText({
            "powers_on": translate("CustomerScreen", "Does the phone turn on?"),
            "screen_cracked": translate("CustomerScreen", "Is the screen cracked?"),
            "back_cracked": translate("CustomerScreen", "Is the back cracked?"),
            "water_damage": translate("CustomerScreen", "Has the phone been in water (dropped in water, soaked)?"),
            "frame_bent": translate("CustomerScreen", "Is the frame bent or dented?"),
        }[self.name])
        self.choice.buttons[True].setText(translate("CustomerScreen", "Yes"))
        self.choice.buttons[False].setText(translate("CustomerScreen", "No"))
        self.choice.buttons[NOT_SURE].setText(translate("CustomerScreen", "Not sure"))


class _Step(QWidget):
    """A numbered step: what to do in bold, then how and why."""

    def __init__(self, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        badge = QLabel(str(number))
        badge.setObjectName("stepNumber")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.what = wrapped_label("stepTitle")
        self.how = wrapped_label("stepDetail")
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.what)
        text.addWidget(self.how)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)


class BeforeSellPage(Page):
    """What the customer must do before selling, for the kind of phone they chose, and why
    the shop checks the network restriction."""

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self._kind = PhoneKind.OTHER
        self.account_step, self.reset_step = _Step(1), _Step(2)
        steps = QVBoxLayout()
        steps.setSpacing(20)
        steps.addWidget(self.account_step)
        steps.addWidget(self.reset_step)
        steps.addStretch(1)
        box = QFrame()
        box.setObjectName("restrictionBox")
        self.restriction_title = wrapped_label("boxTitle")
        self.restriction_intro = wrapped_label()
        self.mark_meanings = {mark: wrapped_label() for mark in RestrictionMark}
        marks = QGridLayout()
        marks.setColumnStretch(1, 1)
        for row, mark in enumerate(RestrictionMark):
            symbol = QLabel(mark.value)
            symbol.setObjectName("markSymbol")
            marks.addWidget(symbol, row, 0, Qt.AlignmentFlag.AlignTop)
            marks.addWidget(self.mark_meanings[mark], row, 1)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.restriction_title)
        box_layout.addWidget(self.restriction_intro)
        box_layout.addLayout(marks)
        box_layout.addStretch(1)
        self.add_columns(steps, box)
        self.add_back_button()
        self.add_next_button()

    def set_kind(self, kind: PhoneKind) -> None:
        self._kind = kind
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.title.setText(translate("CustomerScreen", "Before you sell"))
        what, how = {
            PhoneKind.IPHONE: (
                translate("CustomerScreen", "Turn off Find My and sign out of your Apple ID"),
                translate("CustomerScreen", "Settings → your name at the top → Sign Out. While Find My is on, "
                                            "Activation Lock keeps the next owner out, and we cannot buy the phone."),
            ),
            PhoneKind.ANDROID: (
                translate("CustomerScreen", "Remove your Google account"),
                translate("CustomerScreen", "Settings → Passwords & accounts (or Accounts) → Google → "
                                            "Remove account. If the phone is reset with the account still on "
                                            "it, Factory Reset Protection (FRP) locks it, and we cannot buy it."),
            ),
            PhoneKind.OTHER: (
                translate("CustomerScreen", "Sign out of every account"),
                translate("CustomerScreen", "Remove the accounts on the device and turn off any lock or tracking, "
                                            "so that the next owner can set it up."),
            ),
        }[self._kind]
        self.account_step.what.setText(what)
        self.account_step.how.setText(how)
        self.reset_step.what.setText(translate("CustomerScreen", "Back up, then reset"))
        self.reset_step.how.setText(translate("CustomerScreen", "Save your photos and data, then erase all content "
                                                                "and settings. Not sure how? Our staff can do it "
                                                                "with you at the counter."))
        self.restriction_title.setText(translate("CustomerScreen", "Why we check the network restriction"))
        self.restriction_intro.setText(translate("CustomerScreen", "We look the phone's IMEI up on the carrier's "
                                                                   "website. Its mark decides what we can offer:"))
        meanings = {
            RestrictionMark.CLEAR: translate("CustomerScreen", "No restriction."),
            RestrictionMark.INSTALMENTS: translate("CustomerScreen", "Instalments are still being paid. The phone may "
                                                                     "turn × later, so the price is lower."),
            RestrictionMark.RESTRICTED: translate("CustomerScreen", "Restricted: a “red ROM”. It cannot use a "
                                                                    "mobile network with any SIM, so we can buy it "
                                                                    "only as Wi-Fi only or for parts."),
            RestrictionMark.NOT_MANAGED: translate("CustomerScreen", "Not managed by that carrier: normal for a "
                                                                     "SIM-free phone."),
        }
        for mark, label in self.mark_meanings.items():
            label.setText(meanings[mark])


class ContactPage(Page):
    """An optional phone number to call the customer back, on a keypad."""

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self.hint = wrapped_label()
        self.display = QLabel()
        self.display.setObjectName("numberDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = wrapped_label()
        self.keypad = NumericKeypad(words, CALLBACK_PHONE_MAX_DIGITS)
        self.keypad.changed.connect(self._show_number)
        self.add_keypad_columns([self.hint, self.display, self.problem], self.keypad)
        self.add_back_button()
        self.add_next_button()

    def phone(self) -> str | None:
        """The number, or None when left empty (only a valid number or none lets the customer on)."""
        return self.keypad.digits or None

    def clear(self) -> None:
        self.keypad.clear()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.keypad.retranslate()
        self.title.setText(translate("CustomerScreen", "A phone number to call you back (optional)"))
        self.hint.setText(translate("CustomerScreen", "We call you when the check is done. You may leave it empty: "
                                                      "we will call out your ticket number."))
        self._show_number(self.keypad.digits)

    def _show_number(self, digits: str) -> None:
        translate = self.words.translate
        self.display.setText(digits or "–")
        valid = is_callback_phone(digits)
        self.next_button.setEnabled(not digits or valid)
        self.next_button.setText(translate("CustomerScreen", "Next") if digits
                                 else translate("CustomerScreen", "Skip: no number"))
        self.problem.setText("" if not digits or valid
                             else translate("CustomerScreen", "10 or 11 digits, starting with 0."))
        set_tone(self.problem, "unknown")


class ConsentPage(Page):
    """The terms and the privacy notice; agreeing issues the ticket."""

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self.points = [wrapped_label("consentPoint") for _ in range(4)]
        for point in self.points:
            self.content.addWidget(point)
        self.content.addStretch(1)
        self.add_back_button()
        self.add_next_button()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.title.setText(translate("CustomerScreen", "Terms and privacy"))
        texts = (
            translate("CustomerScreen", "To sell, please show an ID document (such as a driving licence) at the "
                                        "counter, as the Secondhand Goods Business Act requires. If you are under 18, "
                                        "we also need your guardian's written consent."),
            translate("CustomerScreen", "Your answers here are a guide. The price is set after our staff have "
                                        "checked the phone."),
            translate("CustomerScreen", "We use what you enter here only to check your phone and to call you. "
                                        "This screen keeps none of it once you have finished."),
            # The purpose of use (利用目的) of the purchase register, as the README's notice for the shop says it.
            translate("CustomerScreen", "If you sell, the law requires us to record your name, address, occupation, "
                                        "date of birth and the kind of ID you showed in our purchase register. We "
                                        "keep them for 3 years, only our staff and the police may see them, and "
                                        "then we erase them. We never record a My Number or a health-insurance "
                                        "card number."),
        )
        for point, text in zip(self.points, texts):
            point.setText(f"• {text}")
        self.next_button.setText(translate("CustomerScreen", "Agree and get a ticket"))


class TicketPage(Page):
    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel()
        self.number.setObjectName("ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.what_next = wrapped_label("ticketHint")
        self.what_next.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(self.number, 1)
        self.content.addWidget(self.what_next)
        self.add_next_button()
        self.footer.insertStretch(0, 1)
        self.footer.addStretch(1)

    def show_ticket(self, ticket: Ticket) -> None:
        self.number.setText(ticket.label)

    def clear(self) -> None:
        self.number.clear()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.title.setText(translate("CustomerScreen", "Your ticket number"))
        self.what_next.setText(translate("CustomerScreen", "We will call this number. Please wait near the counter "
                                                           "with your phone."))
        self.next_button.setText(translate("CustomerScreen", "Done"))


class StaffPinPage(Page):
    """The staff PIN on a keypad, shown as dots."""

    submitted = Signal(str)

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self._refused = False
        self._resting = False
        self.prompt = wrapped_label()
        self.dots = QLabel()
        self.dots.setObjectName("numberDisplay")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = wrapped_label()
        set_tone(self.problem, "bad")
        self.keypad = NumericKeypad(words, PIN_LENGTHS.stop - 1)
        self.keypad.changed.connect(self._typed)
        self.add_keypad_columns([self.prompt, self.dots, self.problem], self.keypad)
        self.add_back_button()
        self.add_next_button()
        self.next_button.clicked.connect(lambda: self.submitted.emit(self.keypad.digits))
        self._typed("")

    def show_refused(self) -> None:
        self._refused = True
        self.keypad.clear()
        self._show_problem()

    def set_resting(self, resting: bool) -> None:
        """Take no PIN for a while after too many wrong ones."""
        self._resting = resting
        self.keypad.setEnabled(not resting)
        self.keypad.clear()
        self._show_problem()

    def clear(self) -> None:
        self._refused = False
        self.keypad.clear()
        self._show_problem()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.keypad.retranslate()
        self.title.setText(translate("CustomerScreen", "Staff only"))
        self.prompt.setText(translate("CustomerScreen", "Enter the staff PIN to close the customer screen."))
        self.back_button.setText(translate("CustomerScreen", "Cancel"))
        self.next_button.setText(translate("CustomerScreen", "Close the customer screen"))
        self._show_problem()

    def _show_problem(self) -> None:
        translate = self.words.translate
        if self._resting:
            self.problem.setText(translate("CustomerScreen", "Too many wrong PINs. Please wait a minute."))
        elif self._refused:
            self.problem.setText(translate("CustomerScreen", "That PIN is not right."))
        else:
            self.problem.clear()

    def _typed(self, digits: str) -> None:
        self.dots.setText("●" * len(digits) or "–")
        self.next_button.setEnabled(len(digits) in PIN_LENGTHS)
        if digits and self._refused:
            # A new attempt has begun: the old refusal no longer applies to what is shown.
            self._refused = False
            self._show_problem()
