package io.jnetlink.cni;

import io.jnetlink.cni.plugins.macvlan.MacvlanConfig;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.skel.Skel;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;

/** Parses plugin configs as a call would, without running the plugin. */
final class Configs {

    /** Never used for a call (it opens nothing until one is made). */
    private static final MacvlanPlugin MACVLAN = new MacvlanPlugin();

    private Configs() {
    }

    /** The macvlan plugin's config of an ADD with {@code args}, checked as the plugin checks it. */
    static MacvlanConfig macvlan(byte[] config, CniArgs args) {
        return MacvlanConfig.parse(Skel.prepare(MACVLAN, CniCommand.ADD, args, config));
    }
}
