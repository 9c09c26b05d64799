"""The seller signs on the customer screen: the pad (mouse and touch), the request from the counter, the
signature in the ledger's personal row and on the statement, and its erasure."""

import datetime as dt

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.grading import Policy
from kiosk.ledger import ERASED_JA
from kiosk.signature import Signature
from kiosk.statement import DECLARATION, SIGNED_ON_SCREEN
from tests.gui.conftest import in_ledger
from tests.gui.customer_steps import Finger, sign
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug
from tests.gui.test_customer import open_customer_screen
from tests.gui.test_statement import SHOP, no_pdf_viewer, pdf_text, printed
from ui.customer import signature_page
from ui.customer.signature_page import SignaturePad
from ui.i18n import Language

pytestmark = pytest.mark.gui


@pytest.fixture
def pad(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def pdf_images(path) -> int:
    """How many pictures the PDF's pages draw."""
    count = 0
    for page in pypdf.PdfReader(str(path)).pages:
        objects = page["/Resources"].get("/XObject", {})
        count += sum(objects[name].get_object()["/Subtype"] == "/Image" for name in objects)
    return count


def near(point, expected, pixels=2) -> bool:
    return all(abs(a - b) <= pixels for a, b in zip(point, expected))


# --- the pad --------------------------------------------------------------------------------------


def test_the_pad_keeps_mouse_strokes_and_clears(pad):
    assert pad.is_empty() and pad.signature() is None
    sign(pad, strokes=2)
    signature = pad.signature()
    assert len(signature.strokes) == 2 and signature.point_count >= 40
    assert (signature.width, signature.height) == (600, 200)
    assert all(0 <= x <= 600 and 0 <= y <= 200 for stroke in signature.polylines() for x, y in stroke)
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(500, 40))
    assert pad.signature().polylines()[-1] == [(500, 40)]  # a dot is kept too
    pad.clear()
    assert pad.is_empty() and pad.signature() is None


def test_the_pad_takes_a_finger(pad):
    touchscreen = QTest.createTouchDevice()
    QTest.touchEvent(pad, touchscreen).press(0, QPoint(40, 120)).commit()
    for x in range(60, 400, 20):
        QTest.touchEvent(pad, touchscreen).move(0, QPoint(x, 120 - x // 10)).commit()
    QTest.touchEvent(pad, touchscreen).release(0, QPoint(400, 80)).commit()
    [stroke] = pad.signature().polylines()
    # QTest's touch point is a small area: its centre may lie a pixel or two off the given point.
    assert near(stroke[0], (40, 120)) and near(stroke[-1], (380, 82)) and len(stroke) == 18


def test_points_a_finger_barely_moves_are_not_kept(pad):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    for x in range(101, 111):
        QTest.mouseMove(pad, QPoint(x, 100))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(110, 100))
    assert pad.signature().polylines() == [[(100, 100), (103, 100), (106, 100), (109, 100)]]


def test_the_pad_stops_at_the_most_points_a_signature_may_hold(pad, monkeypatch):
    monkeypatch.setattr(signature_page, "MAX_POINTS", 12)
    sign(pad, strokes=2)
    assert pad.full and pad.point_count() == 12
    assert len(pad.signature().strokes) == 1  # the second stroke found the pad full


# --- from the counter to the customer screen and back ---------------------------------------------------


def priced_phone(qtbot, counter, services, staff_pin, price=68000):
    """A phone graded for purchase with its price (what the seller signs for), then the customer screen.

    The screen opens after the form is filled: it takes the focus, and the form's keyboard shortcuts with it.
    """
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    editor.grade_panel.price.setValue(price)
    assert counter.window.counter.current_editor() is editor
    screen = open_customer_screen(counter, staff_pin)
    qtbot.waitUntil(counter.queue_panel.isVisible)  # added to the shown window: it shows on the next turn
    return editor, screen


def ask_for_signature(qtbot, counter):
    assert counter.queue_panel.sign_button.isVisible()
    qtbot.mouseClick(counter.queue_panel.sign_button, Qt.MouseButton.LeftButton)


@no_pdf_viewer
def test_the_seller_signs_on_the_screen_and_the_signature_is_recorded_printed_and_erased(qtbot, counter, staff_pin,
                                                                                          services):
    counter.window.settings = SHOP
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)

    page = screen.signature_page
    assert screen.current_page() is page and screen.signing
    assert page.title.text() == "ご署名"
    assert page.summary.text() == "お売りいただく端末: iPhone 13 Pro、買取価格 68,000円"
    assert page.declaration.text() == DECLARATION
    assert not page.next_button.isEnabled() and not screen.start_over_button.isVisible()
    assert counter.queue_panel.signature_status.text() == "お客様画面での署名を待っています…"
    sign(page.pad)
    Finger().tap(page.next_button)

    assert screen.current_page() is screen.language_page and not screen.signing
    assert page.pad.is_empty(), "the next customer sees nothing of this signature"
    assert editor.signature is not None and len(editor.signature.strokes) == 2
    assert "署名しました" in counter.queue_panel.signature_status.text()
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)

    entry = in_ledger(counter, lambda ledger: ledger.entry(editor.saved_entry_id))
    assert Signature.from_json(entry.personal.signature) == editor.signature
    assert not any("strokes" in str(value) for value in entry.chain_values())
    path = printed(qtbot, counter.window, entry)
    assert pdf_images(path) == 1
    assert SIGNED_ON_SCREEN in pdf_text(path) and "山田太郎" in pdf_text(path)

    # Three years on, purge erases it; the statement printed again shows the erasure, not the signature.
    later = dt.datetime.now().astimezone() + dt.timedelta(days=3 * 366 + 1)
    in_ledger(counter, lambda ledger: ledger.purge(later.date(), Policy.load(), now=later))
    path = printed(qtbot, counter.window, entry)
    assert pdf_images(path) == 0
    text = pdf_text(path)
    assert ERASED_JA in text and "山田" not in text and SIGNED_ON_SCREEN not in text


