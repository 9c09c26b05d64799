"""The carriers' check pages: bundled, overridden by the shop, and the marks as their pages print them."""

import json

import pytest

from kiosk.carriers import CarrierPagesError, guess_carrier, load_carrier_pages
from kiosk.intake import Carrier, RestrictionMark, intake_from_json
from tests.factories import intake_json


def test_every_carrier_has_a_check_page_including_mineo():
    pages = load_carrier_pages()
    assert set(pages) == set(Carrier)
    assert all(page.check_url.startswith("https://") for page in pages.values())


@pytest.mark.parametrize(("model_code", "carrier"), [
    ("SC-51B", Carrier.DOCOMO), ("SOG03", Carrier.AU), ("A101SH", Carrier.SOFTBANK), ("P710", Carrier.RAKUTEN),
    ("iPhone14,2", None), (None, None),
])
def test_the_model_code_names_the_carrier_when_it_can(model_code, carrier):
    assert guess_carrier(model_code, load_carrier_pages()) is carrier


def write_override(data_dir, data) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "carriers.json").write_text(json.dumps(data), encoding="utf-8")


def test_the_shops_file_replaces_only_the_fields_it_names(tmp_path):
    write_override(tmp_path, {"carriers": [{"carrier": "mineo", "check_url": "https://example.jp/mineo-check"}]})
    pages = load_carrier_pages(tmp_path)
    assert pages[Carrier.MINEO].check_url == "https://example.jp/mineo-check"
    assert pages[Carrier.DOCOMO] == load_carrier_pages()[Carrier.DOCOMO]


@pytest.mark.parametrize(("override", "named"), [
    ({"carriers": [{"carrier": "ocn", "check_url": "https://example.jp"}]}, "carriers[0].carrier"),
    ({"carriers": [{"carrier": "au", "check_url": "http://example.jp"}]}, "au.check_url"),
    ({"carriers": [{"carrier": "au", "model_code_patterns": ["(unclosed"]}]}, "au.model_code_patterns"),
    ({"carriers": [{"carrier": "au", "url": "https://example.jp"}]}, "unknown keys ['url']"),
    ([], "a list \"carriers\""),
])
def test_a_bad_shop_file_is_refused_naming_the_field(tmp_path, override, named):
    write_override(tmp_path, override)
    with pytest.raises(CarrierPagesError, match=r"carriers\.json") as refused:
        load_carrier_pages(tmp_path)
    assert named in str(refused.value)


def test_a_filled_triangle_is_read_as_instalments():
    intake = intake_from_json(intake_json(**{"staff.restriction_mark": "▲"}))
    assert intake.staff.restriction_mark is RestrictionMark.INSTALMENTS


def test_mineo_is_a_carrier_staff_can_name():
    assert intake_from_json(intake_json(**{"staff.carrier": "mineo"})).staff.carrier is Carrier.MINEO
