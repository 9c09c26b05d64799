"""``python -m kiosk``: the core's commands alone; the ``kiosk`` program (with the window) is intake_kiosk."""

import sys

from kiosk.cli import main

sys.exit(main())
