"""The shop's settings: kept as JSON in the data directory, set from the command line, refused with the field named."""

import io
import json

import pytest

from kiosk.cli import main
from kiosk.settings import SETTINGS_FILENAME, SettingsError, ShopSettings

SHOP = {
    "name": "スマホ買取 秋葉原店", "address": "東京都千代田区外神田1-1-1", "licence_commission": "東京都公安委員会",
    "licence_number": "301234567890", "phone": "03-1234-5678", "staff": ["佐藤", "田中"],
}



def stdin_of(text: str) -> io.TextIOWrapper:
    """Standard input as the CLI reads it: bytes, UTF-8."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")

def test_settings_round_trip_through_the_data_directory(tmp_path):
    ShopSettings.from_json(SHOP).save(tmp_path)
    loaded = ShopSettings.load(tmp_path)
    assert loaded.to_json() == SHOP
    assert loaded.licence_text() == "東京都公安委員会 第301234567890号"
    assert not list(tmp_path.glob("*.partial"))


def test_no_settings_saved_yet_reads_as_empty(tmp_path):
    settings = ShopSettings.load(tmp_path)
    assert settings.staff == () and settings.licence_text() == ""
    assert settings.missing_for_paper() == ["name", "address", "licence_commission", "licence_number"]


@pytest.mark.parametrize(("data", "field"), [
    ({"name": 3}, "name"),
    ({"licence_number": "1" * 41}, "licence_number"),
    ({"staff": "佐藤"}, "staff"),
    ({"staff": ["佐藤", " "]}, "staff[1]"),
    ({"owner": "x"}, "owner"),
])
def test_a_bad_setting_is_refused_naming_the_field(data, field):
    with pytest.raises(SettingsError, match=rf"^{field.replace('[', '.').replace(']', '.')}:"):
        ShopSettings.from_json(data)


def test_staff_names_are_cleaned_and_kept_once():
    assert ShopSettings.from_json({"staff": ["佐藤\u200b", "佐藤", " 田中\n"]}).staff == ("佐藤", "田中")


def test_the_cli_shows_and_changes_the_settings(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", stdin_of(json.dumps(SHOP, ensure_ascii=False)))
    assert main(["--data-dir", str(tmp_path), "settings", "set"]) == 0
    monkeypatch.setattr("sys.stdin", stdin_of('{"phone": "03-9999-0000"}'))
    assert main(["--data-dir", str(tmp_path), "settings", "set"]) == 0
    capsys.readouterr()

    assert main(["--data-dir", str(tmp_path), "settings"]) == 0
    assert json.loads(capsys.readouterr().out) == {**SHOP, "phone": "03-9999-0000"}


def test_the_cli_refuses_a_bad_setting_and_changes_nothing(tmp_path, monkeypatch, capsys):
    ShopSettings.from_json(SHOP).save(tmp_path)
    before = (tmp_path / SETTINGS_FILENAME).read_bytes()
    monkeypatch.setattr("sys.stdin", stdin_of('{"name": "新しい名前", "staff": [1]}'))
    assert main(["--data-dir", str(tmp_path), "settings", "set"]) == 2
    assert "staff[0]: expected text" in capsys.readouterr().err
    assert (tmp_path / SETTINGS_FILENAME).read_bytes() == before
