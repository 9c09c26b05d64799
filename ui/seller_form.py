"""The seller and the identity check: the ledger's fields (古物営業法 §15, §16)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget,
)

from kiosk.intake import IdCheck, IdMethod, Seller
from ui import labels
from ui.typed_fields import DateField
from ui.widgets import Retranslating, set_tone


class SellerForm(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, adult_age: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._adult_age = adult_age
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.address = QLineEdit()
        self.address.setMaxLength(256)
        self.occupation = QLineEdit()
        self.occupation.setMaxLength(80)
        self.date_of_birth = DateField()
        self.age = QLabel()
        self.guardian_consent = QCheckBox()
        self.id_method = QComboBox()
        self.id_method.addItem("", None)
        # Item data holds the enum's value: Qt would hand a str-based enum back as a plain str.
        for method in IdMethod:
            self.id_method.addItem("", method.value)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(64)
        self.suspected_theft = QCheckBox()
        self.suspected_theft.setObjectName("suspectedTheft")
        self._captions = [QLabel() for _ in range(6)]

        birth_row = QHBoxLayout()
        birth_row.addWidget(self.date_of_birth)
        birth_row.addWidget(self.age, 1)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, field in zip(self._captions,
                                  (self.name, self.address, self.occupation, birth_row, self.id_method, self.id_number)):
            form.addRow(caption, field)
        form.insertRow(4, "", self.guardian_consent)
        form.addRow(self.suspected_theft)

        for edit in (self.name, self.address, self.occupation, self.id_number):
            edit.textChanged.connect(self.changed)
        self.date_of_birth.textChanged.connect(self._birth_changed)
        for box in (self.guardian_consent, self.suspected_theft):
            box.toggled.connect(self.changed)
        self.id_method.currentIndexChanged.connect(self.changed)
        self.retranslate()

    def seller(self) -> Seller | None:
        """The seller, or None until every ledger field is filled in."""
        texts = [edit.text().strip() for edit in (self.name, self.address, self.occupation)]
        birth = self.birth_date()
        if not all(texts) or birth is None:
            return None
        return Seller(*texts, date_of_birth=birth, guardian_consent=self.guardian_consent.isChecked())

    def set_seller(self, seller: Seller | None) -> None:
        self.name.setText(seller.name if seller else "")
        self.address.setText(seller.address if seller else "")
        self.occupation.setText(seller.occupation if seller else "")
        self.date_of_birth.set_date(seller.date_of_birth if seller else None)
        self.guardian_consent.setChecked(bool(seller and seller.guardian_consent))

    def is_empty(self) -> bool:
        """Nothing of the seller or the ID check typed yet."""
        return not any(edit.text().strip() for edit in (self.name, self.address, self.occupation,
                                                         self.date_of_birth, self.id_number))

    def copy_from(self, other: SellerForm) -> None:
        """The same seller selling another phone: their details and ID check, as typed there."""
        for mine, theirs in ((self.name, other.name), (self.address, other.address),
                             (self.occupation, other.occupation), (self.date_of_birth, other.date_of_birth)):
            mine.setText(theirs.text())
        self.guardian_consent.setChecked(other.guardian_consent.isChecked())
        self.id_method.setCurrentIndex(other.id_method.currentIndex())
        self.id_number.setText(other.id_number.text())

    def id_check(self) -> IdCheck | None:
        method, number = self.id_method.currentData(), self.id_number.text().strip()
        return IdCheck(IdMethod(method), number) if method is not None and number else None

    def set_id_check(self, id_check: IdCheck | None) -> None:
        self.id_method.setCurrentIndex(self.id_method.findData(id_check.method.value) if id_check else 0)
        self.id_number.setText(id_check.document_number if id_check else "")

    def birth_date(self) -> dt.date | None:
        """The date of birth typed, or None while it is empty, not a date or in the future."""
        date = self.date_of_birth.date()
        return date if date is not None and date <= dt.date.today() else None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Seller and ID check"))
        for caption, text in zip(self._captions, (
            self.tr("Name"), self.tr("Address"), self.tr("Occupation"), self.tr("Date of birth"),
            self.tr("ID document"), self.tr("Document number"),
        )):
            caption.setText(text)
        self.guardian_consent.setText(self.tr("A guardian consented (minor)"))
        self.id_method.setItemText(0, self.tr("Not checked yet"))
        for index, method in enumerate(IdMethod, start=1):
            self.id_method.setItemText(index, labels.id_method_name(method))
        self.suspected_theft.setText(self.tr("Suspected stolen goods"))
        self._show_age()

    def _birth_changed(self) -> None:
        self._show_age()
        self.changed.emit()

    def _show_age(self) -> None:
        birth = self.birth_date()
        if birth is None:
            typed = self.date_of_birth.date()
            if self.date_of_birth.is_empty():
                self.age.setText("")
            elif typed is None:
                self.age.setText(self.tr("Not a date (e.g. 19850412)"))
            else:
                self.age.setText(self.tr("In the future"))
            set_tone(self.age, "" if self.date_of_birth.is_empty() else "bad")
            return
        # Seller.age_on is the core's rule; the name fields do not matter for it.
        age = Seller("", "", "", birth).age_on(dt.date.today())
        self.age.setText(self.tr("Age %n", "", age))
        set_tone(self.age, "bad" if age < self._adult_age else "")
