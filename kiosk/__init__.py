"""The Qt-free core: device facts + staff input -> grade -> ledger -> CSV.

Nothing here imports PySide6 (a test enforces it); ``ui`` adapts it to Qt.
"""
