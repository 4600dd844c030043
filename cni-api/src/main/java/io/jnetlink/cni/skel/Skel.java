package io.jnetlink.cni.skel;

import io.jnetlink.cni.internal.CniObserver;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;
import io.jnetlink.ipam.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every plugin call goes through, as the reference's {@code pkg/skel}: the arguments
 * validated for the command, VERSION answered from the plugin's supported versions, the config
 * parsed (code 6) and its {@code cniVersion} checked against them (code 1; for CHECK also against
 * 0.4.0, which brought it), the typed method called, the ADD result written in the config's
 * version, and a JFR event and log line made.
 */
public final class Skel {

    private Skel() {
    }

    /** {@code command} on {@code config}: the bytes the executable prints on success. */
    public static byte[] run(CniPlugin plugin, CniCommand command, CniArgs args, byte[] config) {
        Object out = call(plugin, command, args, config);
        if (out instanceof CniResult result) {
            return Json.bytes(result.toJson());
        }
        if (out instanceof Map<?, ?> version) {
            return Json.bytes(version);
        }
        return new byte[0];
    }

    /** VERSION's answer for {@code plugin}: the newest version it speaks and every one it does. */
    public static Map<String, Object> versionInfo(CniPlugin plugin) {
        List<String> supported = plugin.supportedVersions();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cniVersion", supported.getLast());
        json.put("supportedVersions", supported);
        return json;
    }

    /**
     * The call {@code plugin} would be given for {@code command} (not VERSION): arguments validated,
     * config parsed and its version checked, exactly as before a real call; for parsing a plugin's
     * config without running it.
     */
    public static CniCall prepare(CniPlugin plugin, CniCommand command, CniArgs args, byte[] config) {
        if (command == CniCommand.VERSION) {
            throw new IllegalArgumentException("command: VERSION takes no config");
        }
        return parse(plugin, command, args.validate(command), config);
    }

    /** The typed outcome: a {@link CniResult} for ADD, the version map for VERSION, null otherwise. */
    static Object call(CniPlugin plugin, CniCommand command, CniArgs args, byte[] config) {
        args.validate(command);
        return CniObserver.observe("plugin", plugin.type(), () -> networkName(config), command, args, () -> {
            if (command == CniCommand.VERSION) {
                return versionInfo(plugin);
            }
            CniCall call = parse(plugin, command, args, config);
            return switch (command) {
                case ADD -> plugin.add(call).withVersion(call.cniVersion());
                case DEL -> {
                    plugin.del(call);
                    yield null;
                }
                case CHECK -> {
                    plugin.check(call);
                    yield null;
                }
                case STATUS -> {
                    plugin.status(call);
                    yield null;
                }
                case GC -> {
                    plugin.gc(call);
                    yield null;
                }
                case VERSION -> throw new IllegalStateException("answered above");
            };
        });
    }

    private static CniCall parse(CniPlugin plugin, CniCommand command, CniArgs args, byte[] config) {
        Map<String, Object> json = Json.object(config, "network config");
        String declared;
        try {
            declared = ConfigReader.of("config", json).string("cniVersion", "");
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
        String version = CniVersion.require(declared);
        if (!plugin.supportedVersions().contains(version)) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                    "config is \"" + version + "\", plugin supports " + plugin.supportedVersions());
        }
        if (command == CniCommand.CHECK && !CniVersion.atLeast(version, "0.4.0")) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "config version does not allow CHECK",
                    "config is \"" + version + "\", CHECK came with 0.4.0");
        }
        return new CniCall(command, args, config, json, version);
    }

    /** The config's {@code name}, for the record of a call; null if the config has none or is not JSON. */
    private static String networkName(byte[] config) {
        try {
            return Json.object(config, "config").get("name") instanceof String name ? name : null;
        } catch (CniException notJson) {
            return null;
        }
    }
}
