"""Both platforms keep the one device-service contract (device_probes.service)."""

import pytest

from device_probes.android import AndroidDevices
from device_probes.ios import IosDevices
from device_probes.service import DeviceService, ServiceNotStarted


@pytest.fixture(params=["ios", "android"])
def service(request, tmp_path) -> DeviceService:
    if request.param == "ios":
        return IosDevices(tmp_path / "pair_records")
    return AndroidDevices(start_server=False)


def test_each_platform_is_a_device_service_named_for_its_platform(service):
    assert isinstance(service, DeviceService)
    assert service.platform in ("ios", "android")


def test_before_start_nothing_is_attached_stop_does_nothing_and_probe_says_not_started(service):
    assert service.attached() == set()
    service.stop()
    with pytest.raises(ServiceNotStarted):
        service.probe("any-serial")
