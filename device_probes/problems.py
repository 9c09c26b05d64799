"""Problems a probe meets, as data: a stable code, and the message in Japanese and English.

Like grading's ``Reason``: code never searches message text (it looks at
``code``), and a user interface shows the message in its own language. Every
problem the probes report is made here, so the two languages stay side by
side. Technical details (an exception, a parser's complaint) go into the
English text only; the Japanese text says what happened and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    #: Dotted and stable, e.g. "imei.invalid", "ios.pairing_pending".
    code: str
    ja: str
    en: str

    def text(self, language: str) -> str:
        """The message in ``language`` ("ja" or "en")."""
        return self.ja if language == "ja" else self.en

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "ja": self.ja, "en": self.en}


#: The code of a problem that came in as plain text (the ``errors`` list of
#: hand-written device JSON), with no code of its own.
REPORTED = "device.reported"


def reported(message: str) -> Problem:
    return Problem(REPORTED, message, message)


# -- IMEI --------------------------------------------------------------------------------------

IMEI_INVALID = "imei.invalid"


def imei_invalid(slot: int | None, value: str, detail: str) -> Problem:
    which = f"IMEI {slot}" if slot else "IMEI"
    return Problem(
        IMEI_INVALID,
        f"{which}「{value}」はチェックディジットが合わないため使えません。端末の設定画面で確認してください",
        f"{which} {value!r} failed its check ({detail}); check it in the phone's settings",
    )


def imei_unreadable(slot: int, details: list[str]) -> Problem:
    because = "; ".join(details) or "not found"
    return Problem(
        "imei.unreadable",
        f"IMEI {slot}を読み取れませんでした。端末の設定画面で確認してください",
        f"IMEI {slot} could not be read ({because}); check it in the phone's settings",
    )


def imei_missing_meid(meid: str) -> Problem:
    return Problem(
        "imei.meid_only",
        f"有効なIMEIがありません(MEID {meid})。端末の設定画面で確認してください",
        f"no valid IMEI reported; MEID {meid}",
    )


# -- iPhone ------------------------------------------------------------------------------------

IOS_PAIRING_PENDING = Problem(
    "ios.pairing_pending",
    "iPhoneのロックを解除して「信頼」をタップしてください",
    "Unlock the iPhone and tap Trust",
)
IOS_PAIRING_DENIED = Problem(
    "ios.pairing_denied",
    "「信頼しない」が選ばれました。ケーブルを抜き差しして「信頼」をタップしてください",
    "Don't Trust was tapped: unplug the iPhone, plug it in again and tap Trust",
)
IOS_PASSCODE_LOCKED = Problem(
    "ios.passcode_locked",
    "iPhoneのロックをパスコードで解除してください",
    "Unlock the iPhone with its passcode, then read it again",
)
IOS_UNPLUGGED = Problem(
    "ios.unplugged",
    "読み取り中にiPhoneが外れました。もう一度接続してください",
    "The iPhone went away while it was being read (unplugged?): plug it in again",
)
IOS_NO_VALUES = Problem(
    "ios.no_values",
    "iPhoneが端末情報を返しませんでした。接続し直してください",
    "the iPhone sent no device values; plug it in again",
)


def ios_timeout(seconds: float) -> Problem:
    return Problem(
        "ios.timeout",
        f"iPhoneが{seconds:g}秒以内に応答しません。一度外して接続し直してください",
        f"The iPhone did not answer within {seconds:g} s: unplug it and plug it in again",
    )


def ios_read_failed(exc: BaseException) -> Problem:
    return Problem(
        "ios.read_failed",
        "iPhoneの読み取りに失敗しました。接続し直してください",
        f"reading the iPhone failed: {type(exc).__name__}: {exc}",
    )


def find_my_unreadable(detail: str) -> Problem:
    return Problem(
        "ios.find_my_unreadable",
        "「探す」(アクティベーションロック)の状態を読み取れませんでした",
        f"Find My could not be read: {detail}",
    )


def find_my_unexpected(answer: str) -> Problem:
    return Problem(
        "ios.find_my_unexpected",
        "「探す」(アクティベーションロック)の状態が想定外の値でした",
        f"Find My: unexpected answer {answer}",
    )


def not_activated(activation_state: str | None) -> Problem:
    return Problem(
        "ios.not_activated",
        "iPhoneがアクティベートされていないため、アクティベーションロックの有無はAppleにしか分かりません。"
        "初期設定を済ませてからもう一度読み取ってください",
        f"not activated ({activation_state or 'activation state unknown'}): only Apple can tell whether "
        "Activation Lock is on; finish setup on the phone and read it again",
    )


def ios_battery_unreadable(detail: str) -> Problem:
    return Problem(
        "battery.unreadable",
        "バッテリーの状態を読み取れませんでした。設定画面の「バッテリーの状態」を確認してください",
        f"battery could not be read: {detail}",
    )


def battery_out_of_range(key: str, value: str) -> Problem:
    return Problem(
        "battery.out_of_range",
        f"バッテリーの値 {key} が範囲外のため使いませんでした",
        f"battery: {key} {value} is out of range",
    )


BATTERY_HEALTH_NOT_COMPUTED = Problem(
    "battery.health_not_computed",
    "バッテリーの最大容量を計算できませんでした(設計容量か満充電容量がありません)",
    "battery: health not computed (design or full-charge capacity missing)",
)


def storage_unreadable(detail: str) -> Problem:
    return Problem("ios.storage_unreadable", "ストレージ容量を読み取れませんでした", f"storage could not be read: {detail}")


def management_unreadable(detail: str) -> Problem:
    return Problem(
        "ios.management_unreadable",
        "企業の管理(MDM)の有無を読み取れませんでした",
        f"management (MDM) could not be read: {detail}",
    )


def usbmuxd_unreachable(detail: str, hint: str) -> Problem:
    return Problem(
        "ios.usbmuxd_unreachable",
        "iPhoneの接続サービス(usbmuxd / Apple Mobile Device Service)に接続できません。"
        "サービスが動いているか確認してください",
        f"{detail} {hint}",
    )


# -- Android -----------------------------------------------------------------------------------

ANDROID_UNAUTHORIZED = Problem(
    "android.unauthorized",
    "スマートフォンで「USBデバッグを許可」をタップしてください",
    "Tap 'Allow USB debugging' on the phone",
)
ANDROID_OFFLINE = Problem(
    "android.offline",
    "スマートフォンが応答しません。ケーブルを抜き差ししてください",
    "The phone is not answering; unplug it and plug it in again",
)
ANDROID_NO_PERMISSION = Problem(
    "android.no_permission",
    "このパソコンにUSB接続の権限がありません",
    "This computer has no permission to use the phone over USB (check the udev rules)",
)
ANDROID_NOT_CONNECTED = Problem(
    "android.not_connected",
    "スマートフォンが接続されていません",
    "The phone is no longer connected",
)
ANDROID_CUT_OFF = Problem(
    "android.cut_off",
    "読み取りが途中で切れました(ケーブルが抜けた可能性)",
    "The read was cut off (was the phone unplugged?)",
)
ANDROID_NO_MODEL = Problem(
    "android.no_model",
    "機種名を読み取れませんでした",
    "getprop did not give the model (ro.product.model)",
)
VERIFIED_BOOT_YELLOW = Problem(
    "android.verified_boot_yellow",
    "システムがメーカー以外の鍵で署名されています(起動時の検証: 黄)",
    "verified boot is yellow: the system is signed with a key other than the maker's",
)
FRP_UNREADABLE = Problem(
    "android.frp_unreadable",
    "Googleアカウント(FRP)の状態を読み取れませんでした",
    "Google account (FRP) state could not be read from dumpsys account",
)
FRP_SETUP_UNFINISHED = Problem(
    "android.setup_unfinished",
    "初期設定が終わっていないため、FRPがかかっていないとは言えません",
    "Setup is not finished, so FRP cannot be ruled out",
)
_ANDROID_MODES = {
    "recovery": ("リカバリーモード", "recovery mode"),
    "rescue": ("レスキューモード", "rescue mode"),
    "sideload": ("サイドロードモード", "sideload mode"),
    "bootloader": ("ブートローダー", "its bootloader"),
}


def android_special_mode(state: str) -> Problem | None:
    """The phone is in a boot mode other than Android's (None for any other adb state)."""
    if state not in _ANDROID_MODES:
        return None
    ja, en = _ANDROID_MODES[state]
    return Problem(f"android.{state}", f"{ja}です。通常どおり再起動してください",
                   f"The phone is in {en}; restart it normally")


