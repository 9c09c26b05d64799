"""The short soak: phones of both platforms come and go while intakes are recorded.

``bench/soak.py`` runs the same thing for as long as asked and prints the figures;
here it runs for 18 seconds and every invariant is asserted.
"""

import pytest

from bench.soak import run_soak


@pytest.mark.slow
def test_phones_coming_and_going_leak_nothing_and_lose_nothing(tmp_path):
    report = run_soak(18, seed=8, workdir=tmp_path)
    print(report.table())

    assert sum(report.unplugs.values()) >= 16, "the hub was not busy enough to mean anything"
    assert report.missed_detaches == {}
    assert sum(report.attached.values()) == report.plugs
    assert report.probes_hung == 0 and report.probes_failed == []
    assert report.record_failures == [] and report.lost_entries == []
    assert len(report.ledger_ids) == len(report.recorded_ids) == report.probes_started
    assert report.verify_ok, report.verify_problem
    assert report.leaks == {}, report.table()
    assert report.memory_flat, report.table()
    assert report.problems == []
