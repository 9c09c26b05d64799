"""The purchase statement as a PDF, drawn by Qt (QPdfWriter; no print module needed).

The PDF is written to ``statements/`` in the data directory (0600 in a 0700
folder: it holds the seller's personal data, like the ledger beside it), and
opened in the system's PDF viewer, which prints it. It is made again from the
ledger entry whenever it is asked for, so a reprint shows what the ledger holds
now: the signature given on the customer screen, or after a purge
「保存期間経過により消去」. Reading the entry runs on the ledger worker and
drawing on a background thread (:class:`StatementPrinter`); the GUI thread
waits on neither.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor, QDesktopServices, QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPainter, QPainterPath,
    QPdfWriter, QPen, QTextDocument,
)

from kiosk.ledger import Ledger, LedgerEntry
from kiosk.paths import PARTIAL_SUFFIX, statement_path
from kiosk.private_files import create_private_file, make_private_dir
from kiosk.settings import ShopSettings
from kiosk.signature import Signature
from kiosk.statement import SIGNATURE, SIGNED_ON, Statement, statement_for
from ui.background import Gateway
from ui.ledger_ops import LedgerClient

__all__ = ["StatementPrinter", "open_in_viewer", "statement_html", "statement_path", "write_statement_pdf"]

#: Families tried in order for the Japanese text; the first one installed is embedded.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "Yu Gothic", "Meiryo",
                  "Hiragino Sans", "MS Gothic")
RESOLUTION_DPI = 300
#: The signature in the box, in the document's units, and the picture drawn for it (pixels):
#: four pixels a unit (384 per inch), so it prints sharp at 300 dpi. (Qt stores the picture as JPEG.)
SIGNATURE_BOX = (240, 80)
SIGNATURE_PIXELS_PER_UNIT = 4
SIGNATURE_PEN_PIXELS = 5
_SIGNATURE_URL = "kiosk-statement:signature"


def write_statement_pdf(statement: Statement, path: Path) -> Path:
    """Draw the statement on A4 and write it to ``path`` (replaced in one step). Safe off the GUI thread."""
    make_private_dir(path.parent)
    partial = path.with_suffix(PARTIAL_SUFFIX)
    create_private_file(partial)  # QPdfWriter writes into it and keeps its mode
    writer = QPdfWriter(str(partial))
    writer.setTitle(statement.title)
    writer.setCreator("intake-kiosk")
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 12, 15, 12), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setDefaultFont(_japanese_font())
    if statement.signature is not None:
        width, height = signature_size(statement.signature)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_SIGNATURE_URL),
                             signature_image(statement.signature, width * SIGNATURE_PIXELS_PER_UNIT,
                                             height * SIGNATURE_PIXELS_PER_UNIT))
    document.setHtml(statement_html(statement))
    # Without a page size of its own, the document is laid out on the writer's page.
    document.print_(writer)
    del writer  # finishes the file
    partial.replace(path)
    return path


def signature_size(signature: Signature) -> tuple[int, int]:
    """The signature's size in the box: as large as fits, its proportions kept."""
    box_width, box_height = SIGNATURE_BOX
    scale = min(box_width / signature.width, box_height / signature.height)
    return max(1, round(signature.width * scale)), max(1, round(signature.height * scale))


def signature_image(signature: Signature, width: int, height: int) -> QImage:
    """The strokes drawn black on white, scaled to ``width`` × ``height`` pixels (QImage: any thread)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black"), SIGNATURE_PEN_PIXELS, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.scale(width / signature.width, height / signature.height)
        for points in signature.polylines():
            painter.drawPath(stroke_path(points))
    finally:
        painter.end()
    return image


def stroke_path(points: Iterable[tuple[float, float]]) -> QPainterPath:
    """One stroke as a path; a single point (a dot) as a tiny line, so the round cap shows it."""
    points = list(points)
    path = QPainterPath(QPointF(*points[0]))
    for x, y in points[1:] or [(points[0][0] + 0.01, points[0][1])]:
        path.lineTo(x, y)
    return path


def open_in_viewer(path: Path) -> bool:
    """Show the PDF in the system's viewer (which prints it); False when none opens."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


#: A value longer than this takes a whole row; shorter ones share a row two by two, so the page
#: keeps room for the signature.
_WIDE_VALUE = 24


