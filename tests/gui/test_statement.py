"""The purchase statement: a PDF made by Qt after saving and again from the day log, its text read back."""

import unicodedata

import pypdf
import pytest

from kiosk.settings import ShopSettings
from kiosk.statement import TITLE
from tests.factories import GOOD_IMEI
from tests.gui.conftest import OFFSCREEN_ONLY_WARNING, in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug
from tests.gui.test_day_log import opened, record, refreshed

pytestmark = pytest.mark.gui
# The offscreen platform opens no PDF viewer; the window then says where the file is.
no_pdf_viewer = pytest.mark.qt_log_ignore(r"^This plugin does not support QPlatformServices::openDocument",
                                          OFFSCREEN_ONLY_WARNING)

SHOP = ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1", licence_commission="東京都公安委員会",
                    licence_number="301234567890", phone="03-1234-5678")


def printed(qtbot, window, entry):
    """Ask the window for the entry's statement and wait until the PDF is written (off the GUI thread)."""
    with qtbot.waitSignal(window.statements.written, timeout=20000) as written:
        window.print_statement(entry)
    return written.args[0]


def pdf_text(path):
    """The PDF's text as pypdf extracts it, compared without white space (it splits lines and words
    by position) and NFKC-folded (the font maps some kanji to their Kangxi radical code points)."""
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


@no_pdf_viewer
def test_a_purchase_prints_its_statement_after_saving(qtbot, counter, services):
    counter.window.settings = SHOP
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    editor.grade_panel.price.setValue(68000)
    assert not editor.grade_panel.print_statement.isVisible()
    editor.confirm()
    qtbot.waitUntil(editor.grade_panel.print_statement.isVisible)

    with qtbot.waitSignal(counter.window.counter.statement_requested):
        editor.grade_panel.print_statement.click()

    path = printed(qtbot, counter.window, in_ledger(counter, lambda ledger: ledger.entry(1)))
    text = pdf_text(path)
    for expected in (TITLE, GOOD_IMEI, "東京都公安委員会 第301234567890号", "スマホ買取 秋葉原店", "台帳番号", "通常買取",
                     "68,000円", "山田 太郎", "盗品", "利用目的", "売主署名"):
        assert "".join(expected.split()) in text, expected
    assert "PDFビューアーが開きませんでした" in counter.window.statusBar().currentMessage()


@no_pdf_viewer
def test_the_day_log_prints_the_statement_again(qtbot, counter):
    record(counter)
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    dialog = opened(qtbot, day_log, 0)
    with qtbot.waitSignal(day_log.statement_requested) as requested:
        dialog.statement_button.click()
    path = printed(qtbot, counter.window, requested.args[0])
    assert GOOD_IMEI in pdf_text(path)
    assert "店舗設定" in counter.window.statusBar().currentMessage(), "the shop's licence is not set yet"


def test_a_refused_phone_has_no_statement_to_sign(qtbot, counter):
    record(counter, **{"staff.suspected_theft": True, "price_yen": ...})
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    assert not opened(qtbot, day_log, 0).statement_button.isVisible()


@no_pdf_viewer
def test_a_second_click_while_the_statement_is_drawn_writes_it_once(qtbot, counter, monkeypatch):
    entry = record(counter)
    window = counter.window
    ledger = window.statements._ledger
    reads = []
    real_run = ledger.run
    monkeypatch.setattr(ledger, "run", lambda *args: reads.append(args) or real_run(*args))  # counts, then runs
    with qtbot.waitSignal(window.statements.written) as written:
        window.print_statement(entry)
        window.print_statement(entry)
    assert len(reads) == 1, "the second click started a second write of the same file"
    path = written.args[0]
    assert "山田太郎" in pdf_text(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(path.parent.stat().st_mode & 0o777) == "0o700"
    window.print_statement(entry)  # once written, it may be printed again
    assert len(reads) == 2
