"""A shop's id_documents.json: it adds kinds and renames built-in ones, and never relaxes the law."""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.export import export_day
from kiosk.grading import Policy
from kiosk.id_documents import IdDocumentsError, IdMethod, bundled_id_documents, load_id_documents
from kiosk.intake import IntakeError, intake_from_json
from kiosk.ledger import open_ledger
from kiosk.counter import record_intake
from tests.factories import intake_json

SPECIAL_PERMANENT_RESIDENT = {
    "special_permanent_resident": {
        "ja": "特別永住者証明書", "en": "Special permanent resident certificate",
        "proves": ["name", "address", "date_of_birth", "photo"], "number": "record",
    },
}


def shop_file(data_dir: Path, table: object) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "id_documents.json"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    return path


def load_id_documents_from(table: object):
    with tempfile.TemporaryDirectory() as folder:
        shop_file(Path(folder), table)
        return load_id_documents(Path(folder))


def run(capsys, monkeypatch, *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_without_a_shop_file_the_table_is_the_bundled_one(tmp_path):
    assert load_id_documents(tmp_path) is bundled_id_documents()
    assert list(load_id_documents(tmp_path)) == list(IdMethod)


def test_a_shop_kind_is_recorded_and_exported_by_its_name(capsys, monkeypatch, isolated_data_dir, tmp_path):
    shop_file(isolated_data_dir, SPECIAL_PERMANENT_RESIDENT)
    check = {"method": "special_permanent_resident", "document_number": "AB1234567"}
    status, out, err = run(capsys, monkeypatch, "record",
                           stdin=json.dumps(intake_json(**{"staff.id_check": check}), ensure_ascii=False).encode())
    assert status == 0, err
    day = json.loads(out)["recorded_at"][:10]
    csv_path = tmp_path / "day.csv"
    status, _out, err = run(capsys, monkeypatch, "export", "--date", day, "--out", str(csv_path))
    assert status == 0, err
    assert "特別永住者証明書 AB1234567" in csv_path.read_text(encoding="utf-8-sig")
    status, _out, err = run(capsys, monkeypatch, "ledger", "verify")
    assert status == 0, err


def test_a_shop_kind_is_unknown_without_the_shop_file(capsys, monkeypatch, isolated_data_dir):
    check = {"method": "special_permanent_resident", "document_number": "AB1234567"}
    status, out, err = run(capsys, monkeypatch, "record",
                           stdin=json.dumps(intake_json(**{"staff.id_check": check})).encode())
    assert (status, out) == (2, "")
    assert "staff.id_check.method: 'special_permanent_resident' is not one of drivers_license" in err
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_a_shop_kind_follows_its_number_rule():
    documents = load_id_documents_from({"kanji_card": {"ja": "漢字カード", "en": "Kanji card", "proves": ["name"],
                                                       "number": "never", "never_ja": "番号は記録しません",
                                                       "never_en": "its number is not kept"}})
    data = intake_json(**{"staff.id_check": {"method": "kanji_card", "document_number": "1"}})
    with pytest.raises(IntakeError, match="staff.id_check.document_number: not allowed for kanji_card"):
        intake_from_json(data, documents=documents)


def test_a_shop_renames_a_built_in_kind_and_keeps_its_rule():
    documents = load_id_documents_from({"health_insurance": {"ja": "資格確認書", "en": "Eligibility certificate"}})
    renamed = documents["health_insurance"]
    assert (renamed.ja, renamed.en) == ("資格確認書", "Eligibility certificate")
    assert renamed.number == "never" and renamed.never_en == bundled_id_documents()["health_insurance"].never_en


@pytest.mark.parametrize("table, message", [
    ({"my_number_card": {"number": "record"}}, "my_number_card.number: a legal rule of a built-in kind"),
    ({"health_insurance": {"number": "optional"}}, "health_insurance.number: a legal rule of a built-in kind"),
    ({"my_number_card": {"never_en": "fine to keep"}}, "my_number_card.never_en: a legal rule of a built-in kind"),
    ({"passport": {"address_if_issued_before": "2099-01-01"}}, "passport: unknown keys ['address_if_issued_before']"),
    ({"passport": {"proves": ["name", "address", "date_of_birth", "photo"]}},
     "passport.proves: a legal rule of a built-in kind"),
    ({"passport": None}, "passport: a built-in document kind cannot be removed"),
])
def test_a_shop_file_cannot_relax_a_built_in_rule(table, message):
    with pytest.raises(IdDocumentsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_id_documents_from(table)


def test_relaxing_my_number_stops_the_cli_naming_the_file_and_field(capsys, monkeypatch, isolated_data_dir):
    path = shop_file(isolated_data_dir, {"my_number_card": {"number": "record"}})
    check = {"method": "my_number_card", "document_number": "123456789018"}
    status, out, err = run(capsys, monkeypatch, "record",
                           stdin=json.dumps(intake_json(**{"staff.id_check": check})).encode())
    assert (status, out) == (1, "")
    assert f"{path}: my_number_card.number: a legal rule of a built-in kind" in err
    assert "Traceback" not in err
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_an_entry_whose_kind_left_the_table_still_exports_by_its_code(tmp_path):
    documents = load_id_documents_from(SPECIAL_PERMANENT_RESIDENT)
    data = intake_json(**{"staff.id_check": {"method": "special_permanent_resident", "document_number": "AB1"}})
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        entry, _result = record_intake(intake_from_json(data, for_record=True, documents=documents),
                                       Policy.load(), ledger)
        stored = ledger.entry(entry.id)
    assert stored is not None and stored.id_method == "special_permanent_resident"
    out = io.BytesIO()
    # The shop removed its kind later: the bundled table no longer knows the code.
    export_day([stored], None, stdout=out)
    assert "special_permanent_resident AB1" in out.getvalue().decode("utf-8-sig")
