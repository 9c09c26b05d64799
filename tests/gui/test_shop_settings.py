"""The shop's settings in the window, the staff member of the shift, and the same seller's next phone."""

import pytest

from kiosk.settings import ShopSettings
from tests.factories import OTHER_IMEI
from tests.gui.conftest import start_counter, stop_counter
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_seller, plug

pytestmark = pytest.mark.gui

SECOND_PHONE = "00008110-0000000000000002"


@pytest.fixture
def shop_counter(qtbot, isolated_data_dir, services, japanese):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    ShopSettings(name="スマホ買取 秋葉原店", staff=("佐藤", "田中")).save(isolated_data_dir)
    counter = start_counter(qtbot, isolated_data_dir, services, japanese)
    yield counter
    stop_counter(counter)


def test_the_shift_starts_by_choosing_the_staff_member_who_then_shows_in_the_title(qtbot, shop_counter, services):
    window = shop_counter.window
    qtbot.waitUntil(lambda: window.staff_chooser is not None and window.staff_chooser.isVisible())
    window.staff_chooser.choose("田中")

    assert window.windowTitle() == "買取受付カウンター — 担当: 田中"
    _card, editor = plug(qtbot, shop_counter, services["ios"], phone_facts())
    assert editor.grade_panel.staff_name.text() == "田中"

    window.choose_staff().choose("佐藤")
    assert window.windowTitle() == "買取受付カウンター — 担当: 佐藤"
    assert editor.grade_panel.staff_name.text() == "佐藤"


def test_without_a_staff_list_nobody_is_asked(qtbot, counter):
    assert counter.window.staff_chooser is None
    assert counter.window.windowTitle() == "買取受付カウンター"


def test_the_settings_dialog_saves_and_names_a_bad_field(qtbot, counter, isolated_data_dir):
    dialog = counter.window.open_settings()
    dialog.fields["name"].setText("スマホ買取 秋葉原店")
    dialog.fields["licence_commission"].setText("東京都公安委員会")
    dialog.fields["licence_number"].setText("1" * 41)
    dialog.staff.setPlainText("佐藤\n\n田中\n")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("保存できませんでした: licence_number:")

    dialog.fields["licence_number"].setText("301234567890")
    dialog.save()
    assert not dialog.isVisible()
    saved = ShopSettings.load(isolated_data_dir)
    assert saved.staff == ("佐藤", "田中") and saved.licence_text() == "東京都公安委員会 第301234567890号"
    assert counter.window.settings == saved


def test_the_same_seller_goes_to_the_next_phone(qtbot, counter, services):
    _card, first = plug(qtbot, counter, services["ios"], phone_facts())
    _card, second = plug(qtbot, counter, services["ios"], phone_facts(SECOND_PHONE, imei=[OTHER_IMEI]))
    fill_seller(qtbot, first)

    first.grade_panel.same_seller.click()

    assert counter.window.counter.current_editor() is second
    assert second.seller_form.seller() == first.seller_form.seller()
    assert second.seller_form.id_check() == first.seller_form.id_check()


def test_the_same_seller_waits_for_the_next_phone_plugged_in(qtbot, counter, services):
    _card, first = plug(qtbot, counter, services["ios"], phone_facts())
    assert not first.grade_panel.same_seller.isEnabled()
    fill_seller(qtbot, first)
    first.grade_panel.same_seller.click()
    assert first.grade_panel.status.text() == "次に接続した端末にこの売主を入力します。"

    _card, second = plug(qtbot, counter, services["ios"], phone_facts(SECOND_PHONE, imei=[OTHER_IMEI]))
    assert second.seller_form.seller() == first.seller_form.seller()
