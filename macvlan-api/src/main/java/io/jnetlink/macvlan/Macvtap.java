package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.MacAddress;

/**
 * A macvtap (a macvlan with a {@code /dev/tapN} character device, for VMs), with exactly the
 * options of a {@link Macvlan}: {@code ip link add link <parent> name <name> type macvtap ...}.
 * The kernel reports it with {@link Macvlan.Info}.
 *
 * @param options every setting, as for a macvlan
 */
public record Macvtap(Macvlan options) implements LinkSpec {

    static final KindCodec<Macvtap, Macvlan.Info> CODEC = new Macvlan.Codec<>("macvtap", Macvtap.class) {
        @Override
        Macvlan options(Macvtap spec) {
            return spec.options();
        }
    };

    public Macvtap {
        if (options == null) {
            throw new IllegalArgumentException("macvtap options: must not be null");
        }
    }

    /** A bridge-mode macvtap {@code name} on {@code parent}. */
    public static Macvtap of(String name, String parent) {
        return new Macvtap(Macvlan.of(name, parent));
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String kind() {
        return "macvtap";
    }

    @Override
    public NetNs netns() {
        return options.netns();
    }

    @Override
    public int mtu() {
        return options.mtu();
    }

    @Override
    public MacAddress mac() {
        return options.mac();
    }

    @Override
    public String parent() {
        return options.parent();
    }

    public Macvtap withOptions(Macvlan options) {
        return new Macvtap(options);
    }
}
