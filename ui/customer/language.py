"""The customer screen's own language, apart from the counter's.

The application's translators set the counter's language for every window;
the customer screen instead asks this object for each text. Its strings are in
the same catalogue, under the context ``CustomerScreen``: lupdate finds them in
calls spelt ``words.translate("CustomerScreen", "...")``.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from ui.i18n import Language, catalogue_path

CONTEXT = "CustomerScreen"


class CustomerLanguage:
    """Japanese from the catalogue, or the English source texts."""

    def __init__(self) -> None:
        self._japanese = QTranslator()
        if not self._japanese.load(str(catalogue_path(Language.JAPANESE))):
            raise FileNotFoundError(f"the Japanese translation is missing: {catalogue_path(Language.JAPANESE)}")
        self.language = Language.JAPANESE

    def translate(self, context: str, source: str) -> str:
        if self.language is Language.JAPANESE:
            return self._japanese.translate(context, source) or source
        return source
