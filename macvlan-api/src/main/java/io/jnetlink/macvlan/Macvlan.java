package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A macvlan to create, as {@code ip link add link <parent> name <name> type macvlan mode <mode>}
 * and everything else the kernel offers. Start from {@link #of} (mode {@link MacvlanMode#BRIDGE})
 * and adjust with the {@code with...} methods. Fields are checked on construction; combinations
 * (flags and source MACs against the mode) by {@link #validate()}, which every create calls.
 * This file is the macvlan kind: its attributes, how a spec is written, how {@link Info} is read.
 *
 * @param name       interface name
 * @param parent     name of the parent (lower) link, in the namespace of the entry point
 * @param mode       macvlan mode
 * @param mac        its MAC, or null for a random one (passthru: the parent's)
 * @param mtu        MTU, or 0 for the parent's
 * @param flags      {@code NOPROMISC} (passthru only) and {@code NODST}
 * @param bcQueueLen broadcast queue length ({@code bcqueuelen}), or null for the kernel's default
 * @param bcCutoff   broadcast cutoff ({@code bccutoff}), or null for the kernel's default
 * @param sourceMacs allowed source MACs, source mode only
 * @param netns      namespace to create it in directly, or null
 */
public record Macvlan(String name, String parent, MacvlanMode mode, MacAddress mac, int mtu, Set<MacvlanFlag> flags,
                      Integer bcQueueLen, Integer bcCutoff, List<MacAddress> sourceMacs, NetNs netns)
        implements LinkSpec {

    static final int IFLA_MACVLAN_MODE = 1;
    static final int IFLA_MACVLAN_FLAGS = 2;
    static final int IFLA_MACVLAN_MACADDR_MODE = 3;
    static final int IFLA_MACVLAN_MACADDR = 4;
    static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    static final int IFLA_MACVLAN_BC_QUEUE_LEN = 7;
    static final int IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;
    static final int IFLA_MACVLAN_BC_CUTOFF = 9;

    static final int MACVLAN_MACADDR_ADD = 0;
    static final int MACVLAN_MACADDR_DEL = 1;
    static final int MACVLAN_MACADDR_FLUSH = 2;
    static final int MACVLAN_MACADDR_SET = 3;

    /** The kernel's mode when none is given. */
    private static final int DEFAULT_KERNEL_MODE = 2;

    static final KindCodec<Macvlan, Info> CODEC = new Codec<>("macvlan", Macvlan.class) {
        @Override
        Macvlan options(Macvlan spec) {
            return spec;
        }
    };

    public Macvlan {
        Validation.ifname("macvlan name", name);
        Validation.ifname("macvlan parent", parent);
        if (mode == null) {
            throw new IllegalArgumentException("macvlan mode: must not be null");
        }
        if (mac != null) {
            mac.requireUnicast("macvlan mac");
        }
        Validation.mtu("macvlan mtu", mtu);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (bcQueueLen != null) {
            Validation.nonNegative("macvlan bcQueueLen", bcQueueLen);
        }
        sourceMacs = List.copyOf(sourceMacs);
        for (MacAddress source : sourceMacs) {
            source.requireUnicast("macvlan sourceMacs");
        }
    }

    /** A bridge-mode macvlan {@code name} on {@code parent}, everything else left to the kernel. */
    public static Macvlan of(String name, String parent) {
        return new Macvlan(name, parent, MacvlanMode.BRIDGE, null, 0, Set.of(), null, null, List.of(), null);
    }

    @Override
    public String kind() {
        return "macvlan";
    }

    /**
     * Checks the combinations the kernel would reject: {@code NOPROMISC} outside passthru,
     * source MACs outside source mode.
     */
    public Macvlan validate() {
        if (flags.contains(MacvlanFlag.NOPROMISC) && mode != MacvlanMode.PASSTHRU) {
            throw new IllegalArgumentException("macvlan flags: NOPROMISC is only valid in mode PASSTHRU, not " + mode);
        }
        if (!sourceMacs.isEmpty() && mode != MacvlanMode.SOURCE) {
            throw new IllegalArgumentException("macvlan sourceMacs: " + sourceMacs
                    + " given, but source MACs are only valid in mode SOURCE, not " + mode);
        }
        return this;
    }

    public Macvlan withName(String name) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withParent(String parent) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMode(MacvlanMode mode) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMac(MacAddress mac) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMtu(int mtu) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withFlags(Set<MacvlanFlag> flags) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withBcQueueLen(Integer bcQueueLen) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withBcCutoff(Integer bcCutoff) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withSourceMacs(List<MacAddress> sourceMacs) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    /** Created directly inside {@code netns} (under a temporary name, renamed there). */
    public Macvlan withNetns(NetNs netns) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    /**
     * The macvlan/macvtap settings the kernel reports for a link. Values are kept as the kernel
     * sent them, so a mode or flag newer than this library is not lost.
     *
     * @param modeValue      {@code IFLA_MACVLAN_MODE}
     * @param flagBits       {@code IFLA_MACVLAN_FLAGS}
     * @param sourceMacs     the source-mode MAC list
     * @param bcQueueLen     requested broadcast queue length
     * @param bcQueueLenUsed the queue length in use (the largest requested on the parent)
     * @param bcCutoff       broadcast cutoff, or null when the kernel does not report one
     */
    public record Info(int modeValue, int flagBits, List<MacAddress> sourceMacs, long bcQueueLen, long bcQueueLenUsed,
                       Integer bcCutoff) implements LinkInfo {

        public Info {
            sourceMacs = List.copyOf(sourceMacs);
        }

        /** The mode; empty for a value this library does not know (see {@link #modeValue()}). */
        public Optional<MacvlanMode> mode() {
            return MacvlanMode.of(modeValue);
        }

        /** The known flags (unknown bits stay in {@link #flagBits()}); unmodifiable. */
        public Set<MacvlanFlag> flags() {
            return MacvlanFlag.fromBits(flagBits);
        }

        /** As {@code ip -d link} prints it after the kind: {@code mode bridge nopromisc bcqueuelen 1000 usedbcqueuelen 1000}. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("mode ")
                    .append(mode().map(MacvlanMode::ipName).orElse(Integer.toString(modeValue)));
            flags().forEach(f -> s.append(' ').append(f.name().toLowerCase(java.util.Locale.ROOT)));
            if (!sourceMacs.isEmpty()) {
                s.append(" remotes (").append(sourceMacs.size()).append(')');
                sourceMacs.forEach(m -> s.append(' ').append(m));
            }
            s.append(" bcqueuelen ").append(bcQueueLen).append(" usedbcqueuelen ").append(bcQueueLenUsed);
            if (bcCutoff != null) {
                s.append(" bclim ").append(bcCutoff);
            }
            return s.toString();
        }
    }

    /** The source-MAC list operation: SET/ADD/DEL with addresses, FLUSH without. */
    static void writeSourceMacs(NetlinkWriter w, int operation, List<MacAddress> macs) {
        w.putU32(IFLA_MACVLAN_MACADDR_MODE, operation);
        if (operation == MACVLAN_MACADDR_SET) {
            long list = w.beginNest(IFLA_MACVLAN_MACADDR_DATA);
            for (MacAddress mac : macs) {
                w.putMac(IFLA_MACVLAN_MACADDR, mac.value());
            }
            w.endNest(list);
        } else if (!macs.isEmpty()) {
            w.putMac(IFLA_MACVLAN_MACADDR, macs.getFirst().value());
        }
    }

    /** The macvlan codec; macvtap uses it too, for the options it wraps. */
    abstract static class Codec<S extends LinkSpec> implements KindCodec<S, Info> {

        private final String kind;
        private final Class<S> specType;

        Codec(String kind, Class<S> specType) {
            this.kind = kind;
            this.specType = specType;
        }

        /** The macvlan settings of {@code spec}. */
        abstract Macvlan options(S spec);

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Class<S> specType() {
            return specType;
        }

        @Override
        public void validate(S spec) {
            options(spec).validate();
        }

        /** Passthru takes the whole parent: refused when the parent already has macvlan/macvtap children. */
        @Override
        public void checkParent(S spec, Link parent, Links links) {
            if (spec.mtu() > parent.mtu()) { // the kernel's rule (macvlan_common_newlink), which it answers with a bare EINVAL
                throw new IllegalArgumentException("mtu: " + spec.mtu() + " is larger than the MTU " + parent.mtu()
                        + " of parent " + parent.name() + "; it must be 0.." + parent.mtu());
            }
            if (options(spec).mode() != MacvlanMode.PASSTHRU) {
                return;
            }
            List<String> children = links.list().stream()
                    .filter(l -> l.info() instanceof Info && l.parentIndex() == parent.index() && l.linkNetnsId() < 0)
                    .map(Link::name).toList();
            if (!children.isEmpty()) {
                throw new IllegalArgumentException("macvlan mode: PASSTHRU needs parent " + parent.name()
                        + " to itself, but it already has children " + children);
            }
        }

        @Override
        public void writeData(NetlinkWriter w, S spec, int parentIndex) {
            Macvlan options = options(spec);
            w.putU32(IFLA_MACVLAN_MODE, options.mode().kernelValue());
            if (!options.flags().isEmpty()) {
                w.putU16(IFLA_MACVLAN_FLAGS, MacvlanFlag.toBits(options.flags()));
            }
            if (options.bcQueueLen() != null) {
                w.putU32(IFLA_MACVLAN_BC_QUEUE_LEN, options.bcQueueLen());
            }
            if (options.bcCutoff() != null) {
                w.putS32(IFLA_MACVLAN_BC_CUTOFF, options.bcCutoff());
            }
            if (!options.sourceMacs().isEmpty()) {
                writeSourceMacs(w, MACVLAN_MACADDR_SET, options.sourceMacs());
            }
        }

        @Override
        public Info readData(AttributeCursor a) {
            int mode = DEFAULT_KERNEL_MODE;
            int flags = 0;
            long bcQueueLen = 0;
            long bcQueueLenUsed = 0;
            Integer bcCutoff = null;
            List<MacAddress> sources = new ArrayList<>();
            while (a.next()) {
                switch (a.type()) {
                    case IFLA_MACVLAN_MODE -> mode = a.u32();
                    case IFLA_MACVLAN_FLAGS -> flags = a.u16();
                    case IFLA_MACVLAN_BC_QUEUE_LEN -> bcQueueLen = Integer.toUnsignedLong(a.u32());
                    case IFLA_MACVLAN_BC_QUEUE_LEN_USED -> bcQueueLenUsed = Integer.toUnsignedLong(a.u32());
                    case IFLA_MACVLAN_BC_CUTOFF -> bcCutoff = a.s32();
                    case IFLA_MACVLAN_MACADDR_DATA -> {
                        AttributeCursor list = a.nested();
                        while (list.next()) {
                            if (list.type() == IFLA_MACVLAN_MACADDR) {
                                sources.add(new MacAddress(list.mac()));
                            }
                        }
                    }
                    default -> { }
                }
            }
            return new Info(mode, flags, sources, bcQueueLen, bcQueueLenUsed, bcCutoff);
        }

        @Override
        public void compare(S spec, Info info, List<String> differences) {
            Macvlan options = options(spec);
            compare(differences, "mode", options.mode().name(),
                    info.mode().map(MacvlanMode::name).orElse("unknown mode " + info.modeValue()));
            compare(differences, "flags", options.flags(), info.flags());
            if (options.bcQueueLen() != null) {
                compare(differences, "bcQueueLen", (long) options.bcQueueLen(), info.bcQueueLen());
            }
            if (options.bcCutoff() != null) {
                compare(differences, "bcCutoff", options.bcCutoff(), info.bcCutoff());
            }
            if (options.mode() == MacvlanMode.SOURCE) {
                compare(differences, "sourceMacs", Set.copyOf(options.sourceMacs()), Set.copyOf(info.sourceMacs()));
            }
        }

        @Override
        public String describe(S spec) {
            Macvlan options = options(spec);
            return kind + " " + options.name() + " on " + options.parent() + " mode " + options.mode().ipName();
        }

        private static void compare(List<String> differences, String field, Object wanted, Object found) {
            if (!Objects.equals(wanted, found)) {
                differences.add(field + ": wanted " + wanted + ", found " + found);
            }
        }
    }
}
