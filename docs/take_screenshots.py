"""Regenerate the screenshots in docs/screenshots/ (1366×768; Japanese, and English as *_en.png).

    xvfb-run -a python3 docs/take_screenshots.py

The purchase statement's first page is rendered with pdftoppm (poppler-utils) when it is installed.

Most screens use the scripted phones of the GUI tests, so every run shows the
same screens; ``demo.png`` is ``kiosk --demo`` itself, with simulated phones read
through the real device services. The ledger lives in a temporary folder.

The customer screen is walked by taps, as a customer would, and the number of
taps to a ticket is printed. Then the seller signs on it, and the statement
with that signature is rendered too (``statement_signed.png``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from device_probes.sim.phones import DEMO_PHONES, SimulatedPhones  # noqa: E402
from kiosk.counter import record_intake  # noqa: E402
from kiosk.catalogue import search  # noqa: E402
from kiosk.intake import Carrier, IdMethod, RestrictionMark, Wear, intake_from_json  # noqa: E402
from kiosk.paths import resource  # noqa: E402
from kiosk.settings import ShopSettings  # noqa: E402
from kiosk.staff_pin import StaffPin, set_pin  # noqa: E402
from kiosk.tickets import PhoneKind  # noqa: E402
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json  # noqa: E402
from tests.gui.customer_steps import ANSWERS, Finger, sign  # noqa: E402
from tests.gui.scripted import ScriptedService, phone_facts  # noqa: E402
from ui.app import CounterApp, device_services, prepare_application  # noqa: E402
from ui.condition_form import QUESTIONS  # noqa: E402
from ui.customer.window import IDLE_SECONDS  # noqa: E402
from ui.i18n import Language  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
SHOP = ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1", licence_commission="東京都公安委員会",
                    licence_number="301234567890", phone="03-1234-5678", staff=("佐藤", "田中"))


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


#: Appended to each file name: "" for the Japanese UI, "_en" for the English one.
suffix = ""


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = OUT / name.replace(".png", f"{suffix}.png")
    widget.grab().save(str(path))
    print(path)


def statement_pdf(app: QApplication, window, entry_id: int, counter) -> Path:
    """The entry's statement as the window writes it (off the GUI thread), once it is written."""
    written: list[Path] = []
    window.statements.written.connect(written.append)
    window.print_statement(counter.ledger.submit(lambda ledger: ledger.entry(entry_id)).result())
    while not written:
        settle(app, 0.05)
    window.statements.written.disconnect(written.append)
    return written[0]


