"""The police's side of the book on a million-entry ledger: search, the book on paper, 品触れ checks.

Prints each time, its budget (DESIGN §8, issue "The police's side of the book"),
and where a bare query of the same rows makes sense, the ratio to that floor
measured in the same run (this machine is noisy):

  search by IMEI, all dates          budget 20 ms    floor: the indexed SELECT of the ids
  search by name, all dates          budget 300 ms   floor: a bare count of the matching name keys (one scan)
  PDF of one day (1,000 entries)     budget 5 s
  one intake against 10,000 notice items, all active
                                     budget 5 ms     floor: the indexed SELECT of the candidate items

    python bench/police.py [--entries 1000000] [--per-day 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stdnum import luhn  # noqa: E402

from kiosk.grading import Policy, grade  # noqa: E402
from kiosk.hotlist import PhoneIdentity, add_notices, check_phone, notice_from_json  # noqa: E402
from kiosk.intake import intake_from_json  # noqa: E402
from kiosk.ledger import open_ledger  # noqa: E402
from kiosk.ledger.entry import PersonalData, PersonalRow, sealed_entry  # noqa: E402
from kiosk.ledger.records import intake_values, personal_data  # noqa: E402
from kiosk.ledger.search import SearchField, SearchQuery  # noqa: E402
from kiosk.ledger.storage import ChainHead  # noqa: E402
from kiosk.settings import ShopSettings  # noqa: E402
from tests.factories import intake_json  # noqa: E402

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "ヤマダ", "ｽｽﾞｷ"]
GIVEN = ["太郎", "花子", "一郎", "陽菜", "蓮", "結衣", "ハルト", "ﾕｲ"]


def imei_of(number: int) -> str:
    body = f"35{number:012d}"
    return body + luhn.calc_check_digit(body)


def build(path: Path, entries: int, per_day: int) -> tuple[dt.date, dt.date]:
    """Fill a ledger with the real entry and personal-row code, one transaction; return the first and last day."""
    intake = intake_from_json(intake_json(), for_record=True)
    result = grade(intake, Policy.load(), [], dt.date.today())
    base_personal = personal_data(intake) or PersonalData()
    first = dt.date.today() - dt.timedelta(days=entries // per_day)
    with open_ledger(path) as ledger:
        store = ledger.store
        with store.writing() as write:
            previous = write.head().last_hash
            for number in range(1, entries + 1):
                if (number - 1) % per_day == 0:
                    day = first + dt.timedelta(days=(number - 1) // per_day)
                    values = intake_values(intake, result, dt.datetime.combine(day, dt.time(10)).astimezone(),
                                           store.counter)
                name = f"{SURNAMES[number % len(SURNAMES)]} {GIVEN[(number // 7) % len(GIVEN)]}"
                personal = PersonalRow.sealed(number, base_personal._replace(seller_name=name))
                entry = sealed_entry({**values, "id": number, "prev_hash": previous, "imei1": imei_of(number),
                                      "hardware_serial": f"F{number:011d}", "personal_commitment": personal.commitment})
                write.insert(entry, personal)
                previous = entry.entry_hash
            write.set_head(ChainHead(entries, previous))
    return first, first + dt.timedelta(days=(entries - 1) // per_day)


def add_hotlist(path: Path, items: int) -> None:
    """Notices received in the last 6 months naming ``items`` items: IMEIs, serials and models."""
    today = dt.date.today()
    drafts = []
    for notice in range(items // 100):
        listed = []
        for item in range(100):
            number = 900_000_000 + notice * 100 + item
            listed.append({"imei": imei_of(number)} if item % 3 == 0 else
                          {"serial": f"S{number:011d}"} if item % 3 == 1 else
                          {"model": f"Galaxy A{item}", "colour": "ブラック", "features": "背面に傷"})
        drafts.append(notice_from_json({"received_on": (today - dt.timedelta(days=notice % 170)).isoformat(),
                                        "station": "万世橋警察署", "number": f"B-{notice}", "items": listed}))
    with open_ledger(path) as ledger:
        add_notices(ledger, drafts)


def timed(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def report(label: str, seconds: float, budget: float, floor: float | None = None) -> None:
    ratio = f", {seconds / floor:.2f} × the floor ({floor * 1000:.2f} ms)" if floor else ""
    verdict = "within" if seconds <= budget else "OVER"
    print(f"{label}: {seconds * 1000:.2f} ms (budget {budget * 1000:.0f} ms: {verdict}){ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--notice-items", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent, help="where the scratch ledger goes")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="police-bench-") as folder:
        path = Path(folder) / "ledger.sqlite3"
        began = time.perf_counter()
        first, last = build(path, args.entries, args.per_day)
        add_hotlist(path, args.notice_items)
        print(f"built {args.entries:,} entries over {first} to {last} and {args.notice_items:,} notice items "
              f"in {time.perf_counter() - began:.0f} s")

        with open_ledger(path, read_only=True) as ledger:
            conn = ledger.store.conn
            wanted = imei_of(args.entries // 2)
            by_imei = SearchQuery.of(SearchField.IMEI, wanted)
            assert [entry.imei1 for entry in ledger.find(by_imei)] == [wanted]
            floor = timed(50, lambda: conn.execute("SELECT id FROM entries WHERE imei1 = ? OR imei2 = ?",
                                                   [wanted, wanted]).fetchall())
            report("search by IMEI, all dates", timed(50, lambda: ledger.find(by_imei)), 0.020, floor)

            by_name = SearchQuery.of(SearchField.NAME, "やまだ 花子")
            found = ledger.find(by_name)
            floor = timed(7, lambda: conn.execute("SELECT count(*) FROM seller_names WHERE instr(name_key, ?) > 0",
                                                  [by_name.text]).fetchall())
            report(f"search by name, all dates ({len(found)} found; a search returns at most 1,000)",
                   timed(7, lambda: ledger.find(by_name)), 0.300, floor)
            nobody = SearchQuery.of(SearchField.NAME, "該当者なし")
            assert ledger.find(nobody) == []
            report("search by name, all dates, nobody found (every name key read)",
                   timed(7, lambda: ledger.find(nobody)), 0.300, floor)

            from PySide6.QtGui import QGuiApplication

            from ui.book_pdf import BookHeader, write_book_pdf

            app = QGuiApplication([])
            shop = ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1",
                                licence_commission="東京都公安委員会", licence_number="301234567890")
            day = first + dt.timedelta(days=(last - first).days // 2)
            pdf = Path(folder) / "book.pdf"

            def print_day() -> None:
                write_book_pdf(pdf, ledger.book_between(day, day), ledger.corrections_between(day, day),
                               BookHeader(shop, day, day, dt.datetime.now().astimezone()))

            seconds = timed(3, print_day)
            report(f"PDF of one day ({args.per_day:,} entries, {pdf.stat().st_size / 1024:.0f} KiB)", seconds, 5.0)
            del app

            today = dt.date.today()
            intake = intake_from_json(intake_json(**{"device.model_name": "Galaxy A5", "device.model_code": "SC-56B",
                                                     "staff.color": "ブラック", "device.imei": [imei_of(900_000_300)]}))
            phone = PhoneIdentity.of_intake(intake)
            matches = check_phone(ledger, phone, today)
            assert {match.kind.value for match in matches} == {"exact", "possible"}, len(matches)
            floor = timed(200, lambda: conn.execute(
                "SELECT notice_id, position FROM notice_items WHERE imei IN (?) OR serial = ? OR model_key IN (?)",
                [phone.imeis[0], phone.serial, phone.model_keys[0]]).fetchall())
            report(f"one intake against {args.notice_items:,} active notice items, its model named in every "
                   f"notice ({len(matches)} matches)", timed(200, lambda: check_phone(ledger, phone, today)), 0.005,
                   floor)
            clean = PhoneIdentity.of_intake(intake_from_json(intake_json()))
            assert check_phone(ledger, clean, today) == []
            report(f"one intake against {args.notice_items:,} active notice items, no match",
                   timed(200, lambda: check_phone(ledger, clean, today)), 0.005)


if __name__ == "__main__":
    main()
