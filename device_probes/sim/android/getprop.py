"""A full ``getprop`` for a simulated phone: the thousand-odd properties a real one prints.

Real dumps (Android 4.4 to 16) hold 700 to 1,300 properties: the build and product
identity in several partitions (system, vendor, odm, product, system_ext), the boot
state, the Dalvik settings, an ``init.svc.*`` line per service, log tags, radio and
vendor settings, and a boot-reason history whose value spans several lines. A probe
that reads ``getprop`` must find its dozen properties among all of these, so the
simulated phones print a set of that shape and size, built here from the profile's
own properties (which always win) and its Android version.

Everything is derived from the profile, so the same profile always prints the same dump.
"""

from __future__ import annotations

import hashlib

#: Services every phone of the last decade runs; ``init.svc.<name>`` says running or stopped.
_CORE_SERVICES = """
adbd apexd apexd-bootstrap apexd-snapshotde audioserver bootanim boringssl_self_test32
boringssl_self_test64 boringssl_self_test_apex32 boringssl_self_test_apex64 bpfloader bufferhubd
cameraserver credstore derive_sdk drm gatekeeperd gpu heapprofd hidl_memory hwservicemanager
idmap2d incidentd installd iorapd keystore keystore2 lmkd logd logd-auditctl logd-reinit media
media.swcodec mediadrm mediaextractor mediametrics mediaserver mdnsd netd odsign prng_seeder
servicemanager statsd storaged surfaceflinger system_suspend tombstoned traced traced_perf
traced_probes ueventd update_engine update_verifier_nonencrypted usbd vold wificond wpa_supplicant
zygote zygote_secondary gsid snapuserd snapuserd_proxy artd linkerconfig ot_daemon
""".split()
#: HAL and vendor services, as ``init.svc.vendor.<name>``.
_VENDOR_SERVICES = """
adsprpcd atfwd audio-hal bluetooth-1-0 boot-hal-1-2 camera-provider-2-7 cdsprpcd cnd cnss_diag
dataadpl dataqti drm-clearkey-hal-1-4 drm-widevine-hal-1-4 dspservice gnss-default
graphics.allocator graphics.composer health-default ims_rtp_daemon imsdatadaemon imsqmidaemon
imsrcsservice ipacm ipacm-diag keymint light memtrack-default msm_irqbalance netmgrd nfc_hal_service
pd_mapper per_mgr per_proxy perfservice port-bridge power-default qcrild qcrild2 qmipriod qrtr-ns
qseecomd qteeconnector-hal-1-0 rmt_storage rpmb_hal sensors-hal-2-1 sensors.qti servicetracker-1-2
ss_ramdump ssgtzd tftp_server thermal-hal usb-hal vibrator-default wifi_hal_legacy time_daemon
thermal-engine charger_monitor vppservice capabilityconfigstore
""".split()
_LOG_TAGS = """
APM_AudioPolicyManager Avrcp_ext BeamManager BluetoothHidDev BluetoothHidHost BluetoothMap
BluetoothOpp BluetoothPan BluetoothPbap BluetoothSap BluetoothSocket DockService ForegroundUtils
HandoverClient HandoverServer Handsfree MediaProvider NFC NfcDispatcher NfcHandover SnepClient
SnepServer stats_log ImsCall TelephonyProvider CarrierConfig DataConnection QtiImsExt WifiHAL
""".split()
_RADIO_SETTINGS = """
apns_ver_xml atfwd.start data_con_rprt data_ltd_sys_ind dfr_mode_set dynamic_sar enable_temp_dds
force_on_dc is_wps_enabled mt_sms_ack procedure_bytes rat_on redir_party_num sglte_target
sib16_support snapshot_enabled snapshot_timer start_ota_daemon sw_mbn_update unicode_op_names
vt_enable wait_for_pbm add_power_save disable_retry dont_use_dsd multisim.config network_select0
oem_ind_to_both report_codec sar_sensor ssr.restart_level custom_ecc eons.enabled
""".split()
_DALVIK = {
    "appimageformat": "lz4", "dex2oat-Xms": "64m", "dex2oat-Xmx": "512m", "dex2oat-max-image-block-size": "524288",
    "dex2oat-minidebuginfo": "true", "dex2oat-resolve-startup-strings": "true", "dexopt.secondary": "true",
    "heapgrowthlimit": "256m", "heapmaxfree": "8m", "heapminfree": "512k", "heapsize": "512m",
    "heapstartsize": "8m", "heaptargetutilization": "0.75", "image-dex2oat-Xms": "64m",
    "image-dex2oat-Xmx": "64m", "isa.arm.features": "default", "isa.arm.variant": "cortex-a76",
    "isa.arm64.features": "default", "isa.arm64.variant": "cortex-a76", "minidebuginfo": "true",
    "usejit": "true", "usejitprofiles": "true", "madvise.vdexfile.size": "104857600",
    "madvise.odexfile.size": "104857600", "madvise.artfile.size": "4294967295", "systemuicompilerfilter": "speed",
    "lockprof.threshold": "500", "ps-min-first-save-ms": "60000", "stack-trace-dir": "/data/anr",
}
_VALUE_MAX = 92
_PARTITIONS = ("", "bootimage.", "odm.", "product.", "system.", "system_ext.", "vendor.", "vendor_dlkm.")
_MOUNTS = ("data", "metadata", "odm", "product", "root", "system_ext", "vendor", "vendor.dsp", "vendor.firmware_mnt",
           "mnt.vendor.persist", "data.user.0", "data_mirror.data_ce.null", "data_mirror.data_de.null",
           "data_mirror.cur_profiles", "data_mirror.ref_profiles")


