"""The purchase statement (買取明細書兼買取同意書): what it says, from a ledger entry and the shop's settings.

The seller signs it: the shop's name and 古物商許可番号, the date and the
ledger's entry number, the phone, the outcome with its reasons, the price,
the seller, the declaration that the phone is theirs and not stolen, the
purpose the personal data is used for (利用目的), and a place to sign: the
signature the seller gave on the customer screen when there is one, else an
empty box to sign on paper. The statement is in Japanese, as the ledger is;
the UI renders it as a PDF.

The PDFs hold the seller's personal data, so they are erased with it: purge
deletes each erased entry's statement (:func:`delete_statements`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.grading import Outcome
from kiosk.ledger import ERASED_JA, LedgerEntry, LedgerError, PersonalData
from kiosk.paths import PARTIAL_SUFFIX, statement_path
from kiosk.settings import ShopSettings
from kiosk.signature import Signature, SignatureError

TITLE = "買取明細書兼買取同意書"
SIGNED_ON = "署名日"
SIGNATURE = "売主署名"
#: Under a signature given on the customer screen, so the paper says where it came from.
SIGNED_ON_SCREEN = "お客様画面で署名"
DECLARATION = (
    "私は、上記の端末が私の所有物であり、盗品その他不正な手段により入手したものではないことを申告します。"
    "また、上記の内容と買取価格に同意し、当店に売却します。端末内のデータは私の責任で消去しました。"
)
PURPOSE = (
    "【個人情報の利用目的】お預かりした氏名・住所・職業・生年月日・本人確認書類の情報は、古物営業法に基づく"
    "本人確認と取引の記録(古物台帳)、および法令に基づく警察への届出のためにのみ利用します。"
    "法定の保存期間(取引の日から3年)を過ぎた後、消去します。"
)


@dataclass(frozen=True)
class Statement:
    title: str
    shop: tuple[str, ...]  # name, address, phone, licence: one line each
    heading: tuple[tuple[str, str], ...]  # date, entry number
    phone: tuple[tuple[str, str], ...]
    outcome: tuple[tuple[str, str], ...]
    reasons: tuple[str, ...]
    seller: tuple[tuple[str, str], ...]
    declaration: str
    purpose: str
    #: Signed on the customer screen; None: an empty box to sign on paper, or erased by a purge.
    signature: Signature | None = None
    #: The signature box's rows: the date it was signed on, and a note in place of a signature.
    signed_on: str = ""
    signature_note: str = ""

    def text(self) -> str:
        """Every word of the statement, in reading order (for tests and a plain-text copy)."""
        parts = [self.title, *self.shop]
        for rows in (self.heading, self.phone, self.outcome):
            parts += [f"{label} {value}" for label, value in rows]
        parts += self.reasons
        parts += [f"{label} {value}" for label, value in self.seller]
        return "\n".join([*parts, self.declaration, self.purpose, f"{SIGNED_ON} {self.signed_on}",
                          f"{SIGNATURE} {self.signature_note}"])


def statement_for(entry: LedgerEntry, settings: ShopSettings) -> Statement:
    """The statement of one ledger entry, as the shop's settings name the shop."""
    recorded = dt.datetime.fromisoformat(entry.recorded_at).astimezone()
    outcome = Outcome(entry.outcome)
    reasons = tuple(reason["ja"] for reason in entry.reasons)
    price = entry.price_yen
    signature, signed_on, signature_note = _signature_box(entry, recorded)
    return Statement(
        title=TITLE,
        shop=tuple(line for line in (
            settings.name, settings.address, f"TEL {settings.phone}" if settings.phone else "",
            f"古物商許可番号 {settings.licence_text()}" if settings.licence_text() else "",
        ) if line),
        heading=(
            ("日付", recorded.strftime("%Y年%m月%d日 %H:%M")),
            ("台帳番号", str(entry.id) + (f"(台帳番号 {entry.corrects_id} の訂正)" if entry.corrects_id else "")),
        ),
        phone=tuple((label, value) for label, value in (
            ("機種", " ".join(filter(None, (entry.manufacturer, entry.model_name)))),
            ("型番", entry.model_code),
            ("容量", entry.capacity),
            ("色", entry.color),
            ("IMEI", " / ".join(filter(None, (entry.imei1, entry.imei2)))),
            ("シリアル番号", entry.hardware_serial),
        ) if value),
        outcome=(
            ("判定", outcome.ja + (f"(ランク{entry.rank})" if entry.rank else "")),
            ("買取価格", f"{price:,}円" if price is not None else "買取なし"),
        ),
        reasons=reasons,
        seller=_seller_rows(entry),
        declaration=DECLARATION,
        purpose=PURPOSE,
        signature=signature,
        signed_on=signed_on,
        signature_note=signature_note,
    )


def _signature_box(entry: LedgerEntry, recorded: dt.datetime) -> tuple[Signature | None, str, str]:
    """The signature, the day it was signed on and a note; an erased one says so, never looks unsigned."""
    if entry.personal_erased:
        return None, "—", ERASED_JA
    stored = entry.personal.signature if entry.personal else None
    if stored is None:
        return None, "", ""  # to be signed on paper
    try:
        signature = Signature.from_json(stored)
    except SignatureError:
        # Checked when it was taken; a row that no longer reads is not drawn as a signature.
        return None, "", ""
    return signature, recorded.strftime("%Y年%m月%d日"), SIGNED_ON_SCREEN


def statement_files(data_dir: Path, entry_ids: Iterable[int]) -> list[Path]:
    """The statement PDFs that exist of these entries."""
    return [path for path in (statement_path(data_dir, entry_id) for entry_id in entry_ids) if path.is_file()]


def delete_statements(data_dir: Path, entry_ids: Iterable[int]) -> list[Path]:
    """Delete the statement PDFs of these entries (a missing one is fine); return those deleted.

    Purge calls it before its erasure is committed: a statement that cannot be
    deleted stops the purge, and one deleted before a failed purge can be
    printed again from the ledger.
    """
    deleted = []
    for entry_id in entry_ids:
        path = statement_path(data_dir, entry_id)
        # A write cut short leaves its partial file, with the same personal data.
        for copy in (path, path.with_suffix(PARTIAL_SUFFIX)):
            try:
                copy.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise LedgerError(f"the personal data was not erased: the statement {copy} cannot be deleted "
                                  f"({exc.strerror or exc})") from None
            if copy == path:
                deleted.append(path)
    return deleted


def _seller_rows(entry: LedgerEntry) -> tuple[tuple[str, str], ...]:
    """The seller as the ledger holds them; a purge's erasure shows as such, never as blanks."""
    personal = entry.personal or PersonalData()
    return tuple((label, ERASED_JA if entry.personal_erased else value or "") for label, value in (
        ("氏名", personal.seller_name),
        ("住所", personal.seller_address),
        ("職業", personal.seller_occupation),
        ("生年月日", personal.seller_birth_date),
    ))
