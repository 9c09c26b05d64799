"""The price table: imported from CSV or Excel as a version, a suggested price with its breakdown, overrides."""

import datetime as dt
import json

import openpyxl
import pytest

from kiosk.counter import grade_intake, record_intake
from kiosk.grading import Policy
from kiosk.intake import IntakeError, intake_from_json
from kiosk.ledger import open_ledger
from kiosk.paths import LEDGER_FILENAME, resource
from kiosk.pricing import (
    TABLE_FILENAME, VERSIONS_DIRNAME, PriceTable, PriceTableError, import_table, price_intake, read_rows,
)
from tests.factories import intake_json
from tests.test_cli import kiosk
from tests.test_ledger import tamper, verify

HEADER = "model,capacity,S,A,B,C,junk_wifi,junk_parts,deduct_instalments,deduct_battery,deduct:箱なし"
ROW = "iPhone 13 Pro,256GB,80000,76000,70000,52000,22000,10000,10%,5000,1000"


def write_csv(tmp_path, text, encoding="utf-8", name="prices.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def table(tmp_path):
    return import_table(write_csv(tmp_path, f"{HEADER}\n{ROW}\n"), tmp_path / "data", dt.datetime(2026, 12, 1, 9, 0))


def suggestion_for(table, tmp_path, **changes):
    intake = intake_from_json(intake_json(**changes))
    with open_ledger(tmp_path / LEDGER_FILENAME) as ledger:
        grade = grade_intake(intake, Policy.load(), ledger)
    return price_intake(table, intake, grade)


def test_the_shipped_example_table_imports(tmp_path):
    example = tmp_path / "example.csv"
    example.write_bytes(resource("price_table_example.csv").read_bytes())
    table = import_table(example, tmp_path / "data")
    assert {"iPhone 13 Pro", "iPhone 15", "SC-51B", "Pixel 8"} <= {row.model for row in table.rows}


def test_an_import_is_a_version_kept_by_its_hash(table, tmp_path):
    data = tmp_path / "data"
    assert len(table.version) == 12
    assert table.imported_at.startswith("2026-12-01T09:00:00")
    assert PriceTable.load(data) == table
    assert json.loads((data / VERSIONS_DIRNAME / f"{table.version}.json").read_text())["version"] == table.version
    again = import_table(write_csv(tmp_path, f"{HEADER}\n{ROW.replace('76000', '75000')}\n"), data)
    assert again.version != table.version
    assert (data / VERSIONS_DIRNAME / f"{table.version}.json").exists()
    assert PriceTable.load(data).version == again.version


def test_cp932_csv_and_japanese_headers_read_the_same(tmp_path):
    japanese = "機種,容量,S,A,B,C,ジャンクWi-Fi,ジャンクパーツ,減額:△,減額:バッテリー,減額:箱なし\n" + ROW + "\n"
    assert read_rows(write_csv(tmp_path, japanese, "cp932")) == read_rows(write_csv(tmp_path, f"{HEADER}\n{ROW}\n",
                                                                                     name="utf8.csv"))


def test_an_excel_table_reads_like_the_csv(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([int(cell) if cell.isdigit() else cell for cell in ROW.split(",")])
    book.save(tmp_path / "prices.xlsx")
    assert read_rows(tmp_path / "prices.xlsx") == read_rows(write_csv(tmp_path, f"{HEADER}\n{ROW}\n"))


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("capacity,S\n128GB,1000\n", "no 'model'"),
    (f"{HEADER}\n", "no price rows"),
    (f"{HEADER}\niPhone 13 Pro,256GB,eighty,,,,,,,,\n", "row 2, S: 'eighty' is not whole yen"),
    (f"{HEADER}\niPhone 13 Pro,256GB,80000,,,,,,150%,,\n", "row 2, deduct:instalments"),
])
def test_a_bad_table_is_refused_naming_row_and_column(tmp_path, text, message):
    with pytest.raises(PriceTableError, match=message):
        read_rows(write_csv(tmp_path, text))


def test_a_good_phone_gets_its_rank_price(table, tmp_path):
    suggestion = suggestion_for(table, tmp_path)
    assert suggestion.price_yen == 76000
    assert [line.yen for line in suggestion.lines] == [76000]
    assert suggestion.lines[0].ja == "iPhone 13 Pro 256GB ランクA"


