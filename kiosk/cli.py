"""The core's commands: grade, record, export, verify, probe, sim and set-pin, from a script.

JSON in on stdin, JSON out on stdout, messages on stderr. Exit status: 0 done;
1 the ledger failed verification, or a file/ledger problem; 2 bad input or usage.

The ``kiosk`` program itself is :mod:`intake_kiosk`, which adds the window to
these commands; this module knows nothing of the GUI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import paths, staff_pin

if TYPE_CHECKING:
    from kiosk.hotlist import NoticeDraft
    from kiosk.intake import Intake
    from kiosk.ledger import Ledger, LedgerEntry, Seal
    from kiosk.ledger.location import LedgerLocation

# The ledger, grading and export are imported by the commands that use them, so that
# `kiosk probe` (and `kiosk sim`) start without them.

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    def __init__(self, message: str, status: int = EXIT_FAILED):
        super().__init__(message)
        self.status = status


def main(argv: list[str] | None = None) -> int:
    """The core's commands on their own (``python -m kiosk``)."""
    common = common_options()
    parser = argparse.ArgumentParser(prog="kiosk", parents=[common], description="Counter intake kiosk: "
                                     "grade, record and export from a script, and read phones.")
    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True), common)
    return run_command(parser.parse_args(argv))


def run_command(args: argparse.Namespace) -> int:
    """Run the command ``args`` names; every failure is a message on stderr and an exit status."""
    try:
        status: int = args.run(args)
        return status
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except CommandError as exc:
        print(f"kiosk {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except Exception as exc:
        failed = _exit_status_for(exc)
        if failed is None:
            raise
        print(f"kiosk {args.command}: {exc}", file=sys.stderr)
        return failed


def _exit_status_for(exc: Exception) -> int | None:
    """The exit status for the core's own errors; None for anything else (a bug)."""
    from kiosk.export import ExportError
    from kiosk.grading import PolicyError
    from kiosk.id_documents import IdDocumentsError
    from kiosk.intake import IntakeError
    from kiosk.ledger import LedgerError
    from kiosk.ledger.location import LedgerLocationError
    from kiosk.pricing import PriceTableError
    from kiosk.settings import SettingsError, SettingsFileError

    if isinstance(exc, (SettingsFileError, IdDocumentsError)):
        return EXIT_FAILED
    if isinstance(exc, (IntakeError, PolicyError, LedgerLocationError, SettingsError, PriceTableError)):
        return EXIT_BAD_INPUT
    if isinstance(exc, (LedgerError, ExportError, paths.DataDirError)):
        return EXIT_FAILED
    return None


def common_options() -> argparse.ArgumentParser:
    """The options every command takes (a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help=f"where the ledger and settings live (default: ${paths.DATA_DIR_VARIABLE}, else the user data dir)",
    )
    common.add_argument(
        "--ledger", metavar="URL", default=argparse.SUPPRESS,
        help=f"a shared ledger on a PostgreSQL server, as postgresql://USER@HOST/DBNAME (default: "
             f"${paths.LEDGER_URL_VARIABLE}, else the ledger file in the data folder)",
    )
    common.add_argument("--store", metavar="NAME", default=argparse.SUPPRESS,
                        help=f"this counter's store on a shared ledger (default: ${paths.STORE_VARIABLE})")
    common.add_argument("--counter", metavar="NAME", default=argparse.SUPPRESS,
                        help=f"this counter's name on its entries (default: ${paths.COUNTER_VARIABLE}, "
                             f"else the PC's name)")
    return common


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """Add the core's commands to ``commands``; each sets ``run`` to the function that carries it out.

    Returns the ``ledger`` command's actions, where the program's entry point adds the one that needs Qt
    (``ledger print``).
    """
    grade = commands.add_parser(
        "grade", parents=[common], help="grade one phone: {device, staff[, seller]} JSON on stdin"
    )
    grade.set_defaults(run=run_grade)

    record = commands.add_parser(
        "record", parents=[common], help="grade and append one ledger entry: {device, staff, seller, price_yen} on stdin"
    )
    record.set_defaults(run=run_record)

    export = commands.add_parser("export", parents=[common],
                                 help="write one day or a range of days of the ledger as CSV")
    export.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="one business day")
    export.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                        help="the first business day of a range (with --to)")
    export.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD",
                        help="the last business day of a range (default: the first)")
    export.add_argument("--out", type=Path, metavar="FILE", help="the CSV file (default: stdout)")
    export.add_argument(
        "--encoding", type=_export_encoding, default="utf-8-sig", help="utf-8-sig (the default) or cp932"
    )
    export.set_defaults(run=run_export)

    probe = commands.add_parser("probe", parents=[common], help="read every attached phone once and print its facts")
    probe.add_argument("--json", action="store_true", help="print the facts as JSON (a list, one object per phone)")
    probe.add_argument("--serial", metavar="S", help="only the phone with this UDID or adb serial")
    probe.add_argument("--timeout", type=float, default=10.0, metavar="SEC", help="per phone (default: %(default)s)")
    probe.set_defaults(run=run_probe)

    sim = commands.add_parser(
        "sim", parents=[common], help="run simulated phones until Ctrl-C, for trying the app without a phone"
    )
    sim.add_argument(
        "phones", nargs="*", metavar="PLATFORM:PROFILE",
        help="e.g. ios:iphone13pro_findmy_on android:galaxy_s21 (default: a demo set); --list names them",
    )
    sim.add_argument("--list", action="store_true", help="list the profiles and exit")
    sim.set_defaults(run=run_sim)

    set_pin = commands.add_parser(
        "set-pin", parents=[common], help="set the staff PIN that unlocks the customer screen (asked twice, not shown)"
    )
    set_pin.set_defaults(run=run_set_pin)

    price = commands.add_parser("price", parents=[common], help="the shop's price table (買取価格表)")
    price_commands = price.add_subparsers(dest="price_command", metavar="ACTION", required=True)
    price_import = price_commands.add_parser(
        "import", parents=[common], help="import a price table from CSV (UTF-8 or cp932) or .xlsx as a new version"
    )
    price_import.add_argument("file", type=Path, metavar="FILE")
    price_import.set_defaults(run=run_price_import)
    price_show = price_commands.add_parser("show", parents=[common], help="print the price table in use as JSON")
    price_show.set_defaults(run=run_price_show)

    settings = commands.add_parser(
        "settings", parents=[common], help="show the shop's settings (name, address, licence, phone, staff) as JSON"
    )
    settings.set_defaults(run=run_settings_show)
    settings_commands = settings.add_subparsers(dest="settings_command", metavar="ACTION")
    settings_set = settings_commands.add_parser(
        "set", parents=[common], help="change the settings named in a JSON object on stdin, e.g. "
                                      '{"staff": ["佐藤", "田中"]}'
    )
    settings_set.set_defaults(run=run_settings_set)

    ledger = commands.add_parser("ledger", parents=[common], help="ledger maintenance")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    verify = ledger_commands.add_parser(
        "verify", parents=[common], help="check that no entry was changed, deleted or reordered (read-only)"
    )
    verify.add_argument("--seal", type=_seal, metavar="ID:HASH",
                        help="also check that the ledger still holds this entry, as `ledger head` printed it")
    verify.add_argument("--against", metavar="COPY",
                        help="also check that the ledger still holds the last entry of this backup copy (a ledger "
                             "file, or a postgresql:// URL of a restored pg_dump)")
    verify.set_defaults(run=run_verify)
    head = ledger_commands.add_parser(
        "head", parents=[common], help="print the last entry's id, hash and date: a seal to write down or mail"
    )
    head.set_defaults(run=run_head)
    search = ledger_commands.add_parser(
        "search", parents=[common],
        help="find intakes by IMEI, serial or seller name over a date range; JSON out (read-only)",
    )
    wanted = search.add_mutually_exclusive_group(required=True)
    wanted.add_argument("--imei", help="the whole IMEI (spaces and hyphens are ignored)")
    wanted.add_argument("--serial", help="the whole hardware serial")
    wanted.add_argument("--name", help="part of the seller's name (width, case, spaces and かな/カナ ignored)")
    add_date_range(search)
    search.add_argument("--limit", type=int, metavar="N", help="at most N entries (default: 1000)")
    search.add_argument("--csv", type=Path, metavar="FILE", help="also write the entries found as CSV")
    search.add_argument("--encoding", type=_export_encoding, default="utf-8-sig", metavar="ENCODING",
                        help="of --csv: utf-8-sig or cp932 (default: %(default)s)")
    search.set_defaults(run=run_search)
    purge = ledger_commands.add_parser(
        "purge", parents=[common],
        help="erase the personal data of entries past retention, from before a date (a dry run without --apply)",
    )
    purge.add_argument("--before", required=True, type=_date, metavar="YYYY-MM-DD",
                       help="only entries recorded before this day")
    purge.add_argument("--apply", action="store_true",
                       help="erase them, delete their statement PDFs, and record a purge entry")
    purge.set_defaults(run=run_purge)
    migrate = ledger_commands.add_parser(
        "migrate", parents=[common],
        help="create or upgrade the shared ledger's schema and roles on a PostgreSQL server (as the database's "
             "owner, with --ledger), and add stores",
    )
    migrate.add_argument("--add-store", action="append", default=[], metavar="NAME",
                         help="add a store's chain (repeatable); an existing one is left as it is")
    migrate.set_defaults(run=run_migrate)
    copy = ledger_commands.add_parser(
        "copy", parents=[common],
        help="move this PC's ledger file into a shared ledger's empty store (--store), verifying both sides",
    )
    copy.add_argument("--to", required=True, metavar="URL", help="the shared ledger, postgresql://USER@HOST/DBNAME")
    copy.set_defaults(run=run_copy)

    hotlist_parser = commands.add_parser("hotlist", parents=[common], help="the 品触れ register (古物営業法 §19)")
    hotlist_commands = hotlist_parser.add_subparsers(dest="hotlist_command", metavar="ACTION", required=True)
    add = hotlist_commands.add_parser(
        "add", parents=[common],
        help="add a notice read as JSON on stdin, then list the purchases of the last 6 months it names",
    )
    add.set_defaults(run=run_hotlist_add)
    imported = hotlist_commands.add_parser(
        "import", parents=[common], help="add the notices of a CSV file (UTF-8 or cp932, one item a row; the "
                                         "columns are in the README); a file with a bad row adds nothing",
    )
    imported.add_argument("file", type=Path, metavar="FILE.csv")
    imported.set_defaults(run=run_hotlist_import)
    listed = hotlist_commands.add_parser("list", parents=[common], help="list the notices, expired ones too")
    listed.add_argument("--json", action="store_true", help="as JSON, with their items")
    listed.set_defaults(run=run_hotlist_list)

    police = commands.add_parser("police", parents=[common], help="reports to the police (古物営業法 §15-3)")
    police_commands = police.add_subparsers(dest="police_command", metavar="ACTION", required=True)
    pending = police_commands.add_parser(
        "pending", parents=[common], help="list suspected stolen phones not yet reported to the police"
    )
    pending.set_defaults(run=run_police_pending)
    return ledger_commands


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def add_date_range(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument("--from", dest="first", type=_date, required=required, metavar="YYYY-MM-DD",
                        help="the first business day" + ("" if required else " (default: the first entry)"))
    parser.add_argument("--to", dest="last", type=_date, required=required, metavar="YYYY-MM-DD",
                        help="the last business day" + ("" if required else " (default: today)"))


def _seal(text: str) -> Seal:
    from kiosk.ledger import Seal

    try:
        return Seal.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _idle_seconds(text: str) -> int:
    # Under 20 s a customer reading the "before you sell" steps would be sent back to the start.
    if not text.isdigit() or int(text) < 20:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole seconds, at least 20")
    return int(text)


def data_dir_of(args: argparse.Namespace, create: bool = True) -> Path:
    return paths.data_dir(getattr(args, "data_dir", None), create=create)


def ledger_location(args: argparse.Namespace, create: bool = True) -> LedgerLocation:
    """The book this command works on: ``--ledger``/``KIOSK_LEDGER_URL``, else the file in the data folder."""
    from kiosk.ledger.location import LedgerLocation

    return LedgerLocation.choose(data_dir_of(args, create=create), getattr(args, "ledger", None),
                                 getattr(args, "store", None), getattr(args, "counter", None))


def _export_encoding(text: str) -> str:
    from kiosk.export import ENCODINGS

    if text not in ENCODINGS:
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(ENCODINGS)}")
    return text


def _open_ledger(args: argparse.Namespace) -> Ledger:
    return ledger_location(args).open()


def _open_ledger_read_only(args: argparse.Namespace) -> Ledger:
    """For the commands that only read: nothing is created, not even the data folder."""
    return ledger_location(args, create=False).open(read_only=True)


def _read_json_input() -> Any:
    """stdin as bytes, decoded as strict UTF-8: a wrong byte is bad input, never silently replaced."""
    from kiosk.intake import json_from_bytes

    return json_from_bytes(sys.stdin.buffer.read())


def _warn_cp932(intake: Intake, command: str) -> None:
    """Name each text the cp932 (Shift_JIS) export could not hold: better now than at the day's end."""
    from kiosk.export import describe_characters, unwritable_in_cp932
    from kiosk.ledger.records import personal_data

    personal = personal_data(intake)
    fields: dict[str, str | None] = {
        "staff.color": intake.staff.color, "staff.capacity": intake.staff.capacity,
        "staff.staff_name": intake.staff.staff_name, "price_override_reason": intake.price_override_reason,
    }
    if personal is not None:
        fields.update({
            "seller.name": personal.seller_name, "seller.address": personal.seller_address,
            "seller.occupation": personal.seller_occupation,
            "staff.id_check.document_name": personal.id_document_name,
            "seller.guardian.name": personal.guardian_name,
            "seller.guardian.relationship": personal.guardian_relationship,
        })
    for name, text in fields.items():
        chars = unwritable_in_cp932(text or "")
        if chars:
            print(f"kiosk {command}: warning: {name}: {describe_characters(chars)} cannot be written in a "
                  f"Shift_JIS (cp932) export; the UTF-8 export keeps it", file=sys.stderr)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run_grade(args: argparse.Namespace) -> int:
    from kiosk.counter import grade_intake
    from kiosk.grading import Policy
    from kiosk.id_documents import load_id_documents
    from kiosk.intake import intake_from_json
    from kiosk.pricing import PriceTable, price_intake

    intake = intake_from_json(_read_json_input(), documents=load_id_documents(data_dir_of(args)))
    policy = Policy.load(data_dir_of(args))
    prices = PriceTable.load(data_dir_of(args))
    with _open_ledger(args) as ledger:
        result = grade_intake(intake, policy, ledger)
    _print_json({**result.to_json(), **price_intake(prices, intake, result).to_json()})
    return EXIT_OK


def run_record(args: argparse.Namespace) -> int:
    from kiosk.counter import record_intake
    from kiosk.grading import Policy
    from kiosk.id_documents import load_id_documents
    from kiosk.intake import intake_from_json
    from kiosk.pricing import PriceTable

    intake = intake_from_json(_read_json_input(), for_record=True, documents=load_id_documents(data_dir_of(args)))
    policy = Policy.load(data_dir_of(args))
    prices = PriceTable.load(data_dir_of(args))
    _warn_cp932(intake, "record")
    with _open_ledger(args) as ledger:
        entry, result = record_intake(intake, policy, ledger, prices)
    _print_json({"id": entry.id, "outcome": result.outcome.value, "recorded_at": entry.recorded_at})
    if entry.police_pending:
        print(f"kiosk record: entry {entry.id} is suspected stolen and not yet reported to the police; report it "
              f"(古物営業法 §15-3), then record a correction with the police_report", file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    first, last = _export_range(args)
    from kiosk.export import export_day
    from kiosk.id_documents import load_id_documents

    location = ledger_location(args, create=False)
    documents = load_id_documents(data_dir_of(args, create=False))
    with location.open(read_only=True) as ledger:
        corrections = ledger.corrections_between(first, last)
        count = export_day(ledger.book_between(first, last), args.out, args.encoding,
                           refused_paths=location.files(), corrections=corrections, documents=documents)
    if args.out is not None:
        days = str(first) if first == last else f"{first} to {last}"
        print(f"{count} entries of {days} written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _export_range(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    if args.date is not None:
        if args.first is not None or args.last is not None:
            raise CommandError("give either --date or --from/--to, not both", EXIT_BAD_INPUT)
        return args.date, args.date
    if args.first is None:
        raise CommandError("give --date YYYY-MM-DD, or --from YYYY-MM-DD [--to YYYY-MM-DD]", EXIT_BAD_INPUT)
    last = args.last or args.first
    if args.first > last:
        raise CommandError(f"--from {args.first} is after --to {last}", EXIT_BAD_INPUT)
    return args.first, last


def run_search(args: argparse.Namespace) -> int:
    from kiosk.export import export_day
    from kiosk.id_documents import load_id_documents
    from kiosk.ledger.chain import SEARCH_LIMIT
    from kiosk.ledger.search import SearchError, SearchField, SearchQuery

    field, text = next((field, getattr(args, field.value)) for field in SearchField
                       if getattr(args, field.value) is not None)
    limit = SEARCH_LIMIT if args.limit is None else args.limit
    if limit < 1:
        raise CommandError("--limit: at least 1", EXIT_BAD_INPUT)
    try:
        query = SearchQuery.of(field, text, args.first, args.last)
    except SearchError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from None
    location = ledger_location(args, create=False)
    with location.open(read_only=True) as ledger:
        found = ledger.find(query, limit + 1)  # one more than shown: says whether there were more
        shown = found[:limit]
        corrections = ledger.corrections_among(shown)
        if args.csv is not None:
            export_day(shown, args.csv, args.encoding, refused_paths=location.files(), corrections=corrections,
                       documents=load_id_documents(data_dir_of(args, create=False)))
    _print_json([found_entry_json(entry, corrections.get(entry.id, [])) for entry in shown])
    print(f"{len(shown)} entries found" + (f" (the first {limit}; narrow the dates or raise --limit)"
                                           if len(found) > limit else ""), file=sys.stderr)
    return EXIT_OK


def found_entry_json(entry: LedgerEntry, corrected_by: list[int]) -> dict[str, Any]:
    """An entry as ``ledger search`` prints it: the book's facts, the seller as stored or erased."""
    from kiosk.ledger import ERASED_JA

    personal = entry.personal
    seller: dict[str, Any] | str | None = ERASED_JA if entry.personal_erased else (
        {"name": personal.seller_name, "address": personal.seller_address,
         "occupation": personal.seller_occupation, "age": entry.seller_age} if personal else None)
    report = entry.police_report
    return {
        "id": entry.id, "recorded_at": entry.recorded_at, "business_date": entry.business_date,
        "outcome": entry.outcome, "is_purchase": bool(entry.is_purchase), "price_yen": entry.price_yen,
        "model_name": entry.model_name, "model_code": entry.model_code, "color": entry.color,
        "capacity": entry.capacity, "imei": [imei for imei in (entry.imei1, entry.imei2) if imei],
        "hardware_serial": entry.hardware_serial, "seller": seller, "id_method": entry.id_method,
        "corrects": entry.corrects_id, "corrected_by": corrected_by, "suspected_theft": bool(entry.suspected_theft),
        "police_report": {"reported_at": report.reported_at, "station": report.station} if report else None,
        "staff_name": entry.staff_name,
    }


def run_hotlist_add(args: argparse.Namespace) -> int:
    from kiosk import hotlist

    try:
        draft = hotlist.notice_from_json(_read_json_input())
    except hotlist.HotlistError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from None
    _add_notices(args, [draft])
    return EXIT_OK


def run_hotlist_import(args: argparse.Namespace) -> int:
    from kiosk import hotlist

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CommandError(f"{args.file}: cannot be read ({exc.strerror or exc})") from None
    try:
        drafts = hotlist.notices_from_csv(data)
    except hotlist.HotlistError as exc:
        raise CommandError(f"{args.file}: {exc}", EXIT_BAD_INPUT) from None
    _add_notices(args, drafts)
    return EXIT_OK


def _add_notices(args: argparse.Namespace, drafts: list[NoticeDraft]) -> None:
    """Add the notices (all of them or, if one is in the register already, none), then check the purchases."""
    from kiosk import hotlist

    today = dt.date.today()
    with _open_ledger(args) as ledger:
        added = [(notice, hotlist.purchases_matching(ledger, notice, today))
                 for notice in hotlist.add_notices(ledger, drafts)]
    _print_json([{"notice": hotlist.notice_to_json(notice, today),
                  "purchases": [purchase.to_json() for purchase in purchases]} for notice, purchases in added])
    for notice, purchases in added:
        print(f"notice {notice.id} added: {notice.station} {notice.number}, {len(notice.items)} items, received "
              f"{notice.received_on}, checked at every intake until {notice.active_until}", file=sys.stderr)
        for purchase in purchases:
            print(f"  {purchase.report_ja()}", file=sys.stderr)
        if not purchases:
            print("  no purchase of the last 6 months matches it", file=sys.stderr)


def run_hotlist_list(args: argparse.Namespace) -> int:
    from kiosk.hotlist import notice_to_json

    today = dt.date.today()
    with _open_ledger_read_only(args) as ledger:
        notices = ledger.store.notices()
    if args.json:
        _print_json([notice_to_json(notice, today) for notice in notices])
        return EXIT_OK
    for notice in notices:
        state = "active" if notice.is_active(today) else "expired"
        print(f"{notice.id}\t{notice.received_on}\t{notice.station}\t{notice.number}\t{len(notice.items)} items\t"
              f"{state} (until {notice.active_until})")
    print(f"{len(notices)} notices" if notices else "the register is empty", file=sys.stderr)
    return EXIT_OK


def run_probe(args: argparse.Namespace) -> int:
    from device_probes.android import names, probe_android
    from device_probes.errors import ServiceUnreachable
    from device_probes.ios import probe_ios

    try:
        names.use_data_dir(data_dir_of(args))
    except names.ShopNamesError as exc:
        print(f"kiosk probe: the shop's model names are not used: {exc}", file=sys.stderr)

    readers = {
        "android": lambda: probe_android(timeout=args.timeout, serial=args.serial),
        "ios": lambda: probe_ios(
            timeout=args.timeout, serial=args.serial, pair_records_dir=paths.pair_records_dir(data_dir_of(args))
        ),
    }
    phones, unreachable = [], []
    for read in readers.values():
        try:
            phones.extend(read())
        except ServiceUnreachable as exc:
            unreachable.append(exc)
    for service in unreachable:
        print(f"kiosk probe: {service.service} not reachable: {service.detail}\n  {service.hint}", file=sys.stderr)
    if len(unreachable) == len(readers):
        return EXIT_FAILED
    if args.json:
        _print_json([facts.to_json() for facts in phones])
    else:
        print(_facts_table(phones))
    return EXIT_OK


def _facts_table(phones) -> str:
    if not phones:
        return "no phone attached"
    rows = [("PLATFORM", "SERIAL", "STATE", "MODEL", "IMEI", "LOCK", "BATTERY", "PROBLEMS")]
    for facts in phones:
        battery = facts.battery.health_percent if facts.battery else None
        rows.append((
            facts.platform, facts.serial, facts.state.value, facts.display_name() or "-",
            ", ".join(facts.imei) or "-", facts.lock.value, "-" if battery is None else f"{battery:.0f}%",
            "; ".join(facts.errors) or "-",
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in rows
    )


def run_sim(args: argparse.Namespace) -> int:
    from device_probes.sim import phones as simulated, serve_until_stopped

    if args.list:
        for platform in simulated.PLATFORMS:
            for name in simulated.profile_names(platform):
                print(f"{platform}:{name}  {simulated.profile_description(platform, name)}")
        return EXIT_OK
    wanted = [tuple(spec.split(":", 1)) for spec in args.phones] or list(simulated.DEMO_PHONES)
    for spec in wanted:
        if len(spec) != 2 or spec[0] not in simulated.PLATFORMS or spec[1] not in simulated.profile_names(spec[0]):
            raise CommandError(f"unknown phone {':'.join(spec)!r}; `kiosk sim --list` names them", EXIT_BAD_INPUT)
    with simulated.SimulatedPhones(ios_address=simulated.ANY_CLIENT_USBMUXD_ADDRESS) as phones:
        for platform, profile in wanted:
            print(f"# {platform}:{profile} plugged in as {phones.plug(platform, profile)}")
        serve_until_stopped(phones.env)
    return EXIT_OK


def run_set_pin(args: argparse.Namespace) -> int:
    pin = getpass.getpass("New staff PIN (4 to 8 digits): ")
    try:
        staff_pin.check_pin_format(pin)
    except staff_pin.StaffPinError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from None
    if getpass.getpass("The same PIN again: ") != pin:
        raise CommandError("the two PINs differ; nothing was changed", EXIT_BAD_INPUT)
    path = staff_pin.set_pin(data_dir_of(args), pin)
    print(f"staff PIN set (stored hashed in {path})", file=sys.stderr)
    return EXIT_OK


def run_price_import(args: argparse.Namespace) -> int:
    from kiosk.pricing import import_table

    table = import_table(args.file, data_dir_of(args))
    print(f"price table {table.version} imported from {table.source}: {len(table.rows)} rows", file=sys.stderr)
    _print_json({"version": table.version, "imported_at": table.imported_at, "rows": len(table.rows)})
    return EXIT_OK


def run_price_show(args: argparse.Namespace) -> int:
    from kiosk.pricing import PriceTable

    table = PriceTable.load(data_dir_of(args))
    if table is None:
        raise CommandError("no price table imported yet; use `kiosk price import FILE`")
    _print_json(table.to_json())
    return EXIT_OK


def run_settings_show(args: argparse.Namespace) -> int:
    from kiosk.settings import ShopSettings

    _print_json(ShopSettings.load(data_dir_of(args)).to_json())
    return EXIT_OK


def run_settings_set(args: argparse.Namespace) -> int:
    from kiosk.settings import ShopSettings

    data_dir = data_dir_of(args)
    settings = ShopSettings.load(data_dir).updated(_read_json_input())
    path = settings.save(data_dir)
    print(f"settings saved in {path}", file=sys.stderr)
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    seal: Seal | None = args.seal
    if args.against is not None:
        seal = _seal_of_copy(args.against, args)
    with _open_ledger_read_only(args) as ledger:
        result = ledger.verify(seal)
    if not result.ok:
        print(f"ledger NOT intact: {result.problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"ledger intact: {result.entries} entries")
    for purge_id, count in sorted(result.erased_by_purge.items()):
        print(f"  personal data of {count} entries erased by purge entry {purge_id}")
    if seal is not None:
        print(f"  holds entry {seal.entry_id} as sealed ({seal.entry_hash[:16]}…)")
    return EXIT_OK


def _seal_of_copy(copy_at: str, args: argparse.Namespace) -> Seal:
    """The last entry of a backup copy, which the live ledger must still hold unchanged.

    The copy is a ledger file, or a server URL (a pg_dump restored into a scratch
    database), read for the same store.
    """
    from kiosk.ledger import LedgerError, Seal
    from kiosk.ledger.location import LedgerLocation, is_server_url

    if is_server_url(copy_at):
        location = LedgerLocation.choose(Path(), copy_at, getattr(args, "store", None))
    else:
        location = LedgerLocation(path=Path(copy_at))
    with location.open(read_only=True) as copy:
        checked = copy.verify()
        if not checked.ok:
            raise LedgerError(f"the copy {location.describe()} is not intact itself: {checked.problem}")
        head = copy.head()
    if head is None:
        raise LedgerError(f"the copy {location.describe()} holds no entries to compare")
    return Seal(head.id, head.entry_hash)


def run_head(args: argparse.Namespace) -> int:
    with _open_ledger_read_only(args) as ledger:
        head = ledger.head()
    if head is None:
        print("the ledger is empty")
        return EXIT_OK
    print(f"{head.id}:{head.entry_hash}  {head.recorded_at}")
    print(f"write this down or mail it to the shop; `kiosk ledger verify --seal {head.id}:{head.entry_hash}` "
          f"checks it later", file=sys.stderr)
    return EXIT_OK


def _statements_of_erased_entries(ledger: Ledger, data: Path) -> list[int]:
    """Entries whose personal data is erased but whose statement PDF is still in the data folder."""
    return sorted(entry_id for entry_id in paths.statement_entry_ids(data)
                  if (entry := ledger.entry(entry_id)) is not None and entry.personal_erased)


def run_purge(args: argparse.Namespace) -> int:
    from kiosk.grading import Policy
    from kiosk.ledger import LedgerError
    from kiosk.statement import delete_statements, statement_files

    data = data_dir_of(args, create=False)
    policy = Policy.load(data)
    today = dt.date.today()
    if not args.apply:
        with _open_ledger_read_only(args) as ledger:
            candidates = ledger.purge_candidates(args.before, policy, today)
            left_over = _statements_of_erased_entries(ledger, data)
        statements = 0
        for entry in candidates:
            # The entry's purchase statement (personal data too) goes with it, when this PC has one.
            found = statement_files(data, [entry.id])
            statements += len(found)
            print("\t".join([str(entry.id), entry.business_date, entry.outcome or "", *map(str, found)]))
        print(f"{len(candidates)} entries' personal data would be erased, and {statements} statement PDFs deleted "
              f"(dry run; add --apply to erase them)", file=sys.stderr)
        if left_over:
            print(f"{len(left_over)} statement PDFs of entries erased earlier would be deleted too: "
                  f"entries {', '.join(map(str, left_over))}", file=sys.stderr)
        return EXIT_OK
    location = ledger_location(args, create=False)
    if location.path is not None and not location.path.is_file():
        raise LedgerError(f"{location.path}: no such file; check the folder (nothing was created)")
    deleted: list[Path] = []
    with location.open() as ledger:
        purge = ledger.purge(args.before, policy,
                             erase_copies=lambda ids: deleted.extend(delete_statements(data, ids)))
        # Statements whose personal data a purge erased before they could go with it: one run
        # before statements were deleted, or on a shared ledger another counter's purge.
        swept = delete_statements(data, _statements_of_erased_entries(ledger, data))
        if swept:
            print(f"{len(swept)} statement PDFs of entries erased earlier deleted", file=sys.stderr)
        if purge is None:
            print("nothing to erase: no entry before that day is past its retention period", file=sys.stderr)
            return EXIT_OK
        result = ledger.verify()
    erased = purge.details["erased"]
    print(f"purge entry {purge.id}: personal data of {len(erased)} entries erased, {len(deleted)} statement PDFs "
          f"deleted", file=sys.stderr)
    if not result.ok:
        print(f"ledger NOT intact after the purge: {result.problem}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def run_police_pending(args: argparse.Namespace) -> int:
    with _open_ledger_read_only(args) as ledger:
        pending = ledger.police_pending()
    for entry in pending:
        print(f"{entry.id}\t{entry.recorded_at}\t{entry.model_name or entry.model_code or ''}\t"
              f"IMEI {entry.imei1 or '-'}")
    print(f"{len(pending)} suspected phones not yet reported to the police" if pending
          else "no report pending", file=sys.stderr)
    return EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    from kiosk.ledger.location import is_server_url
    from kiosk.ledger.pg_schema import migrate_server

    url = getattr(args, "ledger", None) or os.environ.get(paths.LEDGER_URL_VARIABLE)
    if not url or not is_server_url(url):
        raise CommandError("--ledger: give the shared ledger's postgresql:// URL, as the database's owner",
                           EXIT_BAD_INPUT)
    version = migrate_server(url, args.add_store, report=lambda line: print(line, file=sys.stderr))
    print(f"the ledger schema on the server is at version {version}", file=sys.stderr)
    return EXIT_OK


def run_copy(args: argparse.Namespace) -> int:
    from kiosk.ledger.copy import copy_ledger
    from kiosk.ledger.location import LedgerLocation, is_server_url

    if not is_server_url(args.to):
        raise CommandError("--to: give the shared ledger's postgresql:// URL", EXIT_BAD_INPUT)
    source = LedgerLocation(path=data_dir_of(args, create=False) / paths.LEDGER_FILENAME)
    target = LedgerLocation.choose(Path(), args.to, getattr(args, "store", None), getattr(args, "counter", None))
    with source.open(read_only=True) as from_ledger, target.open() as to_ledger:
        result = copy_ledger(from_ledger, to_ledger)
    print(f"{result.entries} entries copied from {source.describe()} to {target.describe()}; both verify, and both "
          f"end at {result.head.last_id}:{result.head.last_hash}")
    print(f"{result.notices} 品触れ notices added to the shared register (those it did not have)", file=sys.stderr)
    print(f"from now on start the counter with --ledger and --store {target.store}; keep the file as it is",
          file=sys.stderr)
    return EXIT_OK
