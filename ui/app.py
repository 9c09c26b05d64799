"""Start the counter app: ``run(data_dir, demo, customer_screen)`` is what ``kiosk``, ``kiosk --demo``
and ``kiosk --customer-screen`` call."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from device_probes.service import DeviceService
from kiosk.carriers import CarrierPagesError, load_carrier_pages
from kiosk.grading import Policy, PolicyError
from kiosk.id_documents import IdDocumentsError, load_id_documents
from kiosk.ledger import LedgerError
from kiosk.ledger.location import LedgerLocation
from kiosk.ledger.worker import LedgerWorker
from kiosk.paths import LEDGER_FILENAME, DataDirError, pair_records_dir, resource
from kiosk.private_files import make_private_dir
from kiosk.settings import SettingsError, ShopSettings
from kiosk.staff_pin import StaffPin, StaffPinError
from kiosk.tickets import TicketQueue
from ui.background import Gateway
from ui.customer.queue_panel import TicketQueuePanel
from ui.customer.window import IDLE_SECONDS, CustomerWindow
from ui.devices import DeviceHub
from ui.i18n import Language, Translations, translations_of
from ui.ledger_ops import LedgerClient
from ui.main_window import MainWindow
from ui.signal_handler import SignalHandler

log = logging.getLogger(__name__)
STYLE_SHEET = "style.qss"
#: How long to wait for another copy of the app to let go of the ledger before saying so.
LEDGER_WAIT_SECONDS = 1.0


def run(data_dir: Path, demo: bool, customer_screen: str | None = None,
        customer_idle_seconds: int = IDLE_SECONDS, ledger: LedgerLocation | None = None) -> int:
    """Show the counter window until it is closed; return the exit status.

    ``customer_screen`` also opens the customer screen: full screen on the
    screen of that name, or on a screen other than the primary one when it is
    empty. It needs the staff PIN that closes it. ``ledger`` is a shared ledger
    (default: the ledger file in ``data_dir``).
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    translations = prepare_application(app)
    with contextlib.ExitStack() as cleanup:
        demo_phones = None
        if demo:
            # Imported here: only demo mode needs the simulators.
            from device_probes.sim.phones import SimulatedPhones
            demo_phones = cleanup.enter_context(SimulatedPhones())
        try:
            staff_pin, screen = None, None
            if customer_screen is not None:
                staff_pin, screen = StaffPin.load(data_dir), touchscreen(app, customer_screen)
            counter = CounterApp(data_dir, device_services(data_dir), translations, ledger)
        except (LedgerError, PolicyError, SettingsError, CarrierPagesError, IdDocumentsError, StaffPinError,
                UnknownScreen, DataDirError, OSError) as exc:
            QMessageBox.critical(None, QCoreApplication.translate("App", "The counter cannot start"), str(exc))
            return 1
        # Active until the services have stopped, so a second Ctrl-C during a slow shutdown still ends it.
        signals = handle_signals(counter.window, app.quit, parent=app)
        signals.activate()
        cleanup.callback(signals.deactivate)
        cleanup.callback(counter.shutdown)
        install_excepthook(counter.gateway, counter.window)
        if demo_phones is not None:
            counter.add_demo_panel(demo_phones)
        if staff_pin is not None:
            counter.add_customer_screen(staff_pin, customer_idle_seconds)
        counter.window.show()
        if counter.customer_window is not None:
            counter.customer_window.present(screen)
        counter.start()
        return app.exec()


def handle_signals(window: MainWindow, quit_app: Callable[[], None], parent: QObject | None = None,
                   **handler_options) -> SignalHandler:
    """Ctrl-C asks as the window's ✕ does; SIGTERM (a shutdown) quits without asking (see ui.signal_handler).

    Closing the counter window ends the app as the last window closing does; ``quit_app``
    is called only when another window (the customer screen) would keep it running.
    A second quit would be left queued and close the windows of whatever runs next.
    """

    asked = False

    def end_if_others_stay_open() -> None:
        if any(other.isVisible() for other in QApplication.topLevelWidgets()
               if other is not window and other.isWindow() and other.parentWidget() is None):
            quit_app()

    def ask_to_close() -> None:
        nonlocal asked
        asked = True
        window.request_quit()

    def closed() -> None:
        if asked:
            end_if_others_stay_open()

    def stayed() -> None:
        nonlocal asked
        asked = False
        signals.rearm()

    def close_now() -> None:
        unsaved = window.counter.unsaved_intakes()
        if unsaved:
            log.warning("shutting down: %d intake(s) not saved are not recorded", unsaved)
        window.close_without_asking()
        end_if_others_stay_open()

    signals = SignalHandler(ask_to_close, close_now, parent=parent, **handler_options)
    window.closed.connect(closed)
    window.quit_cancelled.connect(stayed)
    return signals


