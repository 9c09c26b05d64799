"""The seller and ID form: fields by document kind, a minor's guardian, cleaning and cp932 flags."""

import datetime as dt

import pytest

import json

from kiosk.id_documents import IdMethod, load_id_documents
from kiosk.intake import ConsentMethod
from ui.i18n import Language
from ui.seller_form import SellerForm

pytestmark = pytest.mark.gui


@pytest.fixture
def form(qtbot, japanese):
    form = SellerForm(adult_age=18)
    qtbot.addWidget(form)
    form.show()
    return form


def choose(combo, method: IdMethod) -> None:
    combo.setCurrentIndex(combo.findData(method.value))


def test_a_my_number_card_has_no_number_field_and_records_the_kind_only(form):
    choose(form.id_method, IdMethod.MY_NUMBER_CARD)
    assert not form.id_number.isVisible()
    form.id_number.setText("123456789018")  # left over from another document kind
    check = form.id_check()
    assert check is not None and check.method == IdMethod.MY_NUMBER_CARD and check.document_number is None
    assert "番号は控えないでください" in form.id_hint.text()


def test_a_health_insurance_card_records_the_kind_only(form):
    choose(form.id_method, IdMethod.HEALTH_INSURANCE)
    assert not form.id_number.isVisible()
    assert form.id_check().document_number is None


def test_a_new_passport_needs_a_second_document_for_the_address(form):
    choose(form.id_method, IdMethod.PASSPORT)
    form.id_number.setText("TR1234567")
    assert form.issued_on.isVisible() and form.id_check() is None
    form.issued_on.set_date(dt.date(2019, 6, 1))
    assert not form.second_method.isVisible()
    assert form.id_check().issued_on == dt.date(2019, 6, 1)

    form.issued_on.set_date(dt.date(2021, 6, 1))
    assert form.second_method.isVisible() and form.id_check() is None
    assert form.second_method.findData(IdMethod.PASSPORT.value) == -1  # it cannot prove its own address
    choose(form.second_method, IdMethod.DRIVERS_LICENSE)
    form.second_number.setText("301234567890")
    check = form.id_check()
    assert check.address_document.method == IdMethod.DRIVERS_LICENSE
    assert check.address_document.document_number == "301234567890"


def test_other_needs_the_documents_name(form):
    choose(form.id_method, IdMethod.OTHER)
    assert form.id_name.isVisible() and form.id_check() is None
    form.id_name.setText("住民票の写し")
    assert form.id_check().document_name == "住民票の写し"


def test_a_minor_shows_the_guardian_fields_and_needs_all_of_them(form):
    form.name.setText("山田 一郎")
    form.address.setText("東京都千代田区外神田1-1-1")
    form.occupation.setText("学生")
    assert not form.consent_method.isVisible()
    form.date_of_birth.set_date(dt.date.today().replace(year=dt.date.today().year - 16, day=1))
    assert form.consent_method.isVisible()
    assert form.seller().guardian is None
    form.consent_method.setCurrentIndex(form.consent_method.findData(ConsentMethod.PHONE.value))
    form.edits["guardian_name"].setText("山田 花子")
    form.edits["guardian_relationship"].setText("母")
    form.edits["guardian_contact"].setText("090-1234-5678")
    guardian = form.seller().guardian
    assert (guardian.method, guardian.name, guardian.relationship, guardian.contact) == (
        ConsentMethod.PHONE, "山田 花子", "母", "090-1234-5678")


def test_text_is_cleaned_like_the_clis(form):
    form.name.setText("  山田\u200b  太郎\x07 ")
    form.address.setText("東京都")
    form.occupation.setText("会社員")
    form.date_of_birth.set_date(dt.date(1990, 4, 1))
    assert form.seller().name == "山田 太郎"


def test_a_character_cp932_cannot_hold_is_flagged_under_its_field(form):
    warning = form.cp932_warnings["name"]
    form.name.setText("山田 太郎")
    assert not warning.isVisible()
    form.name.setText("山田 😀")
    assert warning.isVisible()
    assert "'😀' (U+1F600)" in warning.text() and "Shift_JIS" in warning.text()


def test_the_shops_own_kind_is_offered_in_the_ui_language(qtbot, japanese, tmp_path):
    (tmp_path / "id_documents.json").write_text(json.dumps({
        "special_permanent_resident": {"ja": "特別永住者証明書", "en": "Special permanent resident certificate",
                                       "proves": ["name", "address", "date_of_birth", "photo"], "number": "record"},
        "my_number_card": {"ja": "個人番号カード"},
    }, ensure_ascii=False), encoding="utf-8")
    form = SellerForm(adult_age=18, documents=load_id_documents(tmp_path))
    qtbot.addWidget(form)
    form.show()
    index = form.id_method.findData("special_permanent_resident")
    assert form.id_method.itemText(index) == "特別永住者証明書"
    assert form.second_method.findData("special_permanent_resident") != -1  # it proves the address
    assert form.id_method.itemText(form.id_method.findData(IdMethod.MY_NUMBER_CARD.value)) == "個人番号カード"
    form.id_method.setCurrentIndex(index)
    assert form.id_number.isVisible()
    assert form.id_check() is None  # its number is recorded, so it is needed
    form.id_number.setText("AB1234567")
    check = form.id_check()
    assert check is not None and (check.method, check.document_number) == ("special_permanent_resident", "AB1234567")
    japanese.switch_to(Language.ENGLISH)
    qtbot.waitUntil(lambda: form.id_method.itemText(index) == "Special permanent resident certificate")
    assert form.id_method.itemText(form.id_method.findData(IdMethod.PASSPORT.value)) == "Passport"