def render_page(pdf: Path, name: str) -> None:
    """The PDF's first page as a picture, when pdftoppm (poppler-utils) is there."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(OUT / name)], check=True)
        print(OUT / f"{name}.png")


def fill_buy(editor) -> None:
    editor.mark_entry.set_carrier(Carrier.DOCOMO)
    editor.mark_entry.set_mark(RestrictionMark.CLEAR)
    for name in QUESTIONS:
        editor.condition_form.answer(name, name == "powers_on")
    editor.condition_form.set_wear(Wear.A)
    editor.facts_view.color.setText("シエラブルー")
    editor.facts_view.capacity.setText("256GB")
    form = editor.seller_form
    form.name.setText("山田 太郎")
    form.address.setText("東京都千代田区外神田1-1-1")
    form.occupation.setText("会社員")
    form.date_of_birth.setText("1990-04-01")
    form.id_method.setCurrentIndex(form.id_method.findData(IdMethod.DRIVERS_LICENSE.value))
    form.id_number.setText("123456789012")
    editor.grade_panel.staff_name.setText("佐藤")


def main() -> int:
    global suffix
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    translations = prepare_application(app)
    for language, language_suffix in ((Language.JAPANESE, ""), (Language.ENGLISH, "_en")):
        suffix = language_suffix  # read by save()
        translations.switch_to(language)
        ios, android = ScriptedService("ios"), ScriptedService("android")
        with tempfile.TemporaryDirectory() as data:
            SHOP.save(Path(data))
            counter = CounterApp(Path(data), {"ios": ios, "android": android}, translations)
            window = counter.window
            window.resize(*SIZE)
            window.show()
            counter.start()
            try:
                take_all(app, counter, ios, android)
            finally:
                counter.shutdown()
        with tempfile.TemporaryDirectory() as data:
            set_pin(Path(data), "2580")
            SHOP.save(Path(data))
            ios, android = ScriptedService("ios"), ScriptedService("android")
            counter = CounterApp(Path(data), {"ios": ios, "android": android}, translations)
            counter.add_customer_screen(StaffPin.load(Path(data)), IDLE_SECONDS)
            try:
                take_customer(app, counter, ios, language)
            finally:
                counter.shutdown()
    translations.switch_to(Language.JAPANESE)
    suffix = ""
    with tempfile.TemporaryDirectory() as data, SimulatedPhones() as phones:
        counter = CounterApp(Path(data), device_services(Path(data)), translations)
        try:
            take_demo(app, counter, phones)
        finally:
            counter.shutdown()
    return 0


def take_demo(app, counter, phones) -> None:
    window = counter.window
    counter.add_demo_panel(phones)
    window.resize(*SIZE)
    window.show()
    counter.start()
    deadline = time.monotonic() + 30
    view = window.counter
    while time.monotonic() < deadline and not (
            len(view.cards) == len(DEMO_PHONES) and all(
                view.facts_of(key) is not None and view.facts_of(key).state.value == "ready" for key in view.cards)):
        settle(app, 0.1)
    save(app, window, "demo.png")


def take_all(app, counter, ios, android) -> None:
    window = counter.window
    view = window.counter
    staff = window.choose_staff()
    save(app, staff, "staff_chooser.png")
    staff.choose("佐藤")
    with resource("price_table_example.csv").open("rb") as example, tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "price_table_example.csv"
        table.write_bytes(example.read())
        window.import_price_table(table)
    save(app, window, "counter_empty.png")

    for extra in ({"seller.name": "鈴木 花子", "device.imei": [OTHER_IMEI], "staff.restriction_mark": "△",
                   "price_yen": 52000},
                  {"staff.condition.screen_cracked": True, "price_yen": 30000}):
        counter.ledger.submit(lambda ledger, extra=extra: record_intake(
            intake_from_json(intake_json(**extra), for_record=True), counter.policy, ledger)).result()

    iphone = ios.plug(phone_facts("00008110-000A1B2C3D4E5F61"))
    ios.plug(phone_facts("00008101-001A2B3C4D5E6F04", state="pairing_pending", model_name="iPhone 12",
                         model_code="iPhone13,2", imei=[], lock="unknown", battery=None,
                         hardware_serial=None, provenance={"model_code": "device"}))
    galaxy = android.plug(phone_facts("R3CR40ABCDE", platform="android", manufacturer="samsung",
                                      model_name="SC-51B", model_code="SC-51B", imei=["352098765432107"],
                                      battery={"health_percent": 78, "method": "Samsung ASOC", "measured_by": "samsung_check"}))
    pixel = android.plug(phone_facts("39071FDH2001ZK", platform="android", manufacturer="Google",
                                     model_name="Pixel 8", model_code="Pixel 8", lock="on",
                                     imei=["354678123456787"]))
    settle(app, 0.5)
    android.unplug(galaxy)
    settle(app)

    view.select(iphone)
    fill_buy(view.editor_for(iphone))
    save(app, window, "counter_grading.png")

    view.select(pixel)
    editor = view.editor_for(pixel)
    fill_buy(editor)
    editor.mark_entry.set_carrier(None)
    editor.seller_form.suspected_theft.setChecked(True)
    settle(app)
    editor.grade_panel.police_report.setChecked(True)
    editor.grade_panel.police_report.station.setText("万世橋警察署")
    save(app, window, "counter_refuse_police_report.png")

    view.select(galaxy)
    save(app, window, "counter_unplugged.png")

    view.select(iphone)
    saved = view.editor_for(iphone)
    saved.confirm()
    while saved.saved_entry_id is None:  # the ledger worker writes it; the window says so when it is on disk
        settle(app, 0.05)
    save(app, window, "counter_saved.png")
    statement = statement_pdf(app, window, saved.saved_entry_id, counter)
    if not suffix:
        render_page(statement, "statement")

    manual = view.start_manual_intake()
    manual.manual.model_search.setText("13")
    manual.manual._search("13")
    save(app, window, "counter_manual_search.png")
    manual.manual.choose(search("iPhone14,5")[0])
    manual.manual.imei_fields[0].setText("35209900176148")
    manual.manual._show_imei_problem()
    save(app, window, "counter_manual_imei.png")

    settings = window.open_settings()
    save(app, settings, "shop_settings.png")
    settings.close()

    editor = view.editor_for(pixel)
    view.select(pixel)
    editor.seller_form.name.setText("田中 一郎")
    window.request_quit()
    save(app, window._quit_question, "quit_question.png")
    window._quit_question.close()

    window.tabs.setCurrentWidget(window.day_log)
    window.day_log.refresh()
    save(app, window, "day_log.png")

    window.day_log.open_entry(0)  # read through the ledger worker; the dialog opens when it answers
    while window.day_log.dialog is None:
        settle(app, 0.05)
    dialog = window.day_log.dialog
    save(app, dialog, "day_log_entry.png")
    dialog.close()

    hotlist = window.hotlist
    window.tabs.setCurrentWidget(hotlist)
    hotlist.station.setText("万世橋警察署")
    hotlist.number.setText("R8-1127")
    hotlist.imeis.setPlainText(f"{GOOD_IMEI}\n{OTHER_IMEI}\n35-693803-564380-9")
    hotlist.model.setText("Galaxy S21 5G")
    hotlist.colour.setText("ファントムグレー")
    hotlist.features.setText("背面右下に擦り傷")
    hotlist.add()
    settle(app, 1.0)
    save(app, window, "hotlist.png")
    window.tabs.setCurrentWidget(window.day_log)

    export = window.open_export()
    export.path.setText(str(Path(tempfile.gettempdir()) / "ledger-export.csv"))
    export.start_export()
    settle(app, 1.0)
    save(app, export, "export.png")
    export.close()


def take_customer(app, counter, ios, language) -> None:
    screen = counter.customer_window
    screen.present(None)
    screen.resize(*SIZE)
    finger = Finger()
    save(app, screen, "customer_language.png")
    finger.tap(screen.language_page.buttons[language])
    save(app, screen, "customer_kind.png")
    finger.tap(screen.kind_page.choice.buttons[PhoneKind.IPHONE])
    save(app, screen, "customer_question.png")
    for page in screen.question_pages:
        finger.tap(page.choice.buttons[ANSWERS[page.name]])
    save(app, screen, "customer_before_you_sell.png")
    finger.tap(screen.before_page.next_button)
    finger.type_digits(screen.contact_page.keypad, "09012345678")
    save(app, screen, "customer_callback_number.png")
    finger.tap(screen.contact_page.next_button)
    save(app, screen, "customer_consent.png")
    finger.tap(screen.consent_page.next_button)
    save(app, screen, "customer_ticket.png")
    print(f"customer screen: a ticket after {finger.taps} taps, 11 of them the callback number")

    finger.tap(screen.ticket_page.next_button)
    finger.tap(screen.language_page.buttons[language])
    # The countdown as the idle timer shows it in its last seconds (waiting 75 s adds nothing).
    screen.idle.warning.emit(12)
    save(app, screen, "customer_idle_warning.png")
    finger.tap(screen.staff_button)
    finger.type_digits(screen.pin_page.keypad, "1234")
    finger.tap(screen.pin_page.next_button)
    save(app, screen, "customer_staff_pin.png")
    finger.tap(screen.pin_page.back_button)

    window = counter.window
    window.resize(*SIZE)
    window.show()
    counter.start()
    ios.plug(phone_facts())
    settle(app, 0.5)
    settle(app)
    save(app, window, "customer_counter_queue.png")
    counter.queue_panel.open_ticket(1)
    form = window.counter.current_editor().condition_form
    form.answer("powers_on", True)
    form.answer("screen_cracked", True)
    save(app, window, "customer_counter_declared.png")

    # The seller of the phone, graded and priced, signs on the customer screen.
    editor = window.counter.current_editor()
    fill_buy(editor)
    editor.grade_panel.price.setValue(68000)
    settle(app)
    counter.queue_panel.request_signature()
    page = screen.signature_page
    if language is Language.ENGLISH:
        finger.tap(screen.language_button)
    settle(app)
    sign(page.pad)
    save(app, screen, "customer_signature.png")
    finger.tap(page.next_button)
    save(app, window, "customer_counter_signed.png")
    editor.confirm()
    while editor.saved_entry_id is None:
        settle(app, 0.05)
    statement = statement_pdf(app, window, editor.saved_entry_id, counter)
    if language is Language.JAPANESE:
        render_page(statement, "statement_signed")


if __name__ == "__main__":
    sys.exit(main())
