"""The seller and the identity check: the ledger's fields (古物営業法 §15, §16).

The ID fields follow the document table (``kiosk.id_documents``): a My Number
card or a health-insurance card has no number field at all; ``other`` asks for
the document's name; a passport asks for its issue date, and from 2020-02-04 for
a second document that proves the address. A minor's row asks how the guardian
consented and who they are. Text is cleaned by the same function as the CLI's,
and a character the Shift_JIS export could not hold is flagged under its field.
Dates are typed as staff type them (``ui.typed_fields.DateField``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget,
)

from kiosk.export import describe_characters, unwritable_in_cp932
from kiosk.id_documents import IdCheck, IdDocuments, bundled_id_documents, id_check_problems
from kiosk.intake import OLDEST_AGE, ConsentMethod, GuardianConsent, Seller, birth_date_problem, clean_field
from ui import labels
from ui.typed_fields import DateField
from ui.widgets import Retranslating, set_tone

# Lengths as the CLI bounds them.
_LIMITS = {"name": 120, "address": 256, "occupation": 80, "id_number": 64, "id_name": 80, "second_number": 64,
           "guardian_name": 120, "guardian_relationship": 40, "guardian_contact": 80}


class SellerForm(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, adult_age: int, parent: QWidget | None = None, documents: IdDocuments | None = None):
        super().__init__(parent)
        self._adult_age = adult_age
        # The shop's document table: the built-in kinds and the shop's own.
        self._documents = bundled_id_documents() if documents is None else documents
        self.edits: dict[str, QLineEdit] = {}
        self.cp932_warnings: dict[str, QLabel] = {}
        for name, limit in _LIMITS.items():
            edit = QLineEdit()
            edit.setMaxLength(limit)
            self.edits[name] = edit
            warning = QLabel()
            warning.setWordWrap(True)
            warning.hide()
            set_tone(warning, "unknown")
            self.cp932_warnings[name] = warning
        self.name, self.address, self.occupation = self.edits["name"], self.edits["address"], self.edits["occupation"]
        self.id_number, self.id_name = self.edits["id_number"], self.edits["id_name"]
        self.second_number = self.edits["second_number"]
        self.date_of_birth = DateField()
        self.age = QLabel()
        self.id_method = self._method_combo()
        self.issued_on = DateField()
        self.second_method = self._method_combo(proving_address=True)
        self.id_hint = QLabel()
        self.id_hint.setWordWrap(True)
        self.consent_method = QComboBox()
        self.consent_method.addItem("", None)
        for method in ConsentMethod:
            self.consent_method.addItem("", method.value)
        self.suspected_theft = QCheckBox()
        self.suspected_theft.setObjectName("suspectedTheft")
        self._captions: dict[str, QLabel] = {}

        birth_row = QHBoxLayout()
        birth_row.addWidget(self.date_of_birth)
        birth_row.addWidget(self.age, 1)
        self._form = form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, field in (
            ("name", self.name), ("address", self.address), ("occupation", self.occupation),
            ("date_of_birth", birth_row), ("consent_method", self.consent_method),
            ("guardian_name", self.edits["guardian_name"]),
            ("guardian_relationship", self.edits["guardian_relationship"]),
            ("guardian_contact", self.edits["guardian_contact"]),
            ("id_method", self.id_method), ("id_name", self.id_name), ("id_number", self.id_number),
            ("issued_on", self.issued_on), ("second_method", self.second_method),
            ("second_number", self.second_number),
        ):
            caption = QLabel()
            self._captions[key] = caption
            form.addRow(caption, field)
            if key in self.cp932_warnings:
                form.addRow("", self.cp932_warnings[key])
        form.addRow("", self.id_hint)
        form.addRow(self.suspected_theft)

        for name, edit in self.edits.items():
            edit.textChanged.connect(lambda _text, name=name: self._text_changed(name))
        self.date_of_birth.textChanged.connect(self._birth_changed)
        self.issued_on.textChanged.connect(self._id_changed)
        self.suspected_theft.toggled.connect(self.changed)
        for combo in (self.id_method, self.second_method):
            combo.currentIndexChanged.connect(self._id_changed)
        self.consent_method.currentIndexChanged.connect(self.changed)
        self.retranslate()
        self._show_id_fields()
        self._show_guardian_fields()

    def _method_combo(self, proving_address: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.addItem("", None)
        for method, document in self._documents.items():
            if not proving_address or (document.address_if_issued_before is None and "address" in document.proves):
                combo.addItem("", str(method))
        return combo

    # -- reading the form ------------------------------------------------------------

    def text(self, name: str) -> str | None:
        return clean_field(self.edits[name].text(), _LIMITS[name])

    def seller(self) -> Seller | None:
        """The seller, or None until every ledger field is filled in (and a minor's guardian, if one is named)."""
        texts = [self.text(name) for name in ("name", "address", "occupation")]
        birth = self.birth_date()
        if birth is None or birth_date_problem(birth, dt.date.today()):
            return None
        name, address, occupation = texts
        if name is None or address is None or occupation is None:
            return None
        return Seller(name, address, occupation, date_of_birth=birth, guardian=self.guardian())

    def guardian(self) -> GuardianConsent | None:
        method = self.consent_method.currentData()
        name, relationship, contact = (self.text(key) for key in
                                       ("guardian_name", "guardian_relationship", "guardian_contact"))
        if method is None or name is None or relationship is None or contact is None:
            return None
        return GuardianConsent(ConsentMethod(method), name, relationship, contact)

    def set_seller(self, seller: Seller | None) -> None:
        self.name.setText(seller.name if seller else "")
        self.address.setText(seller.address if seller else "")
        self.occupation.setText(seller.occupation if seller else "")
        self.date_of_birth.set_date(seller.date_of_birth if seller else None)
        guardian = seller.guardian if seller else None
        self.consent_method.setCurrentIndex(self.consent_method.findData(guardian.method.value) if guardian else 0)
        self.edits["guardian_name"].setText(guardian.name if guardian else "")
        self.edits["guardian_relationship"].setText(guardian.relationship if guardian else "")
        self.edits["guardian_contact"].setText(guardian.contact if guardian else "")

    def id_check(self) -> IdCheck | None:
        """The ID check, or None while it is incomplete or not allowed (the grade then holds)."""
        check = self._entered_id_check()
        return check if check is not None and not id_check_problems(check, self._documents) else None

    def _entered_id_check(self) -> IdCheck | None:
        method = self.id_method.currentData()
        if method is None:
            return None
        document = self._documents[method]
        second_method = self.second_method.currentData()
        issued_on = self.issued_on.date()
        needs_second = document.address_if_issued_before is not None and not document.proves_address(issued_on)
        return IdCheck(
            method=method,
            document_number=self.text("id_number") if document.number != "never" else None,
            document_name=self.text("id_name") if document.needs_name else None,
            issued_on=issued_on if document.address_if_issued_before is not None else None,
            address_document=(IdCheck(second_method, document_number=self.text("second_number"))
                              if needs_second and second_method is not None else None),
        )

    def set_id_check(self, id_check: IdCheck | None) -> None:
        self.id_method.setCurrentIndex(self.id_method.findData(str(id_check.method)) if id_check else 0)
        self.id_number.setText(id_check.document_number or "" if id_check else "")
        self.id_name.setText(id_check.document_name or "" if id_check else "")
        self.issued_on.set_date(id_check.issued_on if id_check else None)
        second = id_check.address_document if id_check else None
        self.second_method.setCurrentIndex(self.second_method.findData(str(second.method)) if second else 0)
        self.second_number.setText(second.document_number or "" if second else "")

    def birth_date(self) -> dt.date | None:
        """The date of birth typed, or None while it is empty or not a date."""
        return self.date_of_birth.date()

    def is_empty(self) -> bool:
        """Nothing of the seller or the ID check typed yet."""
        return self.date_of_birth.is_empty() and not any(edit.text().strip() for edit in self.edits.values())

    def copy_from(self, other: SellerForm) -> None:
        """The same seller selling another phone: their details and ID check, as typed there."""
        for name, edit in self.edits.items():
            edit.setText(other.edits[name].text())
        for mine, theirs in ((self.date_of_birth, other.date_of_birth), (self.issued_on, other.issued_on)):
            mine.setText(theirs.text())
        for combo, source in ((self.consent_method, other.consent_method), (self.id_method, other.id_method),
                              (self.second_method, other.second_method)):
            combo.setCurrentIndex(source.currentIndex())

    # -- showing ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Seller and ID check"))
        for key, text in {
            "name": self.tr("Name"), "address": self.tr("Address"), "occupation": self.tr("Occupation"),
            "date_of_birth": self.tr("Date of birth"), "consent_method": self.tr("Guardian's consent"),
            "guardian_name": self.tr("Guardian's name"), "guardian_relationship": self.tr("Relationship"),
            "guardian_contact": self.tr("Guardian's contact"), "id_method": self.tr("ID document"),
            "id_name": self.tr("Document name"), "id_number": self.tr("Document number"),
            "issued_on": self.tr("Date of issue"), "second_method": self.tr("Document for the address"),
            "second_number": self.tr("Its number"),
        }.items():
            self._captions[key].setText(text)
        self.consent_method.setItemText(0, self.tr("None"))
        for index, method in enumerate(ConsentMethod, start=1):
            self.consent_method.setItemText(index, labels.consent_method_name(method))
        for combo in (self.id_method, self.second_method):
            combo.setItemText(0, self.tr("Not checked yet") if combo is self.id_method else self.tr("Not chosen"))
            for index in range(1, combo.count()):
                combo.setItemText(index, labels.id_method_name(combo.itemData(index), self._documents))
        self.suspected_theft.setText(self.tr("Suspected stolen goods"))
        self._show_age()
        self._show_id_hint()
        for name in self.edits:
            self._show_cp932_warning(name)

    def _text_changed(self, name: str) -> None:
        self._show_cp932_warning(name)
        if name in ("id_number", "id_name", "second_number"):
            self._show_id_hint()
        self.changed.emit()

    def _show_cp932_warning(self, name: str) -> None:
        chars = unwritable_in_cp932(self.edits[name].text())
        warning = self.cp932_warnings[name]
        warning.setVisible(bool(chars))
        if chars:
            warning.setText(self.tr("{characters} cannot be written in a Shift_JIS (cp932) export; "
                                    "the UTF-8 export keeps it.").format(characters=describe_characters(chars)))

    def _id_changed(self) -> None:
        self._show_id_fields()
        self.changed.emit()

    def _show_id_fields(self) -> None:
        method = self.id_method.currentData()
        document = self._documents[method] if method is not None else None
        form = self._form
        form.setRowVisible(self.id_number, document is not None and document.number != "never")
        form.setRowVisible(self.id_name, document is not None and document.needs_name)
        dated = document is not None and document.address_if_issued_before is not None
        form.setRowVisible(self.issued_on, dated)
        needs_second = dated and document is not None and not document.proves_address(self.issued_on.date())
        form.setRowVisible(self.second_method, needs_second)
        form.setRowVisible(self.second_number, needs_second)
        self._show_id_hint()

    def _show_id_hint(self) -> None:
        method = self.id_method.currentData()
        if method is None:
            self.id_hint.hide()
            return
        document = self._documents[method]
        check = self._entered_id_check()
        missing = bool(check is None or id_check_problems(check, self._documents))
        if document.number == "never":
            text = self.tr("Record only that it was shown: its number must not be written down.")
        elif document.address_if_issued_before is not None:
            text = self.tr("A passport issued from 2020-02-04 shows no address: check a second document for it.")
        else:
            text = ""
        if missing:
            text = " ".join(filter(None, (text, self.tr("Fill in the ID check to go on."))))
        self.id_hint.setText(text)
        self.id_hint.setVisible(bool(text))
        set_tone(self.id_hint, "unknown" if missing else "info")

    def _birth_changed(self) -> None:
        self._show_age()
        self._show_guardian_fields()
        self.changed.emit()

    def _show_guardian_fields(self) -> None:
        birth = self.birth_date()
        minor = birth is not None and Seller("", "", "", birth).age_on(dt.date.today()) < self._adult_age
        for widget in (self.consent_method, self.edits["guardian_name"], self.edits["guardian_relationship"],
                       self.edits["guardian_contact"]):
            self._form.setRowVisible(widget, minor)

    def _show_age(self) -> None:
        birth = self.birth_date()
        if birth is None:
            typed = not self.date_of_birth.is_empty()
            self.age.setText(self.tr("Not a date (e.g. 19850412)") if typed else "")
            set_tone(self.age, "bad" if typed else "")
            return
        if birth > dt.date.today():
            self.age.setText(self.tr("In the future"))
            set_tone(self.age, "bad")
            return
        if birth_date_problem(birth, dt.date.today()):
            self.age.setText(self.tr("Check the date: over %n years ago", "", OLDEST_AGE))
            set_tone(self.age, "bad")
            return
        # Seller.age_on is the core's rule; the name fields do not matter for it.
        age = Seller("", "", "", birth).age_on(dt.date.today())
        self.age.setText(self.tr("Age %n", "", age))
        set_tone(self.age, "bad" if age < self._adult_age else "")

