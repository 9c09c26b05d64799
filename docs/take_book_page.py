"""Regenerate docs/screenshots/ledger_book_page.png: the first page of the book on paper (kiosk ledger print).

    python3 docs/take_book_page.py      (needs pdftoppm, from poppler-utils)

A made-up shop and ledger in a temporary folder: purchases over a month, one
corrected, one from a minor with a guardian's consent, one refused and reported
to the police, and one from three years before whose personal data was erased.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.grading import Policy  # noqa: E402
from kiosk.ledger import open_ledger  # noqa: E402
from kiosk.settings import ShopSettings  # noqa: E402
from tests.factories import OTHER_IMEI  # noqa: E402
from tests.police_helpers import record_on  # noqa: E402
from ui.book_pdf import BookHeader, write_book_pdf  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "ledger_book_page.png"
SHOP = ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1 ○○ビル1階",
                    licence_commission="東京都公安委員会", licence_number="301234567890", phone="03-1234-5678")
PIXEL = {"device.platform": "android", "device.manufacturer": "Google", "device.model_name": "Pixel 8",
         "device.model_code": "shiba", "device.imei": [OTHER_IMEI], "device.hardware_serial": "3A071FDH2000AB",
         "staff.color": "オブシディアン", "staff.capacity": "128GB"}


def fill(ledger) -> None:
    record_on(ledger, dt.date(2023, 5, 2), **{"seller.name": "消去 される"})
    ledger.purge(dt.date(2023, 6, 1), Policy.load(), now=dt.datetime(2026, 6, 1, 9).astimezone())
    day = dt.date(2026, 11, 4)
    bought = record_on(ledger, day, **{"seller.name": "山田 太郎"})
    record_on(ledger, day, hour=13, price_yen=21000, **{**PIXEL, "seller.name": "佐々木 陽菜", "seller.occupation": "学生",
                                                        "seller.date_of_birth": "2010-02-11",
                                                        "seller.guardian": {"consent_method": "written",
                                                                            "name": "佐々木 真一",
                                                                            "relationship": "父",
                                                                            "contact": "090-1234-5678"}})
    record_on(ledger, day + dt.timedelta(days=1), corrects=bought.id, price_yen=64000,
              **{"seller.name": "山田 太郎"})
    record_on(ledger, day + dt.timedelta(days=2), **{
        **PIXEL, "device.imei": ["356938035643809"], "device.hardware_serial": "3A071FDH2000CD",
        "staff.suspected_theft": True, "seller.name": "田中 一郎", "seller.address": "埼玉県さいたま市浦和区1-2-3",
        "police_report": {"reported_at": "2026-11-06T15:00", "station": "万世橋警察署"}})
    for number in range(6):
        record_on(ledger, day + dt.timedelta(days=3 + number), price_yen=30000 + 1000 * number,
                  **{"seller.name": f"鈴木 {'一二三四五六'[number]}郎", "device.imei": [_imei(number)],
                     "device.hardware_serial": f"F2LXK0ABC{number:03d}"})


def _imei(number: int) -> str:
    from stdnum import luhn

    body = f"35209900{number + 100:06d}"
    return body + luhn.calc_check_digit(body)


def main() -> None:
    app = QGuiApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        with open_ledger(Path(folder) / "ledger.sqlite3") as ledger:
            fill(ledger)
            first, last = dt.date(2023, 5, 1), dt.date(2026, 11, 30)
            pdf = Path(folder) / "book.pdf"
            write_book_pdf(pdf, ledger.book_between(first, last), ledger.corrections_between(first, last),
                           BookHeader(SHOP, first, last, dt.datetime(2026, 12, 1, 10, 0).astimezone()))
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT.with_suffix(""))], check=True)
    del app
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
