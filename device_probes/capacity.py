"""Storage as phones are sold: 64 GB, 128 GB, 256 GB..., from what the phone reports in bytes."""

from __future__ import annotations

#: The sizes phones are sold in, in GB (10^9 bytes, as makers count them).
MARKETING_SIZES_GB = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048)
#: A phone reports a little under its size (the firmware's share) or, counted in GiB
#: by some tools, a little over: up to this much over still counts as that size.
_OVER_TOLERANCE = 1.08


def marketing_size_gb(total_bytes: int | None) -> int | None:
    """Round a reported total up to the size the phone was sold as; None when implausible.

    A 128 GB iPhone reports TotalDiskCapacity 127,989,493,760 bytes, and an Android
    phone's /data is smaller still than its storage: both round up to 128.
    """
    if not isinstance(total_bytes, int) or isinstance(total_bytes, bool) or total_bytes <= 0:
        return None
    gigabytes = total_bytes / 1e9
    for size in MARKETING_SIZES_GB:
        if gigabytes <= size * _OVER_TOLERANCE:
            return size
    return None
