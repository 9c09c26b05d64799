"""The staff PIN is stored as a salted hash and set from the command line without echo."""

import getpass
import json

import pytest

from kiosk import cli
from kiosk.staff_pin import PIN_FILENAME, PinNotSet, StaffPin, StaffPinError, set_pin


def test_the_right_pin_matches_and_others_do_not(tmp_path):
    set_pin(tmp_path, "2580")
    pin = StaffPin.load(tmp_path)
    assert pin.matches("2580")
    assert not pin.matches("2581")
    assert not pin.matches("")
    assert not pin.matches("２５８０")  # full-width digits are not the PIN


def test_the_file_holds_a_salted_hash_and_no_pin(tmp_path):
    path = set_pin(tmp_path, "73195")
    text = path.read_text(encoding="utf-8")
    assert "73195" not in text and b"73195".hex() not in text
    assert path.stat().st_mode & 0o077 == 0
    first_salt = json.loads(text)["salt"]
    set_pin(tmp_path, "73195")
    assert json.loads(path.read_text(encoding="utf-8"))["salt"] != first_salt


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", ""])
def test_a_pin_is_four_to_eight_digits(tmp_path, pin):
    with pytest.raises(StaffPinError):
        set_pin(tmp_path, pin)
    assert not (tmp_path / PIN_FILENAME).exists()


def test_no_pin_file_says_how_to_set_one(tmp_path):
    with pytest.raises(PinNotSet, match="kiosk set-pin"):
        StaffPin.load(tmp_path)


def test_a_damaged_pin_file_is_refused(tmp_path):
    (tmp_path / PIN_FILENAME).write_text("{}", encoding="utf-8")
    with pytest.raises(StaffPinError, match="set the PIN again"):
        StaffPin.load(tmp_path)


def answers(monkeypatch, *typed):
    replies = iter(typed)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(replies))


def test_set_pin_asks_twice_and_stores_it(monkeypatch, isolated_data_dir):
    answers(monkeypatch, "2580", "2580")
    assert cli.main(["set-pin"]) == cli.EXIT_OK
    assert StaffPin.load(isolated_data_dir).matches("2580")


@pytest.mark.parametrize("typed", [("2580", "2589"), ("12", "12")])
def test_set_pin_changes_nothing_on_a_mismatch_or_a_short_pin(monkeypatch, isolated_data_dir, typed, capsys):
    answers(monkeypatch, *typed)
    assert cli.main(["set-pin"]) == cli.EXIT_BAD_INPUT
    assert not (isolated_data_dir / PIN_FILENAME).exists()
    assert "kiosk set-pin:" in capsys.readouterr().err
