"""The customer screen: the flow to a ticket, the counter's side of it, the idle reset, the PIN, touch sizes."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from kiosk.intake import Condition
from kiosk.staff_pin import PIN_FILENAME
from kiosk.tickets import PhoneKind
from tests.gui.conftest import STAFF_PIN
from tests.gui.customer_steps import Finger, answer_questions, walk_to_ticket
from tests.gui.scripted import phone_facts
from ui.customer.touch import MM_PER_INCH, TOUCH_TARGET_MM
from ui.customer import window as customer_window
from ui.customer.window import IDLE_SECONDS, PIN_ATTEMPTS
from ui.i18n import Language

pytestmark = pytest.mark.gui

CALLBACK_PHONE = "09012345678"


def open_customer_screen(counter, staff_pin, idle_seconds=IDLE_SECONDS):
    counter.add_customer_screen(staff_pin, idle_seconds)
    counter.customer_window.present(None)
    return counter.customer_window


@pytest.fixture
def screen(counter, staff_pin):
    return open_customer_screen(counter, staff_pin)


def plug_phone(qtbot, counter, services):
    services["ios"].plug(phone_facts())
    qtbot.waitUntil(lambda: counter.window.counter.current_editor() is not None
                    and counter.window.counter.current_editor().facts is not None)
    return counter.window.counter.current_editor()


def test_a_customer_reaches_a_ticket_in_ten_taps(screen):
    finger = Finger()
    walk_to_ticket(finger, screen)

    assert screen.ticket_page.number.text() == "001"
    # Language, kind, five questions, before you sell, no number, consent.
    assert finger.taps == 10


def test_the_counter_gets_the_ticket_with_the_answers_declared_not_checked(qtbot, counter, screen, services):
    walk_to_ticket(Finger(), screen, callback_phone=CALLBACK_PHONE)
    panel = counter.queue_panel
    [ticket_button] = panel.ticket_buttons.values()
    assert ticket_button.text().startswith("001  iPhone")

    editor = plug_phone(qtbot, counter, services)
    qtbot.mouseClick(ticket_button, Qt.MouseButton.LeftButton)

    assert panel.ticket_buttons == {}
    form = editor.condition_form
    assert "受付 001" in form.declared_note.text() and CALLBACK_PHONE in form.declared_note.text()
    # Declared is not checked: nothing counts for the grade until staff tap it.
    assert form.condition() == Condition()
    assert form._status["screen_cracked"].text() == "申告: はい(未確認)"
    assert form._answers["screen_cracked"].buttons[True].property("declared") is True
    assert form._answers["screen_cracked"].buttons[False].property("declared") is False
    assert form._status["water_damage"].text() == "未確認"  # the customer was not sure
    assert form._status["battery_swollen"].text() == "未確認"  # never asked of a customer

    qtbot.mouseClick(form._answers["screen_cracked"].buttons[True], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form._answers["back_cracked"].buttons[True], Qt.MouseButton.LeftButton)

    assert form.condition().screen_cracked is True and form.condition().back_cracked is True
    assert form._status["screen_cracked"].text() == "✓"
    assert form._status["back_cracked"].text() == "✓ 申告(いいえ)と異なる"


@pytest.mark.parametrize("language", [Language.JAPANESE, Language.ENGLISH])
def test_a_ticket_s_declared_answers_fit_the_counter_at_1366x768(qtbot, counter, screen, services, language):
    counter.window.resize(1366, 768)
    walk_to_ticket(Finger(), screen)
    editor = plug_phone(qtbot, counter, services)
    counter.window.language_actions[language].trigger()
    qtbot.mouseClick(next(iter(counter.queue_panel.ticket_buttons.values())), Qt.MouseButton.LeftButton)
    form = editor.condition_form
    qtbot.waitUntil(form.declared_note.isVisible)
    qtbot.mouseClick(form._answers["back_cracked"].buttons[True], Qt.MouseButton.LeftButton)  # differs from declared
    QApplication.processEvents()

    # The form's column has no horizontal scroll bar: whatever does not fit is cut off, so all of it must fit.
    scroll = editor.findChild(QScrollArea)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    for status in form._status.values():
        assert status.visibleRegion().boundingRect() == status.rect(), status.text()


def test_a_ticket_waits_until_a_phone_is_chosen(qtbot, counter, screen):
    walk_to_ticket(Finger(), screen)
    panel = counter.queue_panel

    qtbot.mouseClick(panel.ticket_buttons[1], Qt.MouseButton.LeftButton)

    assert list(panel.ticket_buttons) == [1]
    assert panel.status.text().startswith("お客様の端末をつないで")


def test_done_starts_over_for_the_next_customer(screen):
    finger = Finger()
    walk_to_ticket(finger, screen, callback_phone=CALLBACK_PHONE)
    finger.tap(screen.ticket_page.next_button)

    assert screen.current_page() is screen.language_page
    assert shown_input(screen) == []


def shown_input(screen) -> list[str]:
    """Whatever a customer entered that any page of the screen still holds."""
    held = [button.text() for button in screen.findChildren(QAbstractButton) if button.isChecked()]
    held += [label.text() for label in screen.findChildren(QLabel)
             if any(digits in label.text() for digits in (CALLBACK_PHONE, "0312", "001", STAFF_PIN[:2], "●"))]
    return held


def test_idle_warns_then_starts_over_with_every_input_cleared(qtbot, counter, staff_pin):
    screen = open_customer_screen(counter, staff_pin, idle_seconds=2)
    finger = Finger()
    answer_questions(finger, screen, language=Language.ENGLISH, kind=PhoneKind.ANDROID)
    finger.tap(screen.before_page.next_button)
    finger.type_digits(screen.contact_page.keypad, "0312")
    assert shown_input(screen) != []

    qtbot.waitUntil(screen.idle_bar.isVisible, timeout=3000)
    assert screen.idle_message.text().endswith("in 1 s.")
    qtbot.waitUntil(lambda: screen.current_page() is screen.language_page, timeout=3000)

    assert shown_input(screen) == []
    assert screen.contact_page.phone() is None and screen.kind_page.kind() is None
    assert not any(page.is_answered() for page in screen.question_pages)
    assert screen.words.language is Language.JAPANESE
    assert not screen.idle_bar.isVisible()
    assert counter.queue_panel.ticket_buttons == {}


def test_a_touch_during_the_warning_keeps_the_customer_where_they_were(qtbot, counter, staff_pin):
    screen = open_customer_screen(counter, staff_pin, idle_seconds=2)
    finger = Finger()
    answer_questions(finger, screen)
    qtbot.waitUntil(screen.idle_bar.isVisible, timeout=3000)

    finger.tap(screen.continue_button)

    assert not screen.idle_bar.isVisible()
    assert screen.current_page() is screen.before_page
    assert screen.kind_page.kind() is PhoneKind.IPHONE


def test_only_the_staff_pin_closes_the_customer_screen(qtbot, counter, screen, isolated_data_dir):
    screen.close()  # what a window manager's close (Alt+F4) asks
    assert screen.isVisible()

    finger = Finger()
    finger.tap(screen.language_page.buttons[Language.JAPANESE])
    finger.tap(screen.staff_button)
    finger.type_digits(screen.pin_page.keypad, "1111")
    finger.tap(screen.pin_page.next_button)
    assert screen.isVisible() and screen.current_page() is screen.pin_page
    assert screen.pin_page.problem.text() == "PINが違います。"
    assert screen.pin_page.keypad.digits == ""
    finger.type_digits(screen.pin_page.keypad, "2")
    assert screen.pin_page.problem.text() == "", "the refusal goes once the next PIN is being typed"

    finger.tap(screen.pin_page.back_button)
    assert screen.current_page() is screen.kind_page

    finger.tap(screen.staff_button)
    finger.type_digits(screen.pin_page.keypad, STAFF_PIN)
    finger.tap(screen.pin_page.next_button)
    assert not screen.isVisible()

    # Only a salted hash is kept (a substring check could match the hash's hex by chance).
    stored = json.loads((isolated_data_dir / PIN_FILENAME).read_text(encoding="utf-8"))
    assert set(stored) == {"scrypt", "salt", "hash"} and STAFF_PIN not in stored.values()
    show_again = counter.queue_panel.show_screen_button
    qtbot.mouseClick(show_again, Qt.MouseButton.LeftButton)
    assert screen.isVisible() and screen.current_page() is screen.language_page
    assert not show_again.isEnabled()


def test_wrong_pins_in_a_row_rest_the_keypad_for_a_while(qtbot, counter, staff_pin, monkeypatch):
    monkeypatch.setattr(customer_window, "PIN_REST_SECONDS", 0.3)
    screen = open_customer_screen(counter, staff_pin)
    finger = Finger()
    finger.tap(screen.staff_button)
    for _attempt in range(PIN_ATTEMPTS):
        finger.type_digits(screen.pin_page.keypad, "1111")
        finger.tap(screen.pin_page.next_button)

    assert not screen.pin_page.keypad.isEnabled()
    assert screen.pin_page.problem.text() == "PINの誤りが続いたため、1分ほどお待ちください。"
    qtbot.waitUntil(screen.pin_page.keypad.isEnabled, timeout=2000)
    finger.type_digits(screen.pin_page.keypad, STAFF_PIN)
    finger.tap(screen.pin_page.next_button)
    assert not screen.isVisible()


def test_going_back_to_the_first_screen_forgets_the_answers(screen):
    finger = Finger()
    finger.tap(screen.language_page.buttons[Language.ENGLISH])
    finger.tap(screen.kind_page.choice.buttons[PhoneKind.ANDROID])
    finger.tap(screen.question_pages[0].back_button)
    assert screen.kind_page.kind() is PhoneKind.ANDROID
    finger.tap(screen.kind_page.back_button)

    assert screen.current_page() is screen.language_page
    assert screen.kind_page.kind() is None and screen.words.language is Language.JAPANESE


def test_every_button_is_a_fingertip_wide_and_nothing_needs_hover(qtbot, screen):
    screen.kind_page.choice.buttons[PhoneKind.IPHONE].click()
    checked = 0
    for page in screen.pages:
        screen.show_page(page)
        qtbot.waitUntil(page.isVisible)
        for button in screen.findChildren(QAbstractButton):
            if not button.isVisible():
                continue
            dpi_x, dpi_y = button.logicalDpiX(), button.logicalDpiY()
            size_mm = (button.width() * MM_PER_INCH / dpi_x, button.height() * MM_PER_INCH / dpi_y)
            assert min(size_mm) >= TOUCH_TARGET_MM, f"{button.text()!r} is {size_mm[0]:.1f}×{size_mm[1]:.1f} mm"
            checked += 1
    assert checked > 40
    assert [widget for widget in screen.findChildren(QWidget) if widget.toolTip()] == []


def test_every_customer_page_fits_a_1366_by_768_screen(qtbot, counter, screen):
    screen.resize(1366, 768)
    finger = Finger()
    finger.tap(screen.language_page.buttons[Language.ENGLISH])  # the longer texts
    for page in screen.flow:
        screen.show_page(page)
        QApplication.processEvents()
        for button in page.findChildren(QAbstractButton):
            if button.isVisible():
                bottom = button.mapTo(screen, button.rect().bottomLeft()).y()
                assert bottom <= screen.height(), f"{type(page).__name__}: {button.text()!r} is cut off"
