package io.jnetlink.cni.skel;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;

import java.util.Map;

/**
 * One call of a plugin, checked by {@link Skel} before the plugin sees it: the command, its
 * validated runtime arguments, the config as sent and as parsed, and the config's checked
 * {@code cniVersion} (an empty one meaning 0.1.0, as the spec says). Only {@link Skel} makes these.
 */
public final class CniCall {

    private final CniCommand command;
    private final CniArgs args;
    private final byte[] config;
    private final Map<String, Object> json;
    private final String cniVersion;

    CniCall(CniCommand command, CniArgs args, byte[] config, Map<String, Object> json, String cniVersion) {
        this.command = command;
        this.args = args;
        this.config = config;
        this.json = json;
        this.cniVersion = cniVersion;
    }

    /** The command. */
    public CniCommand command() {
        return command;
    }

    /** The runtime arguments, valid for {@link #command()}. */
    public CniArgs args() {
        return args;
    }

    /** The config's bytes as sent (what an IPAM plugin executed from {@code CNI_PATH} gets on stdin). */
    public byte[] config() {
        return config.clone();
    }

    /** The config, parsed (a fresh copy of the top level: the caller may change it). */
    public Map<String, Object> json() {
        return new java.util.LinkedHashMap<>(json);
    }

    /** The config's {@code cniVersion}, one the plugin speaks. */
    public String cniVersion() {
        return cniVersion;
    }

    /** The config's {@code name} (the network), or null if it has none. */
    public String network() {
        return json.get("name") instanceof String name ? name : null;
    }
}