def prepare_application(app: QApplication) -> Translations:
    """Name, style sheet and the Japanese UI: everything a window needs before it is built."""
    # Qt's raster engine hands every fill of 96 spans or more (a card column's scroll bar,
    # a busy bar) to a thread pool and waits for it: with the probes busy on a two-core
    # PC the GUI thread then waits for those threads to be scheduled (bench/gui_stall.py).
    # The same pixels, drawn on the GUI thread. Qt reads this the first time it would use
    # the pool, so it is set before any window is drawn.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app.setApplicationName("intake-kiosk")
    app.setStyleSheet(resource(STYLE_SHEET).read_text(encoding="utf-8"))
    translations = translations_of(app)
    translations.switch_to(Language.JAPANESE)
    return translations


class UnknownScreen(Exception):
    pass


def touchscreen(app: QApplication, name: str) -> QScreen | None:
    """The screen named ``name``, or without a name the first one that is not the primary;
    None when the PC has only the one screen."""
    screens = app.screens()
    if name:
        named = [screen for screen in screens if screen.name() == name]
        if not named:
            known = ", ".join(screen.name() for screen in screens)
            raise UnknownScreen(f"No screen is named {name!r}; the screens are: {known}.")
        return named[0]
    return next((screen for screen in screens if screen is not app.primaryScreen()), None)


def device_services(data_dir: Path) -> dict[str, DeviceService]:
    """The long-lived iPhone and Android services (imported on first use: pymobiledevice3 is heavy)."""
    from device_probes.android import AndroidDevices, names
    from device_probes.ios import IosDevices

    try:
        names.use_data_dir(data_dir)
    except names.ShopNamesError as exc:
        log.warning("the shop's model names are not used: %s", exc)
    pair_records = pair_records_dir(data_dir)
    return {"ios": IosDevices(pair_records), "android": AndroidDevices()}


class CounterApp:
    """The window with everything it runs on: ledger, policy, background gateway, device hub.

    The ledger's writer lock is taken at once, so a second copy of the app
    stops with a clear message instead of fighting over the ledger and the phones.
    """

    def __init__(self, data_dir: Path, services: dict[str, DeviceService], translations: Translations,
                 ledger: LedgerLocation | None = None):
        make_private_dir(data_dir)
        # The ledger lives on its own thread; the window waits for it only here, before it shows.
        self.ledger = LedgerWorker(ledger or LedgerLocation(path=data_dir / LEDGER_FILENAME),
                                   lock_timeout=LEDGER_WAIT_SECONDS)
        try:
            self.ledger.wait_open()
            self.policy = Policy.load(data_dir)
            self.carrier_pages = load_carrier_pages(data_dir)
            self.id_documents = load_id_documents(data_dir)
            self.settings = ShopSettings.load(data_dir)
        except Exception:
            self.ledger.close()
            raise
        self.gateway = Gateway()
        self.ledger_client = LedgerClient(self.ledger, self.gateway)
        self.hub = DeviceHub(services, self.gateway)
        export_folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                             or Path.home())
        self.window = MainWindow(self.hub, self.gateway, self.policy, self.ledger_client, self.carrier_pages,
                                 translations, export_folder, self.settings, data_dir,
                                 id_documents=self.id_documents)
        self.demo_panel: QWidget | None = None
        self.customer_window: CustomerWindow | None = None
        self.queue_panel: TicketQueuePanel | None = None

    def start(self) -> None:
        self.window.counter.warm_up()
        self.hub.start()

    def add_demo_panel(self, phones) -> None:
        from device_probes.sim.phones import DEMO_PHONES
        from ui.demo import DemoPanel

        self.demo_panel = DemoPanel(phones, self.gateway)
        self.window.add_bottom_panel(self.demo_panel)
        for platform, profile in DEMO_PHONES:
            self.demo_panel.plug(platform, profile)

    def add_customer_screen(self, staff_pin: StaffPin, idle_seconds: int) -> None:
        """The customer screen, and its queue of tickets beside the phone cards."""
        queue = TicketQueue()
        self.customer_window = CustomerWindow(queue, staff_pin, idle_seconds)
        self.queue_panel = TicketQueuePanel(queue, self.window.counter, self.customer_window)
        self.window.counter.add_above_cards(self.queue_panel)

    def shutdown(self) -> None:
        if self.customer_window is not None:
            self.customer_window.shutdown()
        self.window.close_without_asking()
        self.hub.stop()
        self.gateway.shutdown()
        # Work already queued on the GUI thread (an editor's regrade after the last facts)
        # runs now, while the ledger it reads is still open, and not after.
        QCoreApplication.processEvents()
        self.ledger.close()


def install_excepthook(gateway: Gateway, window: QWidget) -> None:
    """Log every uncaught error and show it in a dialog: nothing fails silently."""

    def show(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught error", exc_info=(exc_type, exc, tb))
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Unexpected error"),
                          QCoreApplication.translate("App", "Something went wrong. The ledger is safe; "
                                                            "entries saved so far are on disk.") + f"\n\n{exc}",
                          QMessageBox.StandardButton.Close, window)
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.open()

    sys.excepthook = show
    # Errors in background threads are shown on the GUI thread.
    threading.excepthook = lambda args: gateway.run_on_main(
        lambda: show(args.exc_type, args.exc_value, args.exc_traceback))
