"""The book on paper (古物営業法 §18): a date range of the ledger drawn by Qt, as a PDF or on a printer.

The columns and cells are the CSV export's (:func:`kiosk.export.ledger_row`), in
the form's order, so the paper and the file never disagree. A4 landscape; each
page carries the shop's name, address and 古物商許可番号, the period, and
"page n of m"; each row its entry number. A corrected entry is struck through
with two lines (as a correction is made on paper) and names the entry that
corrects it; personal data erased after its retention period reads
「保存期間経過により消去」 on a grey cell. Qt embeds the subset of the Japanese
font it used, so the file reads the same on any PC.

The CLI's ``kiosk ledger print`` comes here (see :func:`print_book_command`):
drawing needs Qt, which the core never imports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QPen,
    QTextOption,
)

from kiosk.export import HEADER, ExportError, check_output_path, ledger_row
from kiosk.id_documents import IdDocuments, IdDocumentsError, load_id_documents
from kiosk.ledger import ERASED_JA, EntryKind, LedgerError
from kiosk.ledger.entry import BookRow
from kiosk.ledger.location import LedgerLocation
from kiosk.settings import SettingsError, ShopSettings

#: The fonts tried in turn, per character. Latin text first from a Latin font: Noto Sans CJK's own Latin
#: digits are shaped into glyphs its character map does not name, so they would copy out of the PDF as
#: garbage. Then Debian/Ubuntu's Noto CJK, then what Windows and macOS ship.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "Yu Gothic", "Meiryo",
                 "Hiragino Sans", "MS Gothic"]
#: Relative column widths, in HEADER's order.
COLUMN_WEIGHTS = (5.5, 3.2, 3.2, 1.6, 11.8, 12.8, 8, 3.2, 6, 2.6, 2.6, 4.6, 8.8, 3, 4.4, 2, 3.6, 6, 4.4, 6.2, 3.4)
PAGE_MARGIN_MM = 8.0
CELL_PADDING = 0.6  # mm
EMPTY = "この期間の記録はありません"
_ERASED_FILL = QColor(225, 225, 225)
_CORRECTED_COLUMN = HEADER.index("訂正済")

assert len(COLUMN_WEIGHTS) == len(HEADER)


@dataclass(frozen=True)
class BookHeader:
    shop: ShopSettings
    first: dt.date
    last: dt.date
    printed_at: dt.datetime

    def lines(self) -> list[str]:
        shop = self.shop
        licence = shop.licence_text() or "(未設定)"
        contact = "  ".join(part for part in (shop.address or "住所(未設定)", f"電話 {shop.phone}" if shop.phone else "")
                            if part)
        return [
            f"{shop.name or '店名(未設定)'}  {contact}",
            f"古物商許可番号: {licence}",
            f"期間: {self.first.isoformat()} 〜 {self.last.isoformat()}  "
            f"作成: {self.printed_at.strftime('%Y-%m-%d %H:%M')}",
        ]


@dataclass
class _Row:
    entry_id: int
    cells: list[str]
    height: float
    corrected: bool


class BookRenderer:
    """Lays the rows out on pages, then paints them; one instance per document."""

    def __init__(self, device: QPagedPaintDevice, header: BookHeader, documents: IdDocuments | None = None):
        self.device = device
        self.header = header
        self.documents = documents
        self.painter = QPainter()
        self.mm = device.logicalDpiX() / 25.4  # device units per millimetre

    def render(self, entries: Iterable[BookRow], corrections: Mapping[int, Sequence[int]]) -> int:
        """Draw every intake of ``entries``; return the number of pages."""
        if not self.painter.begin(self.device):
            raise LedgerError("the printer or PDF file could not be opened for drawing")
        try:
            self._set_up()
            rows = [self._row(entry, corrections.get(entry.id, ())) for entry in entries
                    if entry.kind == EntryKind.INTAKE]
            pages = self._paginate(rows)
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    self.device.newPage()
                self._paint_page(page, number, len(pages))
            return len(pages)
        finally:
            self.painter.end()

    # -- layout ---------------------------------------------------------------------------

    def _set_up(self) -> None:
        rect = self.device.pageLayout().paintRectPixels(self.device.resolution())
        self.page = QRectF(0, 0, rect.width(), rect.height())
        total = sum(COLUMN_WEIGHTS)
        self.widths = [self.page.width() * weight / total for weight in COLUMN_WEIGHTS]
        self.cell_font = self._font(6.2)
        self.head_font = self._font(6.2, bold=True)
        self.title_font = self._font(13, bold=True)
        self.info_font = self._font(8)
        self.wrap = QTextOption()
        self.wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.pad = CELL_PADDING * self.mm
        self.painter.setFont(self.cell_font)
        self.line_height = self.painter.boundingRect(QRectF(0, 0, 1000, 1000), "あA", self.wrap).height()
        self.painter.setFont(self.head_font)
        self.head_height = self._height(HEADER)
        self.top = self._header_height()
        self.footer = 6 * self.mm

    def _font(self, points: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def _height(self, cells: Sequence[str]) -> float:
        tallest = 0.0
        for text, width in zip(cells, self.widths):
            if text:
                box = self.painter.boundingRect(QRectF(0, 0, width - 2 * self.pad, 10_000), text, self.wrap)
                tallest = max(tallest, box.height())
        return tallest + 2 * self.pad

    def _row(self, entry: BookRow, corrected_by: Sequence[int]) -> _Row:
        cells = ["" if cell is None else str(cell) for cell in ledger_row(entry, corrected_by, self.documents)]
        self.painter.setFont(self.cell_font)
        return _Row(entry.id, cells, self._height(cells), bool(corrected_by))

    def _header_height(self) -> float:
        return 8 * self.mm + len(self.header.lines()) * 4 * self.mm

    def _paginate(self, rows: list[_Row]) -> list[list[_Row]]:
        room = self.page.height() - self.top - self.head_height - self.footer
        pages: list[list[_Row]] = [[]]
        used = 0.0
        for row in rows:
            if pages[-1] and used + row.height > room:
                pages.append([])
                used = 0.0
            pages[-1].append(row)
            used += row.height
        return pages

    # -- painting -------------------------------------------------------------------------

    def _paint_page(self, rows: list[_Row], number: int, count: int) -> None:
        painter = self.painter
        painter.setPen(QPen(Qt.GlobalColor.black, 0.15 * self.mm))
        painter.setFont(self.title_font)
        painter.drawText(QRectF(0, 0, self.page.width(), 7 * self.mm), Qt.AlignmentFlag.AlignLeft, "古物台帳")
        painter.setFont(self.info_font)
        for index, line in enumerate(self.header.lines()):
            painter.drawText(QRectF(0, 8 * self.mm + index * 4 * self.mm, self.page.width(), 4 * self.mm),
                             Qt.AlignmentFlag.AlignLeft, line)
        y = self.top
        painter.setFont(self.head_font)
        painter.fillRect(QRectF(0, y, self.page.width(), self.head_height), QColor(240, 240, 240))
        self._paint_cells(list(HEADER), y, self.head_height)
        y += self.head_height
        painter.setFont(self.cell_font)
        for row in rows:
            self._paint_row(row, y)
            y += row.height
        if not rows:
            painter.drawText(QRectF(0, y + 2 * self.mm, self.page.width(), 6 * self.mm),
                             Qt.AlignmentFlag.AlignHCenter, EMPTY)
        painter.setFont(self.info_font)
        ids = f"台帳番号 {rows[0].entry_id}〜{rows[-1].entry_id}  " if rows else ""
        painter.drawText(QRectF(0, self.page.height() - 5 * self.mm, self.page.width(), 5 * self.mm),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                         f"{ids}{number} / {count} ページ")

    def _paint_row(self, row: _Row, y: float) -> None:
        painter = self.painter
        x = 0.0
        for text, width in zip(row.cells, self.widths):
            if ERASED_JA in text:
                painter.fillRect(QRectF(x, y, width, row.height), _ERASED_FILL)
            x += width
        self._paint_cells(row.cells, y, row.height)
        if row.corrected:
            self._strike_through(row, y)

    def _strike_through(self, row: _Row, y: float) -> None:
        """Two lines through every line of text, still readable: how a correction is made on paper."""
        painter = self.painter
        pen = painter.pen()
        painter.setPen(QPen(Qt.GlobalColor.black, 0.1 * self.mm))
        x = 0.0
        for column, (text, width) in enumerate(zip(row.cells, self.widths)):
            inner = QRectF(x + self.pad, y + self.pad, width - 2 * self.pad, row.height - 2 * self.pad)
            if text and column != _CORRECTED_COLUMN:  # the note naming the correction stays as it is
                used = painter.boundingRect(inner, text, self.wrap)
                lines = max(1, round(used.height() / self.line_height))
                for line in range(lines):
                    middle = inner.top() + (line + 0.5) * used.height() / lines
                    for offset in (-0.25 * self.mm, 0.25 * self.mm):
                        painter.drawLine(QPointF(inner.left(), middle + offset),
                                         QPointF(inner.left() + used.width(), middle + offset))
            x += width
        painter.setPen(pen)

    def _paint_cells(self, cells: Sequence[str], y: float, height: float) -> None:
        painter = self.painter
        x = 0.0
        for text, width in zip(cells, self.widths):
            cell = QRectF(x, y, width, height)
            painter.drawRect(cell)
            if text:
                painter.drawText(cell.adjusted(self.pad, self.pad, -self.pad, -self.pad), text, self.wrap)
            x += width


def set_a4_landscape(device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
        QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM), QPageLayout.Unit.Millimeter,
    ))


def render_book(device: QPagedPaintDevice, entries: Iterable[BookRow], corrections: Mapping[int, Sequence[int]],
                header: BookHeader, documents: IdDocuments | None = None) -> int:
    """Draw the book on ``device`` (a printer or a PDF writer, already laid out A4 landscape); return pages.

    ``documents`` names the ID documents (the shop's table; the bundled one when None)."""
    return BookRenderer(device, header, documents).render(entries, corrections)


def write_book_pdf(path: Path, entries: Iterable[BookRow], corrections: Mapping[int, Sequence[int]],
                   header: BookHeader, documents: IdDocuments | None = None) -> int:
    """Write the book as a PDF at ``path`` (replaced only once it is whole); return the number of pages."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        writer = QPdfWriter(str(partial))
        writer.setTitle(f"古物台帳 {header.first.isoformat()}〜{header.last.isoformat()}")
        writer.setCreator(header.shop.name or "intake-kiosk")
        writer.setResolution(300)
        set_a4_landscape(writer)
        pages = render_book(writer, entries, corrections, header, documents)
        del writer  # QPdfWriter finishes the file when it goes
        partial.write_bytes(ideographs_as_text(partial.read_bytes()))
        os.replace(partial, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return pages


# Qt names each glyph in the PDF's ToUnicode map by the lowest code point the font maps to it. A CJK
# font draws 田 (U+7530) and the Kangxi radical ⽥ (U+2F65) with one glyph, so the names in a copied or
# searched text would be radicals. Each radical is put back as its ideograph (its NFKC form), in place:
# the same four hex digits, so no offset in the file moves.
_RADICALS = re.compile(rb"<(2[EF][0-9A-F]{2})>")
_TO_UNICODE_MAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)


def ideographs_as_text(pdf: bytes) -> bytes:
    """The PDF with every CJK radical in its ToUnicode maps replaced by the ideograph it stands for."""
    def ideograph(match: re.Match[bytes]) -> bytes:
        radical = chr(int(match[1], 16))
        plain = unicodedata.normalize("NFKC", radical)
        if len(plain) != 1 or ord(plain) > 0xFFFF or plain == radical:
            return match[0]
        return b"<%04X>" % ord(plain)

    def cmap(match: re.Match[bytes]) -> bytes:
        # Only destinations change; a source code is a glyph index in the subset, far below 0x2E80 here, and
        # the same substitution on one would still keep the length.
        return _RADICALS.sub(ideograph, match[0])

    return _TO_UNICODE_MAP.sub(cmap, pdf)


def print_book_command(location: LedgerLocation, data_dir: Path, first: dt.date, last: dt.date, out: Path) -> int:
    """``kiosk ledger print``: the PDF of a date range, drawn offscreen; exit status as the CLI's."""
    try:
        out = Path(out)
        check_output_path(out, location.files())
        shop = ShopSettings.load(data_dir) if data_dir.is_dir() else ShopSettings()
        documents = load_id_documents(data_dir)
        with location.open(read_only=True) as ledger:
            header = BookHeader(shop, first, last, dt.datetime.now().astimezone())
            _offscreen_application()
            entries = list(ledger.book_between(first, last))
            pages = write_book_pdf(out, entries, ledger.corrections_between(first, last), header, documents)
    except (LedgerError, ExportError, SettingsError, IdDocumentsError) as exc:
        print(f"kiosk ledger print: {exc}", file=sys.stderr)
        return 1
    missing = shop.missing_for_paper()
    if missing:
        print(f"kiosk ledger print: warning: the shop settings lack {', '.join(missing)}; the header says 未設定 "
              f"(set them with `kiosk settings set`)", file=sys.stderr)
    count = sum(1 for entry in entries if entry.kind == EntryKind.INTAKE)
    print(f"{count} entries of {first} to {last} on {pages} pages written to {out}", file=sys.stderr)
    return 0


def _offscreen_application() -> QGuiApplication:
    """A QGuiApplication for drawing, without a display unless the caller chose a platform."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["kiosk"])