def statement_html(statement: Statement) -> str:
    table = 'cellspacing="0" cellpadding="3" border="1" width="100%" style="border-collapse: collapse"'
    reasons = "".join(f"<li>{_e(reason)}</li>" for reason in statement.reasons)
    return f"""
<h2 align="center">{_e(statement.title)}</h2>
<p align="right">{"<br>".join(_e(line) for line in statement.shop)}</p>
<table {table}>{_grid(statement.heading)}</table>
<h4 style="margin-top: 6px; margin-bottom: 2px">買取端末</h4>
<table {table}>{_grid(statement.phone)}</table>
<h4 style="margin-top: 6px; margin-bottom: 2px">判定と買取価格</h4>
<table {table}>{_grid(statement.outcome)}</table>
<p style="margin-bottom: 0">判定の理由</p><ul style="margin-top: 0">{reasons}</ul>
<h4 style="margin-top: 6px; margin-bottom: 2px">売主</h4>
<table {table}>{_grid(statement.seller)}</table>
<p>{_e(statement.declaration)}</p>
<p style="font-size: small">{_e(statement.purpose)}</p>
<table {table}>
<tr><th align="left" width="{_LABEL_WIDTH}">{SIGNATURE}</th><td width="83%">{_signature_cell(statement)}</td></tr>
</table>
"""


_LABEL_WIDTH = "17%"


def _grid(pairs: tuple[tuple[str, str], ...]) -> str:
    """Label and value cells, two pairs to a row where both are short."""
    rows, waiting = [], None
    for label, value in pairs:
        cells = f'<th align="left" width="{_LABEL_WIDTH}">{_e(label)}</th><td width="33%">{_e(value)}</td>'
        if len(value) > _WIDE_VALUE:
            if waiting:
                rows.append(waiting + '<td colspan="2"></td>')
                waiting = None
            rows.append(f'<th align="left" width="{_LABEL_WIDTH}">{_e(label)}</th><td colspan="3">{_e(value)}</td>')
        elif waiting:
            rows.append(waiting + cells)
            waiting = None
        else:
            waiting = cells
    if waiting:
        rows.append(waiting + '<td colspan="2"></td>')
    return "".join(f"<tr>{row}</tr>" for row in rows)


def _signature_cell(statement: Statement) -> str:
    """The signature given on the customer screen, or the erasure, or room to sign; then the day."""
    if statement.signature is not None:
        width, height = signature_size(statement.signature)
        body = (f'<img src="{_SIGNATURE_URL}" width="{width}" height="{height}"><br>'
                f'<span style="font-size: small">{_e(statement.signature_note)}</span>')
    elif statement.signature_note:
        body = _e(statement.signature_note)  # erased by a purge
    else:
        body = "<br><br><br>"  # an empty box, to sign on paper
    # Filled in by hand when signed on paper.
    day = _e(statement.signed_on) if statement.signed_on else f"{'&nbsp;' * 12}年{'&nbsp;' * 6}月{'&nbsp;' * 6}日"
    return f"{body}<br>{SIGNED_ON} {day}"


def _e(text: str) -> str:
    return html.escape(text)


def _japanese_font() -> QFont:
    installed = set(QFontDatabase.families())
    family = next((name for name in JAPANESE_FONTS if name in installed), None)
    font = QFont(family) if family else QFont()
    font.setPointSize(9)
    return font


class StatementPrinter(QObject):
    """Writes an entry's statement without the GUI thread waiting: the entry is read again on the
    ledger worker (so a reprint shows the ledger as it is now), then drawn on a background thread."""

    written = Signal(object)  # the PDF's Path
    failed = Signal(str)  # why, for the status bar

    def __init__(self, ledger: LedgerClient, gateway: Gateway, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._ledger = ledger
        self._gateway = gateway
        self._data_dir = data_dir
        #: Entries whose statement is being written now.
        self._writing: set[int] = set()

    def print_entry(self, entry_id: int, settings: ShopSettings) -> None:
        if entry_id in self._writing:
            return  # a second click while the first is drawn: one file, written once
        self._writing.add(entry_id)
        path = statement_path(self._data_dir, entry_id)

        def read(ledger: Ledger) -> LedgerEntry | None:
            return ledger.entry(entry_id)

        def draw(entry: LedgerEntry | None) -> None:
            if entry is None:
                self._finished(entry_id)
                self.failed.emit(QCoreApplication.translate("StatementPrinter", "entry {number} is not in the "
                                                            "ledger").format(number=entry_id))
                return
            self._gateway.run_in_background(lambda: write_statement_pdf(statement_for(entry, settings), path),
                                            lambda written: self._written(entry_id, written),
                                            lambda error: self._not_written(entry_id, error))

        def unread(error: Exception) -> None:
            self._finished(entry_id)
            self.failed.emit(str(error))

        self._ledger.run(read, draw, unread)

    def _finished(self, entry_id: int) -> None:
        self._writing.discard(entry_id)

    def _written(self, entry_id: int, path: Path) -> None:
        self._finished(entry_id)
        self.written.emit(path)

    def _not_written(self, entry_id: int, error: BaseException) -> None:
        self._finished(entry_id)
        if not isinstance(error, OSError):
            raise error  # a bug: the excepthook shows it
        self.failed.emit(error.strerror or str(error))