def test_instalments_and_a_worn_battery_are_deducted_in_percent_and_yen(table, tmp_path):
    suggestion = suggestion_for(table, tmp_path, **{"staff.restriction_mark": "△",
                                                    "device.battery.health_percent": 72.0})
    assert [(line.code, line.yen) for line in suggestion.lines] == [
        ("price.A", 76000), ("deduct.instalments", -7600), ("deduct.battery", -5000)]
    assert suggestion.price_yen == 63400


def test_a_deduction_the_shop_named_applies_when_staff_tick_it(table, tmp_path):
    assert [d.name for d in suggestion_for(table, tmp_path).named_deductions] == ["箱なし"]
    suggestion = suggestion_for(table, tmp_path, price_deductions=["箱なし"])
    assert suggestion.price_yen == 75000


def test_a_red_rom_phone_gets_the_wifi_price(table, tmp_path):
    suggestion = suggestion_for(table, tmp_path, **{"staff.restriction_mark": "×"})
    assert suggestion.price_yen == 22000


def test_a_model_not_in_the_table_gets_no_suggestion_and_says_so(table, tmp_path):
    suggestion = suggestion_for(table, tmp_path, **{"staff.capacity": "1TB"})
    assert suggestion.price_yen is None
    assert suggestion.missing[0] == "price.model_not_in_table"
    assert suggestion_for(None, tmp_path).missing[0] == "price.no_table"


def test_recording_a_price_off_the_table_needs_a_reason_and_keeps_it_with_the_version(table, tmp_path):
    data = tmp_path / "data"
    with open_ledger(data / LEDGER_FILENAME) as ledger:
        with pytest.raises(IntakeError, match="^price_override_reason: required"):
            record_intake(intake_from_json(intake_json(), for_record=True), Policy.load(), ledger, table)
        assert ledger.entry(1) is None
        entry, _grade = record_intake(
            intake_from_json(intake_json(price_override_reason="画面に細かい傷"), for_record=True), Policy.load(), ledger,
            table)
        assert (entry.price_table_version, entry.price_override_reason) == (table.version, "画面に細かい傷")
        on_table, _grade = record_intake(intake_from_json(intake_json(price_yen=76000), for_record=True), Policy.load(),
                                         ledger, table)
        assert on_table.price_override_reason is None
        assert ledger.verify().ok


def test_the_price_version_and_reason_are_chained_like_the_price(table, tmp_path):
    path = tmp_path / "data" / LEDGER_FILENAME
    with open_ledger(path) as ledger:
        record_intake(intake_from_json(intake_json(price_override_reason="画面に細かい傷"), for_record=True),
                      Policy.load(), ledger, table)
    assert verify(path).ok
    for column in ("price_override_reason", "price_table_version"):
        copy = tmp_path / f"{column}.sqlite3"
        copy.write_bytes(path.read_bytes())
        tamper(copy, f"UPDATE entries SET {column} = 'x' WHERE id = 1")
        result = verify(copy)
        assert not result.ok and result.bad_entry_id == 1 and "changed" in result.problem


def test_the_cli_imports_and_grade_prints_the_suggestion(tmp_path, isolated_data_dir):
    source = write_csv(tmp_path, f"{HEADER}\n{ROW}\n")
    done = kiosk("price", "import", str(source))
    assert done.returncode == 0, done.stderr
    version = json.loads(done.stdout)["version"]

    graded = json.loads(kiosk("grade", stdin=json.dumps(intake_json(**{"staff.restriction_mark": "△"}))).stdout)
    assert graded["suggested_price_yen"] == 68400
    breakdown = graded["price_breakdown"]
    assert breakdown["table_version"] == version
    assert [line["yen"] for line in breakdown["lines"]] == [76000, -7600]
    assert all(line["ja"] and line["en"] for line in breakdown["lines"])


def test_the_cli_refuses_a_bad_table_naming_the_cell(tmp_path, isolated_data_dir):
    done = kiosk("price", "import", str(write_csv(tmp_path, f"{HEADER}\nX,,abc\n")))
    assert done.returncode == 2
    assert "row 2, S: 'abc' is not whole yen" in done.stderr
    assert not (isolated_data_dir / TABLE_FILENAME).exists()


def test_an_iphone_named_with_its_sales_region_finds_its_row(table, tmp_path):
    suggestion = suggestion_for(table, tmp_path, **{"device.model_name": "iPhone 13 Pro (J/A)",
                                                    "device.model_code": "iPhone14,2"})
    assert suggestion.price_yen == 76000
