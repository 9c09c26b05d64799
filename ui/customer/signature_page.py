"""The seller signs the purchase on the customer screen: what they sell, for how much, the declaration, a pad.

The counter asks for it (:meth:`ui.customer.window.CustomerWindow.request_signature`)
once the phone is graded and priced; the signature goes back to that intake and
is stored with its personal data (:mod:`kiosk.signature`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.signature import MAX_POINTS, MAX_STROKES, Signature
from ui.customer.language import CustomerLanguage
from ui.customer.pages import Page, wrapped_label
from ui.customer.touch import TouchButton
from ui.statement_pdf import stroke_path
from ui.widgets import set_tone

#: A finger moves a pixel at a time; points closer than this add nothing to the line but bytes.
MIN_POINT_DISTANCE = 2.5
PEN_WIDTH = 4
_TOUCH_EVENTS = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)


@dataclass(frozen=True)
class SignatureRequest:
    """What the seller signs for, as the counter has it."""

    phone: str
    price_yen: int


class SignaturePad(QWidget):
    """Draw with a finger (touch) or a mouse; keeps the strokes, never an image."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 160)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        #: The strokes reached the most points (or strokes) a signature may have; more drawing is not kept.
        self.full = False

    def sizeHint(self) -> QSize:
        return QSize(900, 300)

    def is_empty(self) -> bool:
        return not self._strokes

    def point_count(self) -> int:
        return sum(len(stroke) for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.full = False
        self.update()
        self.changed.emit()

    def signature(self) -> Signature | None:
        """The strokes as a checked :class:`Signature`; None while nothing is drawn."""
        if not self._strokes:
            return None
        return Signature.from_points(self.width(), self.height(),
                                     [[(point.x(), point.y()) for point in stroke] for stroke in self._strokes])

    # -- input: mouse, and touch (accepted here, so Qt makes no mouse events of it) ---------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def event(self, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS:
            points = event.points()  # type: ignore[attr-defined]
            if event.type() == QEvent.Type.TouchBegin and points:
                self._begin(points[0].position())
            elif event.type() == QEvent.Type.TouchUpdate and points and self._drawing:
                self._extend(points[0].position())
            else:
                self._end()
            event.accept()
            return True
        return super().event(event)

    def _begin(self, position: QPointF) -> None:
        if self.point_count() >= MAX_POINTS or len(self._strokes) >= MAX_STROKES:
            self._show_full()
            return
        self._drawing = True
        self._strokes.append([self._inside(position)])
        self.update()
        self.changed.emit()

    def _extend(self, position: QPointF) -> None:
        point, stroke = self._inside(position), self._strokes[-1]
        last = stroke[-1]
        if math.hypot(point.x() - last.x(), point.y() - last.y()) < MIN_POINT_DISTANCE:
            return
        if self.point_count() >= MAX_POINTS:
            self._show_full()
            return
        stroke.append(point)
        self.update()

    def _end(self) -> None:
        self._drawing = False

    def _show_full(self) -> None:
        self._drawing = False
        if not self.full:
            self.full = True
            self.changed.emit()

    def _inside(self, position: QPointF) -> QPointF:
        return QPointF(min(max(position.x(), 0.0), float(self.width())),
                       min(max(position.y(), 0.0), float(self.height())))

    # -- drawing ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        old, new = event.oldSize(), event.size()
        if old.width() > 0 and old.height() > 0 and self._strokes:
            # A relayout (a language switch) keeps what was drawn where it was on the pad.
            sx, sy = new.width() / old.width(), new.height() / old.height()
            self._strokes = [[QPointF(p.x() * sx, p.y() * sy) for p in stroke] for stroke in self._strokes]
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#1f5fa8"), 2))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        # A line to sign on, with the usual ✕ at its start.
        baseline = self.height() * 3 // 4
        painter.setPen(QPen(QColor("#b8c4d4"), 2))
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        painter.drawText(24, baseline - 10, "×")
        painter.setPen(QPen(QColor("black"), PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            painter.drawPath(stroke_path((point.x(), point.y()) for point in stroke))
        painter.end()


class SignaturePage(Page):
    """What is sold and for how much, the declaration, the pad; Sign, Clear, or not sign here."""

    def __init__(self, words: CustomerLanguage, parent: QWidget | None = None):
        super().__init__(words, parent)
        self._request: SignatureRequest | None = None
        self.summary = wrapped_label("signatureSummary")
        self.declaration = wrapped_label("signatureDeclaration")
        self.pad = SignaturePad()
        self.hint = wrapped_label("signatureHint")
        self.content.setSpacing(8)
        self.content.addWidget(self.summary)
        self.content.addWidget(self.declaration)
        self.content.addWidget(self.pad, 1)
        self.content.addWidget(self.hint)
        self.add_back_button()
        self.clear_button = TouchButton("clearButton")
        self.clear_button.clicked.connect(self.pad.clear)
        self.footer.addWidget(self.clear_button)
        self.footer.addSpacing(24)
        self.add_next_button()
        self.pad.changed.connect(self._show_state)
        self.layout().setSpacing(8)

    def set_request(self, request: SignatureRequest) -> None:
        self._request = request
        self.pad.clear()
        self.retranslate()

    def signature(self) -> Signature | None:
        return self.pad.signature()

    def clear(self) -> None:
        self._request = None
        self.pad.clear()

    def retranslate(self) -> None:
        super().retranslate()
        translate = self.words.translate
        self.title.setText(translate("CustomerScreen", "Your signature"))
        request = self._request
        self.summary.setText("" if request is None else translate(
            "CustomerScreen", "You sell: {phone}, for {price} yen").format(phone=request.phone,
                                                                          price=f"{request.price_yen:,}"))
        # The same declaration as the purchase statement's (kiosk.statement.DECLARATION; a test keeps them equal).
        self.declaration.setText(translate(
            "CustomerScreen", "I declare that this phone is mine and was not stolen or obtained by any other unlawful "
                              "means. I agree to the above and to the price, and I sell the phone to the shop. I have "
                              "erased the data on the phone myself."))
        self.back_button.setText(translate("CustomerScreen", "Do not sign here"))
        self.clear_button.setText(translate("CustomerScreen", "Clear and sign again"))
        self.next_button.setText(translate("CustomerScreen", "Sign"))
        self._show_state()

    def _show_state(self) -> None:
        translate = self.words.translate
        self.next_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())
        if self.pad.full:
            self.hint.setText(translate("CustomerScreen", "The box is full. Tap “Clear and sign again” to start "
                                                          "over, or “Sign” to keep it as it is."))
            set_tone(self.hint, "unknown")
        else:
            self.hint.setText(translate("CustomerScreen", "Sign inside the box with your finger. It is printed on "
                                                          "your purchase statement."))
            set_tone(self.hint, "")
