"""The hostile-input table: people's input and broken files give a message, never a traceback.

Each case is exit 2 naming the field (nothing written), or exit 1 with a message
about the file or folder. The CLI runs in-process here, with stdin as raw bytes.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from kiosk import cli
from tests.factories import intake_json


def run(capsys, monkeypatch, *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def encoded(**changes) -> bytes:
    return json.dumps(intake_json(**changes), ensure_ascii=False).encode("utf-8")


def with_raw(text: str, placeholder: str, raw: str) -> bytes:
    """JSON with a literal the json module would never write (NaN, 1e400) put in place of a placeholder."""
    return text.replace(json.dumps(placeholder), raw).encode("utf-8")


BAD_INPUT = {
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nested 100000 levels deep"),
    "NaN price": (with_raw(json.dumps(intake_json(price_yen="X")), "X", "NaN"), "price_yen: expected a number, got NaN"),
    "Infinity battery": (with_raw(json.dumps(intake_json(**{"staff.battery_health_percent": "X"})), "X",
                                  "Infinity"), "staff.battery_health_percent: expected a number, got Infinity"),
    "1e400 in the device": (with_raw(json.dumps(intake_json(**{"device.battery.health_percent": "X"})), "X",
                                     "1e400"), "battery.health_percent: expected a number"),
    "a list for a choice": (encoded(**{"staff.carrier": []}), "staff.carrier: expected one of docomo"),
    "an object for a mark": (encoded(**{"staff.restriction_mark": {}}), "staff.restriction_mark: expected one of"),
    "invalid UTF-8": (encoded()[:40] + b"\xff\xfe" + encoded()[40:], "input: not UTF-8 (byte 40"),
    "birth date in the future": (encoded(**{"seller.date_of_birth": "2099-01-01"}),
                                 "seller.date_of_birth: 2099-01-01 is in the future"),
    "birth date in year 1": (encoded(**{"seller.date_of_birth": "0001-01-01"}),
                             "seller.date_of_birth: 0001-01-01 would make the seller older than 120"),
    "My Number recorded": (encoded(**{"staff.id_check": {"method": "my_number_card", "document_number": "123456789018"}}),
                           "staff.id_check.document_number: not allowed for my_number_card"),
    "insurance number recorded": (encoded(**{"staff.id_check": {"method": "health_insurance",
                                                                "document_number": "12-345"}}),
                                  "staff.id_check.document_number: not allowed for health_insurance"),
    "other without a name": (encoded(**{"staff.id_check": {"method": "other"}}), "staff.id_check.document_name: required"),
    "new passport without a second document": (
        encoded(**{"staff.id_check": {"method": "passport", "document_number": "TR1234567", "issued_on": "2021-05-01"}}),
        "staff.id_check.address_document: required"),
    "minor's guardian without contact": (
        encoded(**{"seller.date_of_birth": "2012-01-01",
                   "seller.guardian": {"consent_method": "phone", "name": "山田 花子", "relationship": "母"}}),
        "seller.guardian.contact: required"),
    "unknown ID document": (encoded(**{"staff.id_check": {"method": "library_card"}}),
                            "staff.id_check.method: 'library_card' is not one of drivers_license"),
    "a list for the ID document": (encoded(**{"staff.id_check": {"method": ["passport"]}}),
                                   "staff.id_check.method: expected one of drivers_license"),
    "unknown consent method": (
        encoded(**{"seller.guardian": {"consent_method": "email", "name": "a", "relationship": "b", "contact": "c"}}),
        "seller.guardian.consent_method: 'email' is not one of accompanied, written, phone"),
}


@pytest.mark.parametrize("stdin, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_exit_2_naming_the_field_and_writes_nothing(capsys, monkeypatch, isolated_data_dir,
                                                                   stdin, message):
    status, out, err = run(capsys, monkeypatch, "record", stdin=stdin)
    assert (status, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


#: A shop's id_documents.json that does not fit: exit 1, naming the file and the field.
BAD_ID_DOCUMENTS = {
    "not JSON": (b'{"x": ', "cannot read"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "cannot read"),
    "a list": (b"[]", "expected a JSON object of document kinds"),
    "a bad code": (json.dumps({"Bad Code": {}}).encode(), "'Bad Code': a document code is 1 to 40 of a-z"),
    "a row that is text": (json.dumps({"kind": "a"}).encode(), "kind: expected an object"),
    "an unknown key": (json.dumps({"kind": {"ja": "a", "en": "a", "proves": [], "number": "record", "colour": 1}})
                       .encode(), "kind: unknown keys ['colour']"),
    "an unknown proves value": (json.dumps({"kind": {"ja": "a", "en": "a", "proves": ["income"], "number": "record"}})
                                .encode(), "kind.proves: expected a list of name, address, date_of_birth, photo"),
    "a number for a name": (json.dumps({"kind": {"ja": 1, "en": "a", "proves": [], "number": "record"}}).encode(),
                            "kind.ja: expected text of 1 to 40 characters"),
    "a name too long": (json.dumps({"kind": {"ja": "あ" * 41, "en": "a", "proves": [], "number": "record"}}).encode(),
                        "kind.ja: expected text of 1 to 40 characters"),
    "an unknown number rule": (json.dumps({"kind": {"ja": "a", "en": "a", "proves": [], "number": "sometimes"}})
                               .encode(), "kind.number: expected one of record, never, optional"),
    "never without a reason": (json.dumps({"kind": {"ja": "a", "en": "a", "proves": [], "number": "never"}}).encode(),
                               "kind.never_ja: required when number is never"),
    "a text for needs_name": (json.dumps({"kind": {"ja": "a", "en": "a", "proves": [], "number": "optional",
                                                   "needs_name": "yes"}}).encode(),
                              "kind.needs_name: expected true or false"),
    "My Number's number recorded": (json.dumps({"my_number_card": {"number": "record"}}).encode(),
                                    "my_number_card.number: a legal rule of a built-in kind"),
}


@pytest.mark.parametrize("content, message", BAD_ID_DOCUMENTS.values(), ids=BAD_ID_DOCUMENTS.keys())
def test_a_bad_id_documents_file_is_exit_1_naming_the_file_and_field(capsys, monkeypatch, isolated_data_dir,
                                                                    content, message):
    isolated_data_dir.mkdir()
    (isolated_data_dir / "id_documents.json").write_bytes(content)
    for command in ("record", "export"):
        status, out, err = run(capsys, monkeypatch, command, *(("--date", "2026-12-01") if command == "export" else ()),
                               stdin=encoded())
        assert (status, out) == (1, ""), err
        assert f"{isolated_data_dir / 'id_documents.json'}: " in err and message in err
        assert "Traceback" not in err
        assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_a_utf8_byte_order_mark_is_allowed(capsys, monkeypatch):
    status, out, err = run(capsys, monkeypatch, "record", stdin=b"\xef\xbb\xbf" + encoded())
    assert status == 0, err
    assert json.loads(out)["id"] == 1


def test_a_name_cp932_cannot_hold_is_recorded_with_a_warning_naming_the_field(capsys, monkeypatch):
    status, out, err = run(capsys, monkeypatch, "record", stdin=encoded(**{"seller.name": "山田 😀"}))
    assert status == 0
    assert "warning: seller.name: '😀' (U+1F600) cannot be written in a Shift_JIS (cp932) export" in err


def test_a_data_folder_that_cannot_be_created_is_exit_1_naming_it(capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, _out, err = run(capsys, monkeypatch, "record", "--data-dir", str(blocker / "data"), stdin=encoded())
    assert status == 1
    assert f"the data folder {blocker / 'data'} cannot be created" in err


def damaged(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("statements, message", [
    (["DELETE FROM chain_head"], "the chain head row is missing"),
    (["ALTER TABLE entries DROP COLUMN legacy_hash"], "the table entries lacks the columns legacy_hash"),
    (["DROP TABLE personal"], "the table personal is missing"),
], ids=["no chain head row", "a missing column", "a missing table"])
def test_a_ledger_missing_a_part_is_exit_1_with_a_message(capsys, monkeypatch, isolated_data_dir, statements,
                                                         message):
    assert run(capsys, monkeypatch, "record", stdin=encoded())[0] == 0
    damaged(isolated_data_dir / "ledger.sqlite3", *statements)
    for command in (["ledger", "verify"], ["record"], ["ledger", "head"]):
        status, _out, err = run(capsys, monkeypatch, *command, stdin=encoded())
        assert status == 1, (command, err)
        assert "Traceback" not in err
    # An export reads what it can: a day's CSV, or a message.
    status, _out, err = run(capsys, monkeypatch, "export", "--date", "2020-01-01")
    assert status in (0, 1) and "Traceback" not in err
    status, _out, err = run(capsys, monkeypatch, "ledger", "verify")
    assert message in err


def test_an_unreadable_ledger_file_is_exit_1_naming_it(capsys, monkeypatch, isolated_data_dir):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    assert run(capsys, monkeypatch, "record", stdin=encoded())[0] == 0
    ledger = isolated_data_dir / "ledger.sqlite3"
    ledger.chmod(0)
    status, _out, err = run(capsys, monkeypatch, "ledger", "verify")
    assert status == 1 and str(ledger) in err
