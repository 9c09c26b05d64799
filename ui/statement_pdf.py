"""The purchase statement as a PDF, drawn by Qt (QPdfWriter; no print module needed).

The PDF is written to ``statements/`` in the data directory, beside the ledger
that holds the same personal data, and opened in the system's PDF viewer,
which prints it. It is made again from the ledger entry whenever it is asked
for, so a reprint is the same document.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from kiosk.statement import Statement

STATEMENTS_DIRNAME = "statements"
#: Families tried in order for the Japanese text; the first one installed is embedded.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "Yu Gothic", "Meiryo",
                  "Hiragino Sans", "MS Gothic")
RESOLUTION_DPI = 300


def statement_path(data_dir: Path, entry_id: int) -> Path:
    return data_dir / STATEMENTS_DIRNAME / f"statement-{entry_id:06d}.pdf"


def write_statement_pdf(statement: Statement, path: Path) -> Path:
    """Draw the statement on A4 and write it to ``path`` (replaced in one step)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    writer = QPdfWriter(str(partial))
    writer.setTitle(statement.title)
    writer.setCreator("intake-kiosk")
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 12, 15, 12), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setDefaultFont(_japanese_font())
    document.setHtml(statement_html(statement))
    # Without a page size of its own, the document is laid out on the writer's page.
    document.print_(writer)
    del writer  # finishes the file
    partial.replace(path)
    return path


def open_in_viewer(path: Path) -> bool:
    """Show the PDF in the system's viewer (which prints it); False when none opens."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def statement_html(statement: Statement) -> str:
    def rows(pairs) -> str:
        return "".join(f'<tr><th align="left" width="22%">{_e(label)}</th><td>{_e(value)}</td></tr>'
                       for label, value in pairs)

    table = 'cellspacing="0" cellpadding="3" border="1" width="100%" style="border-collapse: collapse"'
    reasons = "".join(f"<li>{_e(reason)}</li>" for reason in statement.reasons)
    return f"""
<h2 align="center">{_e(statement.title)}</h2>
<p align="right">{"<br>".join(_e(line) for line in statement.shop)}</p>
<table {table}>{rows(statement.heading)}</table>
<h4 style="margin-top: 6px; margin-bottom: 2px">買取端末</h4>
<table {table}>{rows(statement.phone)}</table>
<h4 style="margin-top: 6px; margin-bottom: 2px">判定と買取価格</h4>
<table {table}>{rows(statement.outcome)}</table>
<p style="margin-bottom: 0">判定の理由</p><ul style="margin-top: 0">{reasons}</ul>
<h4 style="margin-top: 6px; margin-bottom: 2px">売主</h4>
<table {table}>{rows(statement.seller)}</table>
<p>{_e(statement.declaration)}</p>
<p style="font-size: small">{_e(statement.purpose)}</p>
<table {table}>
<tr><th align="left" width="22%">署名日</th><td>{"&nbsp;" * 12}年{"&nbsp;" * 6}月{"&nbsp;" * 6}日</td></tr>
<tr><th align="left" width="22%">売主署名</th><td><br><br><br></td></tr>
</table>
"""


def _e(text: str) -> str:
    return html.escape(text)


def _japanese_font() -> QFont:
    installed = set(QFontDatabase.families())
    family = next((name for name in JAPANESE_FONTS if name in installed), None)
    font = QFont(family) if family else QFont()
    font.setPointSize(9)
    return font
