"""The police's side of a shared ledger: the 品触れ register is the chain's; search and export are the store's."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import psycopg
import pytest
from psycopg import errors as pg_errors

from kiosk.counter import grade_intake
from kiosk.grading import Outcome, Policy
from kiosk.hotlist import MatchKind, add_notice, notice_from_json, purchases_matching
from kiosk.intake import intake_from_json
from kiosk.ledger import LedgerError, PersonalData, pg_schema
from kiosk.ledger.location import LedgerLocation
from kiosk.ledger.search import SearchField, SearchQuery
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json
from tests.pg_server import APP_LOGIN, PURGE_LOGIN, SUPERUSER, PostgresServer
from tests.police_helpers import record_on
from tests.postgres.test_pg_cli import kiosk, shared

TODAY = dt.date(2026, 11, 30)
DAYS = [dt.date(2026, 3, 2), dt.date(2026, 6, 15), dt.date(2026, 11, 30)]


def open_store(pg: PostgresServer, store: str, counter: str = "front", user: str = APP_LOGIN):
    return LedgerLocation(url=pg.url(user), store=store, counter=counter).open()


def notice(**item):
    return notice_from_json({"received_on": "2026-11-20", "station": "万世橋警察署", "number": "R8-17",
                             "items": [item]})


def test_a_notice_added_at_one_store_holds_an_intake_and_names_a_purchase_at_another(pg):
    with open_store(pg, "A") as store_a:
        bought = record_on(store_a, dt.date(2026, 10, 2), **{"seller.name": "鈴木 花子"})
    with open_store(pg, "B") as store_b:
        added = add_notice(store_b, notice(imei=GOOD_IMEI))
        (found,) = purchases_matching(store_b, added, TODAY)
        assert (found.entry.other_store, found.entry.id, found.match.kind) == ("A", bought.id, MatchKind.EXACT)
        assert f"A店 台帳番号{bought.id}" in found.report_ja() and "鈴木 花子" in found.report_ja()
        assert found.report_en().startswith(f"Store A entry {bought.id}")
    with open_store(pg, "A") as store_a:
        assert [listed.number for listed in store_a.store.notices()] == ["R8-17"]
        result = grade_intake(intake_from_json(intake_json()), Policy.load(), store_a, TODAY)
        assert result.outcome is Outcome.HOLD
        match = next(reason for reason in result.reasons if reason.rule == "hotlist.match")
        assert match.ja.startswith("品触れ該当: 警察へ連絡してください") and "第R8-17号" in match.ja
        # The register is the chain's: the same notice entered at store A is refused, nothing added.
        with pytest.raises(LedgerError, match="in the register already"):
            add_notice(store_a, notice(imei=GOOD_IMEI))
        assert len(store_a.store.notices()) == 1


def test_a_model_and_colour_notice_is_a_possible_match_at_every_store(pg):
    with open_store(pg, "B") as store_b:
        add_notice(store_b, notice(model="iPhone 13 Pro", colour="シエラブルー"))
    with open_store(pg, "A") as store_a:
        result = grade_intake(intake_from_json(intake_json()), Policy.load(), store_a, TODAY)
    assert result.outcome is Outcome.HOLD
    assert "hotlist.possible" in {reason.rule for reason in result.reasons}


def test_search_by_imei_and_name_and_a_range_export_through_the_url_are_the_stores_own(pg, tmp_path):
    with open_store(pg, "A") as store_a:
        for day in DAYS:
            record_on(store_a, day, **{"seller.name": "山田 太郎"})
        record_on(store_a, DAYS[1], hour=15, **{"seller.name": "ﾔﾏﾀﾞ ﾊﾅｺ", "device.imei": [OTHER_IMEI],
                                                "device.hardware_serial": "DNPXK1ZZZZZZ"})
        correction = record_on(store_a, DAYS[2], hour=16, corrects=1, price_yen=60000)
    with open_store(pg, "B") as store_b:
        record_on(store_b, DAYS[1], **{"seller.name": "山田 次郎"})  # store B's own book: not found from A

    by_imei = kiosk("ledger", "search", *shared(pg), "--imei", GOOD_IMEI, "--from", "2026-01-01")
    assert by_imei.returncode == 0, by_imei.stderr
    assert [entry["id"] for entry in json.loads(by_imei.stdout)] == [1, 2, 3, correction.id]
    out = tmp_path / "found.csv"
    by_name = kiosk("ledger", "search", *shared(pg), "--name", "やまだ", "--from", "2026-06-01", "--to",
                    "2026-06-30", "--csv", str(out))
    assert by_name.returncode == 0, by_name.stderr
    (hanako,) = json.loads(by_name.stdout)  # the width and the kana fold; 山田 in kanji is other text
    assert hanako["id"] == 4 and hanako["seller"]["name"] == "ﾔﾏﾀﾞ ﾊﾅｺ"
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 2
    by_kanji = kiosk("ledger", "search", *shared(pg), "--name", "山田")
    assert [entry["id"] for entry in json.loads(by_kanji.stdout)] == [1, 2, 3, correction.id]  # not B's 山田 次郎

    exported = tmp_path / "range.csv"
    done = kiosk("export", *shared(pg), "--from", DAYS[0].isoformat(), "--to", DAYS[2].isoformat(),
                 "--out", str(exported))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [row["台帳番号"] for row in rows] == ["1", "2", "3", "4", str(correction.id)]
    assert rows[0]["訂正済"] == f"訂正済(台帳番号 {correction.id})"
    assert "山田 次郎" not in exported.read_text(encoding="utf-8-sig")


def test_a_purge_erases_the_name_keys_with_the_personal_data(pg):
    with open_store(pg, "A") as store_a:
        for day in DAYS:
            record_on(store_a, day, **{"seller.name": "山田 太郎"})
    with open_store(pg, "A", counter="office", user=PURGE_LOGIN) as purger:
        purge = purger.purge(dt.date(2026, 4, 1), Policy.load(), now=dt.datetime(2029, 3, 3, 12).astimezone())
        assert purge is not None and purge.details["erased"] == [1]
        assert [entry.id for entry in purger.find(SearchQuery.of(SearchField.NAME, "山田"))] == [2, 3]
        assert [entry.id for entry in purger.find(SearchQuery.of(SearchField.IMEI, GOOD_IMEI))] == [1, 2, 3]
        assert purger.verify().ok
    with psycopg.connect(pg.url(SUPERUSER)) as conn:
        keys = conn.execute("SELECT entry_id FROM ledger.seller_names WHERE store = 'A' ORDER BY entry_id")
        assert [entry_id for (entry_id,) in keys.fetchall()] == [2, 3]


def test_the_app_role_may_not_change_the_register_or_a_name_key(pg):
    with open_store(pg, "A") as store_a:
        record_on(store_a, DAYS[0])
        add_notice(store_a, notice(imei=GOOD_IMEI))
    with psycopg.connect(pg.url(APP_LOGIN), autocommit=True) as conn:
        for statement in ("UPDATE ledger.notices SET station = 'x'", "DELETE FROM ledger.notice_items",
                          "TRUNCATE ledger.notices", "UPDATE ledger.seller_names SET name_key = 'x'",
                          "DELETE FROM ledger.seller_names"):
            with pytest.raises(pg_errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(statement)
    with psycopg.connect(pg.url(SUPERUSER), autocommit=True) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="never changed"):
            conn.execute("DELETE FROM ledger.notices")


def test_a_schema_1_server_gains_the_name_keys_of_its_stored_sellers(pg):
    """The upgrade folds the names already stored, as an append folds a new one."""
    with psycopg.connect(pg.url(SUPERUSER), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS kiosk_v1")
        conn.execute(f"CREATE DATABASE kiosk_v1 OWNER {SUPERUSER}")
    with psycopg.connect(pg.url(SUPERUSER, database="kiosk_v1"), autocommit=True) as conn:
        with conn.transaction():  # the schema as the first release made it
            for statement in pg_schema.STEPS[0][1]:
                conn.execute(statement)  # type: ignore[arg-type]  # the module's own constant SQL
            conn.execute("UPDATE ledger.schema_version SET version = 1")
            conn.execute("INSERT INTO ledger.chain_heads VALUES ('A', 0, %s)", ["0" * 64])
        personal = PersonalData(seller_name="ﾔﾏﾀﾞ ﾀﾛｳ", seller_address="東京都千代田区")
        with conn.transaction():
            conn.execute("SET LOCAL session_replication_role = replica")  # a personal row without its entry
            conn.execute("INSERT INTO ledger.personal (store, entry_id, salt, data_json) VALUES ('A', 1, %s, %s)",
                         [b"\0" * 16, personal.canonical_json()])
        assert pg_schema.migrate(conn) == pg_schema.SCHEMA_VERSION
        keys = conn.execute("SELECT store, entry_id, name_key FROM ledger.seller_names").fetchall()
    assert keys == [("A", 1, "やまだたろう")]
