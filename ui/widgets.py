"""Small pieces shared by the widgets: re-reading texts on a language switch, tones, questions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class Retranslating:
    """Mixin for a widget that sets its texts in ``retranslate()``.

    Qt sends ``LanguageChange`` to every widget when a translator is installed
    or removed; the widget then shows the new language at once.
    """

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour a label by meaning (``ok``, ``unknown``, ``bad``, ``info``, ``""``) through the style sheet."""
    set_style_property(widget, "tone", tone)


def set_style_property(widget: QWidget, name: str, value) -> None:
    """Set a dynamic property that the style sheet selects on, and restyle the widget."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    # A dynamic property only restyles once the widget is polished again.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    # A style may change the font (bold), and with it the height a wrapped label needs.
    widget.updateGeometry()


def text_height(label: QLabel, lines: int) -> int:
    """The height ``lines`` lines of mixed Japanese and Latin text take in ``label``'s font and style.

    Japanese glyphs come from a fallback font whose lines are taller than the
    Latin font's metrics say, so the height is measured on such text (once per
    style: every phone's form asks).
    """
    key = (label.objectName(), label.font().toString(), lines)
    if key not in _TEXT_HEIGHTS:
        sample = QLabel("\n".join(["台帳 Ag"] * lines))
        sample.setObjectName(label.objectName())
        sample.setFont(label.font())
        sample.ensurePolished()
        _TEXT_HEIGHTS[key] = sample.sizeHint().height()
    return _TEXT_HEIGHTS[key]


_TEXT_HEIGHTS: dict[tuple[str, str, int], int] = {}


def ask_before(parent: QWidget, title: str, text: str, go: QMessageBox.StandardButton, go_text: str,
               answered: Callable[[QMessageBox.StandardButton], object]) -> QMessageBox:
    """Ask before something that cannot be undone; Cancel is the default. ``answered`` gets the button chosen.

    The box is opened, not executed: the GUI thread goes on while it waits for staff.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, go | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(go).setText(go_text)
    box.finished.connect(lambda result: answered(QMessageBox.StandardButton(result)))
    box.open()
    return box
