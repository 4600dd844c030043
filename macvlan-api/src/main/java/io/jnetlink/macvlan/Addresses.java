package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.IfAddrMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.net.InetAddress;
import java.util.List;

import static io.jnetlink.core.rtnl.Ifa.*;

/** Addresses of one namespace: {@code ip address add/replace/del/show}. */
public final class Addresses {

    private final RtNetlink rt;

    Addresses(RtNetlink rt) {
        this.rt = rt;
    }

    /** {@code NLM_F_*} flags of {@link #add}: create, and fail with EEXIST if it is there. */
    static final int ADD = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    /** {@code ip address add <address> dev <link>}; EEXIST if already there. */
    public void add(String link, Address address) {
        write(link, address, ADD, "add");
    }

    /** {@code ip address replace <address> dev <link>}: adds, or updates flags and lifetimes. */
    public void replace(String link, Address address) {
        write(link, address, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, "replace");
    }

    /** {@code ip address del <address> dev <link>}. */
    public void delete(String link, Address address) {
        String operation = "delete address " + address + " from " + link;
        int index = rt.links().require(link, operation).index();
        rt.execute(() -> operation, w -> {
            long m = w.beginMessage(Rtnetlink.RTM_DELADDR, 0);
            w.ifaddrmsg(address.family(), address.prefixLength(), 0, 0, index);
            w.putAddress(IFA_LOCAL, address.address());
            w.endMessage(m);
        });
    }

    /** Every address of the namespace, both families. */
    public List<Address> list() {
        return dump(0);
    }

    /** The addresses of one link ({@code ip address show dev <link>}), filtered by the kernel. */
    public List<Address> list(String link) {
        return dump(rt.links().require(link, "list addresses of " + link).index());
    }

    /** Dumps addresses; a non-zero {@code index} is a strict-check filter the kernel applies. */
    private List<Address> dump(int index) {
        return rt.dump("list addresses", w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETADDR, Netlink.NLM_F_DUMP);
            w.ifaddrmsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, index);
            w.endMessage(m);
        }, new Decoder()::decode);
    }

    private void write(String link, Address address, int flags, String verb) {
        String operation = describe(verb, address, link);
        int index = rt.links().require(link, operation).index();
        rt.execute(() -> operation, w -> encode(w, address, index, flags));
    }

    /** How errors name adding an address, e.g. {@code add address 198.51.100.2/24 on eth0}. */
    static String describe(String verb, Address address, String link) {
        return verb + " address " + address + " on " + link;
    }

    /** An {@code RTM_NEWADDR} putting {@code address} on link {@code index}, with {@code flags} ({@code NLM_F_*}). */
    static void encode(NetlinkWriter w, Address address, int index, int flags) {
        long m = w.beginMessage(Rtnetlink.RTM_NEWADDR, flags);
        // the header has room for the low 8 flag bits; IFA_FLAGS carries all 32, and the kernel takes it first
        w.ifaddrmsg(address.family(), address.prefixLength(), address.flags() & 0xff, address.scope(), index);
        w.putAddress(IFA_LOCAL, address.address());
        w.putAddress(IFA_ADDRESS, address.address());
        if (address.broadcast() != null) {
            w.putAddress(IFA_BROADCAST, address.broadcast());
        }
        if (address.label() != null) {
            w.putString(IFA_LABEL, address.label());
        }
        w.putU32(IFA_FLAGS, address.flags());
        if (address.validLifetime() != Address.FOREVER || address.preferredLifetime() != Address.FOREVER) {
            cacheInfo(w, address);
        }
        w.endMessage(m);
    }

    /** {@code struct ifa_cacheinfo}: preferred, valid, cstamp, tstamp. */
    private static void cacheInfo(NetlinkWriter w, Address address) {
        byte[] info = new byte[16];
        java.nio.ByteBuffer.wrap(info).order(java.nio.ByteOrder.nativeOrder())
                .putInt((int) address.preferredLifetime()).putInt((int) address.validLifetime());
        w.putBytes(IFA_CACHEINFO, info);
    }

    /** Decodes {@code RTM_NEWADDR} messages; also used for address events. */
    static final class Decoder {
        private final AttributeCursor a = new AttributeCursor();

        Address decode(MessageCursor m) {
            InetAddress local = null;
            InetAddress address = null;
            InetAddress broadcast = null;
            String label = null;
            int flags = IfAddrMsg.flags(m);
            long valid = Address.FOREVER;
            long preferred = Address.FOREVER;
            m.attributes(IfAddrMsg.SIZE, a);
            while (a.next()) {
                switch (a.type()) {
                    case IFA_LOCAL -> local = a.address();
                    case IFA_ADDRESS -> address = a.address();
                    case IFA_BROADCAST -> broadcast = a.address();
                    case IFA_LABEL -> label = a.string();
                    case IFA_FLAGS -> flags = a.u32();
                    case IFA_CACHEINFO -> {
                        if (a.payloadLength() >= 8) {
                            preferred = Integer.toUnsignedLong(a.segment().get(
                                    java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset()));
                            valid = Integer.toUnsignedLong(a.segment().get(
                                    java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset() + 4));
                        }
                    }
                    default -> { }
                }
            }
            InetAddress own = local != null ? local : address;
            if (own == null) {
                return null;
            }
            try {
                return new Address(own, IfAddrMsg.prefixLength(m), broadcast, IfAddrMsg.scope(m), flags, label, valid,
                        Math.min(preferred, valid), IfAddrMsg.index(m));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("RTM_NEWADDR: " + e.getMessage());
            }
        }
    }
}
