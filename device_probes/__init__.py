"""Reading phones over USB: pymobiledevice3 for iPhones, adbutils for Android.

This package knows nothing of ``kiosk`` or ``ui`` and never imports PySide6.
"""