@no_pdf_viewer
def test_a_statement_without_a_signature_has_an_empty_box_to_sign_on_paper(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    editor.grade_panel.price.setValue(68000)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    path = printed(qtbot, counter.window, in_ledger(counter, lambda ledger: ledger.entry(editor.saved_entry_id)))
    assert pdf_images(path) == 0
    assert "売主署名" in pdf_text(path) and SIGNED_ON_SCREEN not in pdf_text(path)


def test_a_seller_who_does_not_sign_here_signs_on_paper(qtbot, counter, staff_pin, services):
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)
    sign(screen.signature_page.pad)
    Finger().tap(screen.signature_page.back_button)

    assert screen.current_page() is screen.language_page
    assert editor.signature is None
    assert "署名されませんでした" in counter.queue_panel.signature_status.text()
    assert counter.queue_panel.sign_button.isVisible()


def test_a_screen_left_alone_while_signing_declines(qtbot, counter, staff_pin, services):
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)
    with qtbot.waitSignal(screen.signature_declined):
        screen.idle.expired.emit()
    assert editor.signature is None and screen.current_page() is screen.language_page


def test_staff_may_cancel_the_request(qtbot, counter, staff_pin, services):
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)
    qtbot.mouseClick(counter.queue_panel.cancel_sign_button, Qt.MouseButton.LeftButton)
    assert screen.current_page() is screen.language_page and not screen.signing
    assert editor.signature is None and counter.queue_panel.signature_status.text() == ""


def test_the_signature_holds_for_the_price_it_was_given_for(qtbot, counter, staff_pin, services):
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)
    sign(screen.signature_page.pad)
    Finger().tap(screen.signature_page.next_button)
    editor.grade_panel.price.setValue(60000)
    editor.confirm()
    assert editor.saved_entry_id is None and not editor.saving
    assert editor.grade_panel.status.text() == "署名の後で買取価格が変わりました。もう一度署名を依頼してください。"


def test_there_is_nothing_to_sign_without_a_phone(qtbot, counter, staff_pin):
    screen = open_customer_screen(counter, staff_pin)
    qtbot.waitUntil(counter.queue_panel.isVisible)
    ask_for_signature(qtbot, counter)
    assert screen.current_page() is screen.language_page and not screen.signing
    assert "カード" in counter.queue_panel.signature_status.text()


def test_only_a_priced_purchase_is_signed_for(qtbot, counter, staff_pin, services):
    _editor, screen = priced_phone(qtbot, counter, services, staff_pin, price=0)
    ask_for_signature(qtbot, counter)
    assert screen.current_page() is screen.language_page and not screen.signing
    assert "買取価格" in counter.queue_panel.signature_status.text()


def test_a_signature_after_the_intake_was_recorded_is_not_kept(qtbot, counter, staff_pin, services):
    editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    ask_for_signature(qtbot, counter)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    sign(screen.signature_page.pad)
    Finger().tap(screen.signature_page.next_button)
    assert editor.signature is None
    assert "先に受付が記録された" in counter.queue_panel.signature_status.text()


@pytest.mark.parametrize("language", [Language.JAPANESE, Language.ENGLISH])
def test_the_signature_page_fits_a_1366_by_768_screen(qtbot, counter, staff_pin, services, language):
    _editor, screen = priced_phone(qtbot, counter, services, staff_pin)
    screen.resize(1366, 768)
    ask_for_signature(qtbot, counter)
    if language is Language.ENGLISH:
        Finger().tap(screen.language_button)
    sign(screen.signature_page.pad)
    QApplication.processEvents()
    page = screen.signature_page
    assert page.title.text() == ("ご署名" if language is Language.JAPANESE else "Your signature")
    for widget in [*page.findChildren(QAbstractButton), *page.findChildren(QLabel)]:
        if widget.isVisible():
            bottom = widget.mapTo(screen, widget.rect().bottomLeft()).y()
            assert bottom <= screen.height(), f"{widget.text()!r} is cut off"
            if isinstance(widget, QLabel) and widget.wordWrap():
                assert widget.height() >= widget.heightForWidth(widget.width()), f"{widget.text()!r} is cut short"
    assert page.pad.height() >= 200 and page.pad.width() >= 900
