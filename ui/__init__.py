"""The PySide6 counter app. Qt is imported only inside this package."""
