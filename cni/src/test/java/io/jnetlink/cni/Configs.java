package io.jnetlink.cni;

import io.jnetlink.cni.plugins.macvlan.MacvlanConfig;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.plugins.sbr.SbrConfig;
import io.jnetlink.cni.plugins.sbr.SbrPlugin;
import io.jnetlink.cni.skel.Skel;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;

/** Parses plugin configs as a call would, without running the plugin. */
final class Configs {

    /** Never used for a call (it opens nothing until one is made). */
    private static final MacvlanPlugin MACVLAN = new MacvlanPlugin();
    /** Never used for a call. */
    private static final SbrPlugin SBR = new SbrPlugin();

    private Configs() {
    }

    /** The macvlan plugin's config of an ADD with {@code args}, checked as the plugin checks it. */
    static MacvlanConfig macvlan(byte[] config, CniArgs args) {
        return MacvlanConfig.parse(Skel.prepare(MACVLAN, CniCommand.ADD, args, config));
    }

    /** The sbr plugin's config of an ADD with {@code args}, checked as the plugin checks it. */
    static SbrConfig sbr(byte[] config, CniArgs args) {
        return SbrConfig.parse(Skel.prepare(SBR, CniCommand.ADD, args, config));
    }
}
