"""The book on paper: a PDF of a date range, read back as text the way an officer's PC would read it."""

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest

from kiosk.grading import Policy
from kiosk.ledger import ERASED_JA, open_ledger
from kiosk.settings import ShopSettings
from tests.factories import GOOD_IMEI, OTHER_IMEI
from tests.police_helpers import record_on
from ui.book_pdf import BookHeader, ideographs_as_text, write_book_pdf

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SHOP = ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1", licence_commission="東京都公安委員会",
                    licence_number="301234567890", phone="03-1234-5678")
FIRST, LAST = dt.date(2022, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture
def book_ledger(isolated_data_dir):
    """山田's purchase of 2022 erased after 3 years; 鈴木's of 2026, corrected the next day."""
    isolated_data_dir.mkdir()
    SHOP.save(isolated_data_dir)
    with open_ledger(isolated_data_dir / "ledger.sqlite3") as ledger:
        record_on(ledger, dt.date(2022, 5, 10), **{"seller.name": "山田 太郎"})
        bought = record_on(ledger, dt.date(2026, 3, 2), price_yen=50000,
                           **{"seller.name": "鈴木 花子", "device.imei": [OTHER_IMEI],
                              "device.hardware_serial": "DNPXK1ZZZZZZ"})
        record_on(ledger, dt.date(2026, 3, 3), corrects=bought.id, price_yen=45000,
                  **{"seller.name": "鈴木 花子", "device.imei": [OTHER_IMEI], "device.hardware_serial": "DNPXK1ZZZZZZ"})
        assert ledger.purge(dt.date(2023, 1, 1), Policy.load(), now=dt.datetime(2026, 6, 1, 9).astimezone())
    return isolated_data_dir / "ledger.sqlite3"


def pdf_text(path: Path) -> list[str]:
    """Each page's text without white space: pypdf breaks lines wherever a cell wraps."""
    return [compact(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def compact(text: str) -> str:
    return "".join(text.split())


def test_the_book_shows_the_shop_the_phones_the_sellers_corrections_and_erasures(qapp, book_ledger, tmp_path):
    out = tmp_path / "book.pdf"
    with open_ledger(book_ledger, read_only=True) as ledger:
        pages = write_book_pdf(out, ledger.entries_between(FIRST, LAST), ledger.corrections_between(FIRST, LAST),
                               BookHeader(SHOP, FIRST, LAST, dt.datetime(2026, 12, 1, 10).astimezone()))
    assert pages == 1
    (text,) = pdf_text(out)
    for words in ("古物台帳", "スマホ買取 秋葉原店", "東京都公安委員会 第301234567890号", GOOD_IMEI, OTHER_IMEI,
                  "鈴木 花子", "DNPXK1ZZZZZZ", ERASED_JA, "訂正済(台帳番号 3)", "1 / 1 ページ", "台帳番号 1〜3"):
        assert compact(words) in text
    assert "山田" not in text  # erased: the book shows that it was, not what it was
    page = pypdf.PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)  # A4 landscape
    fonts = {font["/BaseFont"] for font in _fonts(page)}
    assert any("NotoSansCJK" in name for name in fonts)
    assert all("/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in _fonts(page))


def _fonts(page):
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def test_a_long_range_runs_over_pages_each_numbered_with_its_entries(qapp, isolated_data_dir, tmp_path):
    isolated_data_dir.mkdir()
    with open_ledger(isolated_data_dir / "ledger.sqlite3") as ledger:
        for number in range(60):
            record_on(ledger, dt.date(2026, 3, 1) + dt.timedelta(days=number % 20), **{"seller.name": f"売主 {number}"})
        out = tmp_path / "book.pdf"
        pages = write_book_pdf(out, ledger.entries_between(FIRST, LAST), {},
                               BookHeader(ShopSettings(), FIRST, LAST, dt.datetime.now().astimezone()))
    texts = pdf_text(out)
    assert pages == len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert f"{number}/{pages}ページ" in text and "古物商許可番号:(未設定)" in text
    assert "台帳番号1〜" in texts[0] and "〜60" in texts[-1]


def test_radicals_in_the_text_map_become_the_ideographs_they_stand_for():
    cmap = b"begincmap\n<0001> <0002> [<2F65> <7530>]\n<0003> <2027>\nendcmap"
    fixed = ideographs_as_text(b"%PDF stream <2F65> " + cmap)
    assert fixed.startswith(b"%PDF stream <2F65> ")  # outside a ToUnicode map nothing changes
    assert b"[<7530> <7530>]" in fixed and len(fixed) == len(b"%PDF stream <2F65> " + cmap)
    assert unicodedata.normalize("NFKC", "\u2f65") == "田"


def test_kiosk_ledger_print_writes_the_pdf_from_the_command_line(book_ledger, tmp_path):
    out = tmp_path / "book.pdf"
    done = subprocess.run([sys.executable, "-m", "intake_kiosk", "ledger", "print", "--from", "2026-03-01", "--to",
                           "2026-03-31", "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "2 entries" in done.stderr and "1 pages" in done.stderr
    (text,) = pdf_text(out)
    assert "鈴木花子" in text and GOOD_IMEI not in text
    refused = subprocess.run([sys.executable, "-m", "intake_kiosk", "ledger", "print", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--out", str(book_ledger)], capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1 and "ledger's own files" in refused.stderr
