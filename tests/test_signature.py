"""The seller's signature: checked as untrusted input, kept in the personal row only, erased by purge
with the statement PDFs."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.counter import grade_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import PersonalData, open_ledger
from kiosk.ledger.entry import CHAIN_COLUMNS
from kiosk.paths import PARTIAL_SUFFIX, statement_path
from kiosk.signature import MAX_POINTS, MAX_STROKES, Signature, SignatureError
from kiosk.ledger import ERASED_JA
from kiosk.statement import SIGNED_ON_SCREEN, statement_for
from kiosk.settings import ShopSettings
from tests.factories import SIGNATURE, intake_json

FIXTURES = Path(__file__).parent / "fixtures"
OLD = dt.datetime(2020, 5, 1, 10, 0).astimezone()


def run(capsys, monkeypatch, *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def signed(**changes):
    return intake_from_json(intake_json(signature=SIGNATURE, **changes), for_record=True)


def append_old(ledger, intake):
    return ledger.append(intake, grade_intake(intake, Policy.load(), ledger, OLD.date()), now=OLD)


# --- the form and its checks ------------------------------------------------------------------------


def test_a_signature_round_trips_compactly():
    signature = Signature.from_data(SIGNATURE)
    assert signature.point_count == 6
    assert signature.polylines()[1] == [(300, 100)]
    assert json.loads(signature.to_json()) == SIGNATURE
    assert " " not in signature.to_json()
    assert Signature.from_json(signature.to_json()) == signature


def test_a_pad_larger_than_allowed_is_scaled_down_and_kept_inside():
    signature = Signature.from_points(4000, 1000, [[(0, 0), (4000.4, 1000.2), (-3, 2)]])
    assert (signature.width, signature.height) == (2000, 500)
    assert signature.strokes == ((0, 0, 2000, 500, 0, 1),)


def bad(**changes):
    data = json.loads(json.dumps(SIGNATURE))
    data.update(changes)
    return data


BAD_SIGNATURES = {
    "not an object": ([1, 2], "signature: expected an object"),
    "an unknown field": (bad(image="iVBOR…"), "signature.image: not a field of a signature"),
    "a pad too large": (bad(width=100_000), "signature.width: expected a whole number of pixels from 50 to 2000"),
    "a height as text": (bad(height="200"), "signature.height: expected a whole number"),
    "no strokes": (bad(strokes=[]), "signature.strokes: expected a list of at least one stroke"),
    "an odd count": (bad(strokes=[[1, 2, 3]]), "signature.strokes[0]: expected a list of x, y pairs"),
    "a point off the pad": (bad(strokes=[[1, 2], [5, 201]]), "signature.strokes[1][1]: y must be a whole number "
                                                             "from 0 to 200, got 201"),
    "a negative x": (bad(strokes=[[-1, 2]]), "signature.strokes[0][0]: x must be"),
    "a fraction": (bad(strokes=[[1.5, 2]]), "signature.strokes[0][0]: x must be a whole number"),
    "true for a number": (bad(strokes=[[True, 2]]), "signature.strokes[0][0]"),
    "too many strokes": (bad(strokes=[[1, 1]] * (MAX_STROKES + 1)), f"at most {MAX_STROKES} are allowed"),
    "too many points": (bad(strokes=[[1, 1] * 1000] * 5), f"signature.strokes: more than {MAX_POINTS} points"),
}


@pytest.mark.parametrize("data, message", BAD_SIGNATURES.values(), ids=BAD_SIGNATURES.keys())
def test_a_bad_signature_is_named(data, message):
    with pytest.raises(SignatureError) as raised:
        Signature.from_data(data)
    assert message in str(raised.value)


@pytest.mark.parametrize("raw, message", [
    ("NaN", "signature.strokes[0][0]: x must be a whole number from 0 to 600, got NaN"),
    ("1e400", "signature.strokes[0][0]: x must be a whole number from 0 to 600, got 1e400"),
])
def test_a_bad_signature_on_stdin_is_exit_2_naming_the_field_and_writes_nothing(capsys, monkeypatch,
                                                                               isolated_data_dir, raw, message):
    text = json.dumps(intake_json(signature=bad(strokes=[["X", 1]])))
    status, out, err = run(capsys, monkeypatch, "record", stdin=text.replace('"X"', raw).encode())
    assert (status, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_a_huge_or_deeply_nested_stored_signature_is_refused_with_a_message():
    with pytest.raises(SignatureError, match="signature: 70000 characters"):
        Signature.from_json(" " * 70_000)
    with pytest.raises(SignatureError, match="signature: not valid JSON"):
        Signature.from_json("[" * 30_000 + "]" * 30_000)


# --- the ledger -----------------------------------------------------------------------------------


def test_the_signature_goes_to_the_personal_row_and_not_the_chain(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        entry = ledger.append(signed(), grade_intake(signed(), Policy.load(), ledger))
        assert Signature.from_json(ledger.entry(entry.id).personal.signature) == Signature.from_data(SIGNATURE)
        assert ledger.verify().ok
    conn = sqlite3.connect(path)
    [chained] = conn.execute(f"SELECT {', '.join(CHAIN_COLUMNS)} FROM entries").fetchall()
    assert not any("strokes" in value for value in chained if isinstance(value, str))
    [personal] = conn.execute("SELECT data_json FROM personal").fetchone()
    conn.close()
    assert json.loads(json.loads(personal)[-1]) == SIGNATURE


def test_a_signature_alone_makes_a_personal_row():
    intake = intake_from_json(intake_json(signature=SIGNATURE, seller=..., **{"staff.id_check": ...}))
    from kiosk.ledger.records import personal_data

    assert personal_data(intake) == PersonalData(signature=Signature.from_data(SIGNATURE).to_json())


def test_without_a_signature_the_personal_json_keeps_its_form():
    """Entries written before the signature field commit to an 11-value array; new ones without a
    signature still do, and every stored row of the committed ledgers reads and writes back the same."""
    assert PersonalData(seller_name="山田").canonical_json() == '["山田",null,null,null,null,null,null,null,null,null,null]'
    conn = sqlite3.connect(FIXTURES / "ledger_v2.sqlite3")
    rows = [row[0] for row in conn.execute("SELECT data_json FROM personal")]
    conn.close()
    assert rows and all(PersonalData.from_json(row).canonical_json() == row for row in rows)
    assert all(PersonalData.from_json(row).signature is None for row in rows)
    with_signature = PersonalData(seller_name="山田", signature="{}").canonical_json()
    assert json.loads(with_signature)[-1] == "{}" and len(json.loads(with_signature)) == 12


def test_the_statement_shows_the_signature_then_its_erasure(tmp_path):
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        entry = append_old(ledger, signed())
        plain = append_old(ledger, intake_from_json(intake_json(), for_record=True))
        statement = statement_for(ledger.entry(entry.id), ShopSettings())
        assert statement.signature == Signature.from_data(SIGNATURE)
        assert SIGNED_ON_SCREEN in statement.text() and "署名日 2020年05月01日" in statement.text()
        unsigned = statement_for(ledger.entry(plain.id), ShopSettings())
        assert (unsigned.signature, unsigned.signed_on, unsigned.signature_note) == (None, "", "")
        ledger.purge(dt.date(2021, 1, 1), Policy.load())
        erased = statement_for(ledger.entry(entry.id), ShopSettings())
    assert erased.signature is None and f"売主署名 {ERASED_JA}" in erased.text()
    assert "山田" not in erased.text()


# --- purge: the personal row and the statement PDFs ------------------------------------------------------


def test_purge_erases_the_signature_and_deletes_the_statements(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        for _ in range(3):
            append_old(ledger, signed())
        recent = ledger.append(signed(), grade_intake(signed(), Policy.load(), ledger))
    # Statements of entries 1 and 2 (3's was never printed) and of the recent one, which stays.
    for entry_id in (1, 2, recent.id):
        statement_path(tmp_path, entry_id).parent.mkdir(exist_ok=True)
        statement_path(tmp_path, entry_id).write_bytes(b"%PDF-1.4 " + "山田 太郎".encode())
    # A reprint of 3 that was cut short left its partial file.
    partial = statement_path(tmp_path, 3).with_suffix(PARTIAL_SUFFIX)
    partial.write_bytes(b"%PDF-1.4 " + "山田 太郎".encode())
    data = ["--data-dir", str(tmp_path)]

    status, out, err = run(capsys, monkeypatch, "ledger", "purge", *data, "--before", "2021-01-01")
    assert status == 0
    assert out.splitlines() == [f"1\t2020-05-01\tbuy\t{statement_path(tmp_path, 1)}",
                                f"2\t2020-05-01\tbuy\t{statement_path(tmp_path, 2)}", "3\t2020-05-01\tbuy"]
    assert "3 entries' personal data would be erased, and 2 statement PDFs deleted (dry run" in err
    assert statement_path(tmp_path, 1).exists()

    status, out, err = run(capsys, monkeypatch, "ledger", "purge", *data, "--before", "2021-01-01", "--apply")
    assert status == 0, err
    assert "personal data of 3 entries erased, 2 statement PDFs deleted" in err
    assert not statement_path(tmp_path, 1).exists() and not statement_path(tmp_path, 2).exists()
    assert not partial.exists()
    assert statement_path(tmp_path, recent.id).exists()
    with open_ledger(path, read_only=True) as ledger:
        assert ledger.verify().ok
        assert ledger.entry(1).personal_erased
        assert ledger.entry(recent.id).personal.signature is not None
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert raw.count(b'\\"strokes\\"') == 1  # the recent entry's only


def test_purge_sweeps_statements_of_entries_erased_earlier(tmp_path, capsys, monkeypatch):
    """A statement left by an earlier purge (or another counter's, on a shared ledger) goes on the next run."""
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        append_old(ledger, signed())
        ledger.purge(dt.date(2021, 1, 1), Policy.load())  # erased with no statement folder in sight
        kept = ledger.append(signed(), grade_intake(signed(), Policy.load(), ledger))
    for entry_id in (1, kept.id):
        statement_path(tmp_path, entry_id).parent.mkdir(exist_ok=True)
        statement_path(tmp_path, entry_id).write_bytes(b"%PDF-1.4 " + "山田 太郎".encode())
    data = ["--data-dir", str(tmp_path), "--before", "2021-01-01"]

    status, _out, err = run(capsys, monkeypatch, "ledger", "purge", *data)
    assert status == 0 and "1 statement PDFs of entries erased earlier would be deleted too: entries 1" in err
    assert statement_path(tmp_path, 1).exists()

    status, _out, err = run(capsys, monkeypatch, "ledger", "purge", *data, "--apply")
    assert status == 0, err
    assert "1 statement PDFs of entries erased earlier deleted" in err and "nothing to erase" in err
    assert not statement_path(tmp_path, 1).exists() and statement_path(tmp_path, kept.id).exists()


def test_a_statement_that_cannot_be_deleted_stops_the_purge_and_erases_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        append_old(ledger, signed())
    # Where the PDF should be stands a folder, which unlink refuses whoever runs it.
    (statement_path(tmp_path, 1) / "inside").mkdir(parents=True)

    status, _out, err = run(capsys, monkeypatch, "ledger", "purge", "--data-dir", str(tmp_path),
                            "--before", "2021-01-01", "--apply")
    assert status == 1
    assert f"the personal data was not erased: the statement {statement_path(tmp_path, 1)} cannot be deleted" in err
    with open_ledger(path, read_only=True) as ledger:
        assert ledger.entry(1).personal.signature is not None
        assert ledger.head().id == 1 and ledger.verify().ok
