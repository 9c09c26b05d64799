"""The kiosk command as a script would use it: JSON in, JSON out, honest exit codes."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import intake_json

ROOT = Path(__file__).resolve().parents[1]


def kiosk(*args, stdin=""):
    """The ``kiosk`` program, the way the installed script starts it."""
    return subprocess.run([sys.executable, "-m", "intake_kiosk", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT)


def test_a_command_runs_without_qt(isolated_data_dir):
    # With PySide6 unimportable, the entry must still reach the core's command.
    script = ("import sys; sys.modules['PySide6'] = None; from intake_kiosk import main; "
              "sys.exit(main(['grade']))")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(intake_json()),
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "buy"


def test_help_names_the_window_options_and_every_command():
    done = kiosk("--help")
    assert done.returncode == 0
    for name in ("--demo", "--customer-screen", "grade", "record", "export", "probe", "sim", "set-pin",
                 "selftest", "ledger"):
        assert name in done.stdout


def test_the_core_cli_alone_has_no_window():
    done = subprocess.run([sys.executable, "-m", "kiosk"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "COMMAND" in done.stderr
    done = subprocess.run([sys.executable, "-m", "kiosk", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "grade" in done.stdout and "--demo" not in done.stdout


def test_grade_prints_outcome_rank_and_bilingual_reasons(isolated_data_dir):
    done = kiosk("grade", stdin=json.dumps(intake_json(**{"staff.restriction_mark": "△"})))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "buy_reduced" and result["rank"] == "A"
    assert {"rule": "mark.instalments"}.items() <= result["reasons"][0].items()
    assert all(reason["ja"] and reason["en"] for reason in result["reasons"])


def test_record_then_export_then_verify(tmp_path):
    data_dir = tmp_path / "shop"
    done = kiosk("record", "--data-dir", str(data_dir), stdin=json.dumps(intake_json()))
    assert done.returncode == 0, done.stderr
    recorded = json.loads(done.stdout)
    assert recorded["id"] == 1 and recorded["outcome"] == "buy"

    out = tmp_path / "day.csv"
    day = recorded["recorded_at"][:10]
    done = kiosk("export", "--data-dir", str(data_dir), "--date", day, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "山田 太郎" in out.read_text(encoding="utf-8-sig")

    done = kiosk("ledger", "verify", "--data-dir", str(data_dir))
    assert done.returncode == 0 and "1 entries" in done.stdout


def test_verify_fails_and_names_the_changed_entry(isolated_data_dir):
    for _ in range(3):
        assert kiosk("record", stdin=json.dumps(intake_json())).returncode == 0
    conn = sqlite3.connect(isolated_data_dir / "ledger.sqlite3")
    conn.execute("DROP TRIGGER entries_no_update")
    conn.execute("UPDATE entries SET price_yen = 1 WHERE id = 2")
    conn.execute("CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries "
                 "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END")
    conn.commit()
    conn.close()
    done = kiosk("ledger", "verify")
    assert done.returncode == 1
    assert "entry 2 was changed" in done.stderr


@pytest.mark.parametrize(
    "stdin, field",
    [
        ("{not json", "not valid JSON"),
        (json.dumps(intake_json(seller=...)), "seller: required"),
        (json.dumps(intake_json(**{"seller.date_of_birth": "1990/04/01"})), "seller.date_of_birth"),
        (json.dumps(intake_json(**{"staff.staff_name": ...})), "staff.staff_name: required"),
        (json.dumps(intake_json(**{"staff.restriction_mark": "?"})), "staff.restriction_mark"),
        (json.dumps(intake_json(**{"device.platform": "symbian"})), "device.platform"),
        (json.dumps(intake_json(price_yen="68000")), "price_yen"),
    ],
)
def test_record_rejects_bad_input_naming_the_field_and_writes_nothing(isolated_data_dir, stdin, field):
    done = kiosk("record", stdin=stdin)
    assert done.returncode == 2
    assert field in done.stderr
    assert "Traceback" not in done.stderr
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_export_rejects_a_bad_date():
    done = kiosk("export", "--date", "26/11/2026")
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


def test_export_to_stdout_is_the_csv(isolated_data_dir):
    assert kiosk("record", stdin=json.dumps(intake_json())).returncode == 0
    done = subprocess.run([sys.executable, "-m", "intake_kiosk", "export", "--date", "2020-01-01"],
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 0
    assert done.stdout.startswith("\ufeff取引年月日".encode("utf-8"))


def test_export_of_a_mistyped_folder_is_exit_1_and_creates_nothing(tmp_path):
    done = kiosk("export", "--data-dir", str(tmp_path / "typo"), "--date", "2020-01-01")
    assert done.returncode == 1 and "no such file" in done.stderr
    assert not (tmp_path / "typo").exists()
