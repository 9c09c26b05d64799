"""The UI language: Japanese by default, English on request, switched at once.

The source strings in the code are English, so English needs no catalogue
except for plural forms; Japanese comes from ``resources/translations/kiosk_ja.qm``.
Qt's own strings (standard buttons, file dialogs) come from Qt's ``qtbase`` catalogue.
Switching installs the new translators; Qt then sends every widget a
``QEvent.LanguageChange`` and each one re-reads its texts.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kiosk.paths import resource

TRANSLATIONS_DIR = "translations"


class Language(str, enum.Enum):
    JAPANESE = "ja"
    ENGLISH = "en"


def catalogue_path(language: Language) -> Path:
    return Path(str(resource(f"{TRANSLATIONS_DIR}/kiosk_{language.value}.qm")))


class Translations:
    """Owns the installed translators of one application."""

    def __init__(self, app: QCoreApplication):
        self._app = app
        self._installed: list[QTranslator] = []
        self.language: Language | None = None

    def switch_to(self, language: Language) -> None:
        if language is self.language:
            return
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        ours = QTranslator(self._app)
        if not ours.load(str(catalogue_path(language))):
            raise FileNotFoundError(f"the {language.value} translation is missing: {catalogue_path(language)}")
        self._installed.append(ours)
        qt_own = QTranslator(self._app)
        if qt_own.load(QLocale(language.value), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt_own)
        # The language is set before the translators go in: installing one sends
        # LanguageChange, and the widgets that pick from the core's ja/en texts
        # read it then.
        global _current
        self.language = _current = language
        QLocale.setDefault(QLocale(language.value))
        for translator in self._installed:
            self._app.installTranslator(translator)


def translations_of(app: QCoreApplication) -> Translations:
    """The application's one set of translators (created on first use).

    One per application, so that whoever switches the language removes the
    translators that are installed, whoever installed them.
    """
    global _translations
    if _translations is None or _translations._app is not app:
        _translations = Translations(app)
    return _translations


_translations: Translations | None = None


def current_language() -> Language:
    """The language the widgets show now (Japanese until switched)."""
    return _current


_current = Language.JAPANESE


def in_current_language(ja: str, en: str) -> str:
    """Pick one of the core's two texts (outcomes, reasons) for the current language."""
    return ja if current_language() is Language.JAPANESE else en


def problem_text(error: Exception) -> str:
    """A core error's message for the current language: its Japanese where the core wrote one (``error.ja``)."""
    ja = getattr(error, "ja", None)
    return in_current_language(ja, str(error)) if isinstance(ja, str) else str(error)