def full_properties(own: dict[str, bytes]) -> dict[str, bytes]:
    """Every property of a real-sized dump for a phone whose own properties are ``own``.

    The result is sorted by name, as ``getprop`` prints it; ``own`` is not in it
    (the caller lays ``own`` over it).
    """
    # The copies in other partitions are bounded like any property value (PROP_VALUE_MAX
    # is 92 bytes), so a hostile profile's megabyte model is printed once, not eight times.
    text = {name: value[:_VALUE_MAX].decode("utf-8", "replace") for name, value in own.items()}
    sdk = _int(text.get("ro.build.version.sdk"), 30)
    props: dict[str, str] = {}
    props.update(_identity(text, sdk))
    props.update(_boot(text, sdk))
    props.update({f"dalvik.vm.{name}": value for name, value in _DALVIK.items()})
    props.update(_services(sdk))
    props.update({f"log.tag.{tag}": "INFO" for tag in _LOG_TAGS})
    props.update(_radio(text))
    props.update(_device_state(text, sdk))
    props.update(_vendor_settings(text))
    return {name: props[name].encode() for name in sorted(props) if name not in own}


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def _digest(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def _identity(text: dict[str, str], sdk: int) -> dict[str, str]:
    brand = text.get("ro.product.brand", "generic")
    manufacturer = text.get("ro.product.manufacturer", brand)
    model = text.get("ro.product.model", "generic")
    device = text.get("ro.product.device", model)
    name = text.get("ro.product.name", device)
    release = text.get("ro.build.version.release", "11")
    build_id = f"{chr(ord('A') + sdk % 26)}P{sdk}A.{230000 + sdk * 101}.0{sdk % 9}"
    incremental = _digest(model, release)[:10]
    fingerprint = f"{brand}/{name}/{device}:{release}/{build_id}/{incremental}:user/release-keys"
    props = {
        "ro.build.id": build_id, "ro.build.display.id": f"{build_id} release-keys",
        "ro.build.version.incremental": incremental, "ro.build.version.codename": "REL",
        "ro.build.version.all_codenames": "REL", "ro.build.version.security_patch": f"20{sdk - 10:02d}-05-01",
        "ro.build.version.preview_sdk": "0", "ro.build.version.base_os": "",
        "ro.build.type": "user", "ro.build.user": "builder", "ro.build.host": "build-host",
        "ro.build.tags": "release-keys", "ro.build.flavor": f"{name}-user", "ro.build.product": device,
        "ro.build.description": f"{name}-user {release} {build_id} {incremental} release-keys",
        "ro.build.characteristics": "default", "ro.build.date.utc": str(1_500_000_000 + sdk * 10_000_000),
        "ro.product.board": device.lower(), "ro.product.cpu.abi": "arm64-v8a",
        "ro.product.cpu.abilist": "arm64-v8a,armeabi-v7a,armeabi", "ro.product.cpu.abilist32": "armeabi-v7a,armeabi",
        "ro.product.cpu.abilist64": "arm64-v8a", "ro.product.locale": "ja-JP", "ro.product.first_api_level": str(sdk),
        "ro.hardware": device.lower(), "ro.board.platform": "lahaina", "ro.baseband": "msm",
        "ro.bootloader": f"{device[:8]}-{incremental[:6]}", "ro.revision": "0", "ro.treble.enabled": str(sdk >= 26).lower(),
        "ro.vndk.version": str(sdk), "ro.property_service.version": "2", "ro.zygote": "zygote64_32",
        "ro.opengles.version": "196610", "ro.sf.lcd_density": "420", "ro.com.google.clientidbase": f"android-{brand}",
        "ro.carrier": "unknown", "ro.setupwizard.mode": "OPTIONAL", "ro.config.ringtone": "Ring_Synth_04.ogg",
        "ro.config.notification_sound": "OnTheHunt.ogg", "ro.config.alarm_alert": "Alarm_Classic.ogg",
        "ro.logd.size.stats": "64K", "ro.crypto.state": "encrypted", "ro.crypto.type": "file",
        "ro.adb.secure": "1", "ro.secure": "1", "ro.debuggable": "0", "ro.allow.mock.location": "0",
        "ro.oem_unlock_supported": "1", "ro.frp.pst": "/dev/block/bootdevice/by-name/frp",
        "ro.hwui.texture_cache_size": "72", "ro.hwui.layer_cache_size": "48", "ro.hwui.path_cache_size": "32",
        "ro.hwui.gradient_cache_size": "1", "ro.hwui.drop_shadow_cache_size": "6",
        "ro.surface_flinger.max_frame_buffer_acquired_buffers": "3", "ro.surface_flinger.has_HDR_display": "true",
        "ro.surface_flinger.use_color_management": "true", "ro.telephony.default_network": "33,33",
        "ro.telephony.call_ring.multiple": "false", "ro.com.android.dataroaming": "false",
        "ro.wifi.channels": "", "ro.kernel.qemu": "0", "ro.actionable_compatible_property.enabled": "true",
        "ro.postinstall.fstab.prefix": "/system", "ro.virtual_ab.enabled": str(sdk >= 30).lower(),
        "ro.apex.updatable": str(sdk >= 29).lower(), "ro.control_privapp_permissions": "enforce",
        "ro.storage_manager.enabled": "true", "ro.media.xml_variant.codecs": "_vendor",
    }
    for partition in _PARTITIONS:
        props[f"ro.{partition}build.fingerprint"] = fingerprint
        props[f"ro.{partition}build.date.utc"] = props["ro.build.date.utc"]
        props[f"ro.{partition}build.version.release"] = release
        props[f"ro.{partition}build.version.sdk"] = str(sdk)
        props[f"ro.{partition}build.id"] = build_id
        props[f"ro.{partition}build.type"] = "user"
        props[f"ro.{partition}build.tags"] = "release-keys"
        if partition and partition != "bootimage.":
            for field, value in (("brand", brand), ("device", device), ("manufacturer", manufacturer),
                                 ("model", model), ("name", name)):
                props[f"ro.product.{partition}{field}"] = value
    return props


def _boot(text: dict[str, str], sdk: int) -> dict[str, str]:
    props = {
        "ro.boot.hardware": text.get("ro.product.device", "generic").lower(), "ro.boot.console": "ttyMSM0",
        "ro.boot.bootreason": "reboot", "ro.boot.mode": "normal", "ro.boot.baseband": "msm",
        "ro.boot.keymaster": "1", "ro.boot.selinux": "enforcing", "ro.boot.dynamic_partitions": str(sdk >= 29).lower(),
        "ro.boot.slot_suffix": "_a", "ro.boot.serialno": text.get("ro.serialno", ""),
        "ro.boot.boot_devices": "soc/1d84000.ufshc", "ro.boot.memcg": "1", "ro.boot.avb_version": "1.2",
        "ro.boot.hardware.sku": "", "ro.boot.product.hardware.sku": "",
        "sys.boot.reason": "reboot", "sys.boot.reason.last": "reboot", "sys.boot_completed": "1",
        "dev.bootcomplete": "1", "init.svc_debug.no_fatal.zygote": "false",
    }
    if sdk >= 23:
        # Verified boot reports its state from Android 6 on: a locked, verified phone by default.
        props.update({
            "ro.boot.verifiedbootstate": "green", "ro.boot.flash.locked": "1", "ro.boot.veritymode": "enforcing",
            "ro.boot.vbmeta.device_state": "locked", "ro.boot.vbmeta.avb_version": "1.2",
            "ro.boot.vbmeta.hash_alg": "sha256", "ro.boot.vbmeta.size": "8576",
            "ro.boot.vbmeta.digest": _digest(text.get("ro.product.model", ""), "vbmeta"),
            "ro.boot.warranty_bit": "0", "vendor.boot.verifiedbootstate": "green",
        })
    if sdk >= 28:
        # Since Android 9 the history of boot reasons is kept; its value spans several lines.
        props["persist.sys.boot.reason.history"] = "reboot,1700000000\nreboot,ota,1690000000\nshutdown,userrequested,1680000000"
    return props


def _services(sdk: int) -> dict[str, str]:
    stopped = {"apexd-bootstrap", "apexd-snapshotde", "bootanim", "bpfloader", "derive_sdk", "heapprofd",
               "idmap2d", "logd-auditctl", "logd-reinit", "odsign", "update_verifier_nonencrypted", "usbd"}
    props = {f"init.svc.{name}": "stopped" if name in stopped or name.startswith("boringssl") else "running"
             for name in _CORE_SERVICES}
    props.update({f"init.svc.vendor.{name}": "running" for name in _VENDOR_SERVICES})
    for name in _CORE_SERVICES + [f"vendor.{name}" for name in _VENDOR_SERVICES]:
        props[f"ro.boottime.{name}"] = str(3_000_000_000 + int(_digest(name)[:8], 16) % 9_000_000_000)
        if sdk >= 30:
            props[f"init.svc_debug_pid.{name}"] = str(300 + int(_digest(name, "pid")[:4], 16) % 20000)
    return props


def _radio(text: dict[str, str]) -> dict[str, str]:
    props = {f"persist.vendor.radio.{name}": "1" for name in _RADIO_SETTINGS}
    props.update({
        "gsm.current.phone-type": "1,1", "gsm.network.type": "LTE,Unknown", "gsm.operator.alpha": "NTT DOCOMO",
        "gsm.operator.iso-country": "jp", "gsm.operator.isroaming": "false,false", "gsm.operator.numeric": "44010",
        "gsm.sim.state": "LOADED,ABSENT", "gsm.sim.operator.alpha": "NTT DOCOMO", "gsm.sim.operator.numeric": "44010",
        "gsm.sim.operator.iso-country": "jp", "gsm.version.baseband": "MPSS.HI.3.0-" + _digest("bb")[:8],
        "gsm.version.ril-impl": "Qualcomm RIL 1.0", "gsm.nitz.time": "1700000000000",
        "persist.radio.multisim.config": "ssss", "ril.ecclist": "110,118,119,112,911",
        "ril.subscription.types": "NV,RUIM", "telephony.lteOnCdmaDevice": "1",
        "persist.rild.nitz_plmn": "", "persist.rild.nitz_long_ons_0": "", "persist.rild.nitz_short_ons_0": "",
    })
    for slot in range(2):
        for field in ("icc_operator_numeric", "icc_operator_alpha", "data_network_type", "voice_network_type"):
            props[f"vendor.ril.{field}.{slot}"] = ""
    return props


def _device_state(text: dict[str, str], sdk: int) -> dict[str, str]:
    props = {
        "persist.sys.locale": "ja-JP", "persist.sys.timezone": "Asia/Tokyo", "persist.sys.usb.config": "mtp,adb",
        "persist.sys.dalvik.vm.lib.2": "libart.so", "persist.sys.device_provisioned": "1",
        "persist.sys.fuse": "true", "persist.sys.lmk.reportkills": "true", "persist.sys.theme": "",
        "persist.sys.disable_rescue": "false", "persist.sys.sf.color_mode": "9", "persist.sys.sf.native_mode": "0",
        "persist.sys.webview.vmsize": "110422656", "persist.sys.zram_enabled": "1",
        "persist.traced.enable": "1", "persist.device_config.runtime_native.usap_pool_enabled": "false",
        "sys.usb.config": "mtp,adb", "sys.usb.state": "mtp,adb", "sys.usb.controller": "a600000.dwc3",
        "sys.usb.ffs.ready": "1", "sys.sysctl.extra_free_kbytes": "27337", "sys.user.0.ce_available": "true",
        "sys.use_memfd": "false", "sys.rescue_boot_count": "1", "sys.wifitracing.started": "1",
        "sys.retaildemo.enabled": "0", "sys.oem_unlock_allowed": "0", "sys.sysctl.tcp_def_init_rwnd": "60",
        "net.bt.name": "Android", "net.qtaguid_enabled": "1", "net.tcp.default_init_rwnd": "60",
        "wifi.interface": "wlan0", "wifi.direct.interface": "p2p-dev-wlan0", "wifi.aware.interface": "wifi-aware0",
        "security.perf_harden": "1", "selinux.restorecon_recursive": "/data/misc_ce/0",
        "keyguard.no_require_sim": "true", "drm.service.enabled": "true", "nfc.initialized": "true",
        "hwservicemanager.ready": "true", "servicemanager.ready": "true", "apexd.status": "ready",
        "bluetooth.device.class_of_device": "90,2,12", "bluetooth.profile.a2dp.source.enabled": "true",
        "bluetooth.profile.hfp.ag.enabled": "true", "bluetooth.profile.pbap.server.enabled": "true",
        "media.settings.xml": "/vendor/etc/media_profiles_vendor.xml", "media.stagefright.thumbnail.prefer_hw_codecs": "true",
        "aaudio.mmap_policy": "2", "aaudio.mmap_exclusive_policy": "2", "aaudio.hw_burst_min_usec": "2000",
        "af.fast_track_multiplier": "1", "audio.deep_buffer.media": "true", "audio.offload.video": "true",
        "debug.sf.hw": "0", "debug.egl.hw": "0", "debug.sf.latch_unsignaled": "1", "debug.force_rtl": "false",
        "debug.atrace.tags.enableflags": "0", "debug.tracing.screen_state": "2", "ota.warm_reset": "0",
        "cache_key.display_info": "-" + str(int(_digest("display")[:15], 16)),
        "cache_key.package_info": "-" + str(int(_digest("package")[:15], 16)),
        "build.version.extensions.r": str(max(0, sdk - 28)), "build.version.extensions.s": str(max(0, sdk - 29)),
    }
    for mount in _MOUNTS:
        props[f"dev.mnt.blk.{mount}"] = f"dm-{int(_digest(mount)[:2], 16) % 40}"
        props[f"dev.mnt.dev.{mount}"] = f"dm-{int(_digest(mount, 'dev')[:2], 16) % 40}"
    return props


def _vendor_settings(text: dict[str, str]) -> dict[str, str]:
    families = {
        "persist.vendor.camera": ("privapp.list", "expose.aux", "preview.ubwc", "video.ubwc", "enableAdvanceFeatures",
                                  "eis.enable", "is_type", "mpo.disabled", "stats.test", "HAL3.enabled"),
        "vendor.audio": ("offload.buffer.size.kb", "offload.gapless.enabled", "offload.multiaac.enable",
                         "offload.track.enable", "parser.ip.buffer.size", "safx.pbe.enabled", "feature.a2dp_offload.enable",
                         "feature.anc_headset.enable", "feature.compress_in.enable", "feature.concurrent_capture.enable",
                         "feature.dsm_feedback.enable", "feature.fm.enable", "feature.hifi_audio.enable",
                         "feature.kpi_optimize.enable", "feature.spkr_prot.enable", "feature.usb_offload.enable",
                         "hw.aac.encoder", "use.sw.alac.decoder", "use.sw.ape.decoder", "volume.headset.gain.depcal"),
        "vendor.display": ("comp_mask", "disable_rotator_downscale", "enable_default_color_mode", "enable_null_display",
                           "enable_optimize_refresh", "use_color_management", "use_layer_ext", "use_smooth_motion",
                           "disable_excl_rect", "disable_hw_recovery_dump", "qdcm.mode_combine"),
        "vendor.gralloc": ("disable_ubwc", "enable_fb_ubwc", "secure_preview_only"),
        "vendor.power": ("pasr.enabled",),
        "persist.vendor.data": ("iwlan.enable", "mode", "profile_update", "shs_ko_load", "shsusr_load",
                                "perf_ko_load", "wda.enable", "df.agg.dl_pkt", "df.agg.dl_size", "df.dev_name"),
        "persist.vendor.ims": ("disableADBLogs", "disableDebugLogs", "disableIMSLogs", "disableQXDMLogs",
                               "dropset_feature", "rcs.supported", "vt_enable"),
        "vendor.bluetooth": ("soc", "a2dp_offload_cap", "enable_swb", "enable_swbpm", "wipower"),
        "vendor.usb": ("controller", "diag.func.name", "rmnet.func.name", "rndis.func.name", "dpl.inst.name",
                       "qdss.inst.name", "product_string", "use_ffs_mtp", "mtp.func.name"),
        "ro.vendor.qti": ("soc_id", "soc_model", "soc_name", "va_aosp.support", "va_odm.support", "core.ctl_max_cpu",
                          "core.ctl_min_cpu", "sys.fw.bg_apps_limit"),
        "persist.vendor.qcomsysd": ("enabled",),
        "vendor.perf": ("framepacing.enable", "gestureflingboost.enable", "iop_v3.enable", "workloadclassifier.enable"),
    }
    props = {}
    for family, names in families.items():
        for name in names:
            props[f"{family}.{name}"] = str(int(_digest(family, name)[:2], 16) % 3)
    return props