def android_unexpected_state(state: str) -> Problem:
    return Problem("android.unexpected_state", "想定外の接続状態です。ケーブルを抜き差ししてください",
                   f"Unexpected adb state: {state}")


def android_timeout(seconds: float) -> Problem:
    return Problem(
        "android.timeout",
        f"スマートフォンが{seconds:g}秒以内に応答しませんでした。ケーブルを抜き差ししてください",
        f"The phone did not answer within {seconds:g} s",
    )


def android_read_failed(exc: Any) -> Problem:
    return Problem("android.read_failed", "読み取りに失敗しました。ケーブルを抜き差ししてください",
                   f"Reading the phone failed: {exc}")


def adb_server_unreachable(detail: str, hint: str) -> Problem:
    return Problem(
        "android.adb_unreachable",
        "adbサーバーに接続できません。アプリを再起動してください",
        f"{detail} — {hint}",
    )


# -- connection states, in words -----------------------------------------------------------------

_STATE_WORDS = {
    "ready": ("読み取り済み", "read"),
    "unauthorized": ("USBデバッグが未許可", "USB debugging not allowed yet"),
    "pairing_pending": ("「信頼」待ち", "waiting for Trust"),
    "pairing_denied": ("「信頼しない」が選ばれた", "Trust was refused"),
    "passcode_locked": ("パスコードでロック中", "locked with a passcode"),
    "offline": ("応答なし", "not answering"),
    "error": ("読み取りエラー", "read error"),
}


def state_words(state: str) -> tuple[str, str]:
    """A connection state (DeviceState's value) in Japanese and English words, for a message."""
    return _STATE_WORDS.get(state, (state, state))
