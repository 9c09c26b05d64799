"""Data files of the app (policy, carrier URLs, translations, style).

Not code: use :func:`kiosk.paths.resource` to find a file here.
"""
