package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.core.rtnl.RtMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.List;

import static io.jnetlink.core.rtnl.Fra.*;

/** Policy-routing rules of one namespace: {@code ip rule add/del/show}, IPv4 and IPv6. */
public final class Rules {

    private static final int NONE = -1; // suppress_prefixlength/suppress_ifgroup as the kernel reports "unset"

    private final RtNetlink rt;

    Rules(RtNetlink rt) {
        this.rt = rt;
    }

    /**
     * {@code ip rule add ...}. The kernel refuses a rule equal to one it has (same priority and
     * selectors) with EEXIST; a rule without a priority gets one below the first above 0.
     */
    public void add(Rule rule) {
        String operation = "add rule " + rule;
        rt.execute(() -> operation, w -> encode(w, rule, Rtnetlink.RTM_NEWRULE,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * {@code ip rule del ...}: deletes the first rule that matches what {@code rule} sets (what it
     * leaves unset matches anything, its action too when it is a {@code lookup} without a table);
     * ENOENT if none does.
     */
    public void delete(Rule rule) {
        String operation = "delete rule " + rule;
        rt.execute(() -> operation, w -> encode(w, rule, Rtnetlink.RTM_DELRULE, 0));
    }

    /** The rules of both families ({@code ip rule; ip -6 rule}), IPv4 first, each by priority. */
    public List<Rule> list() {
        return dump(Rtnetlink.AF_UNSPEC);
    }

    /** The rules of one family ({@code ip rule} or {@code ip -6 rule}), by priority. */
    public List<Rule> list(IpFamily family) {
        return dump(family.number());
    }

    private List<Rule> dump(int family) {
        AttributeCursor a = new AttributeCursor();
        return rt.dump("list rules", w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETRULE, Netlink.NLM_F_DUMP);
            w.fibRuleHdr(family, 0, 0, 0, 0, 0, 0);
            w.endMessage(m);
        }, m -> decode(m, a));
    }

    /** An {@code RTM_NEWRULE} or {@code RTM_DELRULE} ({@code type}) for {@code rule}. */
    static void encode(NetlinkWriter w, Rule rule, int type, int flags) {
        boolean delete = type == Rtnetlink.RTM_DELRULE;
        long table = rule.action() == RuleAction.LOOKUP && rule.table() == 0 && !delete
                ? Rtnetlink.RT_TABLE_MAIN : rule.table();
        int action = delete && rule.action() == RuleAction.LOOKUP && rule.table() == 0 ? 0 : rule.action().number();
        long m = w.beginMessage(type, flags);
        w.fibRuleHdr(rule.family().number(), length(rule.to()), length(rule.from()), rule.tos(),
                table > 255 ? Rtnetlink.RT_TABLE_UNSPEC : (int) table, action,
                rule.isInverted() ? FIB_RULE_INVERT : 0);
        if (rule.priority() != null) {
            w.putU32(FRA_PRIORITY, rule.priority().intValue());
        }
        if (rule.from() != null) {
            w.putAddress(FRA_SRC, rule.from().address());
        }
        if (rule.to() != null) {
            w.putAddress(FRA_DST, rule.to().address());
        }
        if (table != 0) {
            w.putU32(FRA_TABLE, (int) table);
        }
        if (rule.gotoPriority() != null) {
            w.putU32(FRA_GOTO, rule.gotoPriority().intValue());
        }
        if (rule.iif() != null) {
            w.putString(FRA_IIFNAME, rule.iif());
        }
        if (rule.oif() != null) {
            w.putString(FRA_OIFNAME, rule.oif());
        }
        if (rule.fwmark() != null) {
            w.putU32(FRA_FWMARK, (int) rule.fwmark().value());
            w.putU32(FRA_FWMASK, (int) rule.fwmark().mask());
        }
        if (rule.suppressPrefixLength() != null) {
            w.putU32(FRA_SUPPRESS_PREFIXLEN, rule.suppressPrefixLength());
        }
        if (rule.suppressIfgroup() != null) {
            w.putU32(FRA_SUPPRESS_IFGROUP, rule.suppressIfgroup().intValue());
        }
        if (rule.ipProto() != 0) {
            w.putU8(FRA_IP_PROTO, rule.ipProto());
        }
        if (rule.sourcePorts() != null) {
            w.putBytes(FRA_SPORT_RANGE, ports(rule.sourcePorts()));
        }
        if (rule.destinationPorts() != null) {
            w.putBytes(FRA_DPORT_RANGE, ports(rule.destinationPorts()));
        }
        if (rule.uidRange() != null) {
            w.putBytes(FRA_UID_RANGE, pair(rule.uidRange().start(), rule.uidRange().end()));
        }
        if (rule.protocol() != 0) {
            w.putU8(FRA_PROTOCOL, rule.protocol());
        }
        w.endMessage(m);
    }

    private static int length(Prefix prefix) {
        return prefix == null ? 0 : prefix.length();
    }

    /** {@code struct fib_rule_port_range}: u16 start, u16 end, host order. */
    private static byte[] ports(Rule.PortRange range) {
        return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder())
                .putShort((short) range.start()).putShort((short) range.end()).array();
    }

    /** {@code struct fib_rule_uid_range}: u32 start, u32 end, host order. */
    private static byte[] pair(long start, long end) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
                .putInt((int) start).putInt((int) end).array();
    }

    /**
     * Decodes an {@code RTM_NEWRULE}/{@code RTM_DELRULE}; u32 values read unsigned. Its header,
     * {@code struct fib_rule_hdr}, is laid out as {@code struct rtmsg} with the action where a
     * route has its type, so {@link RtMsg} reads it.
     */
    static Rule decode(MessageCursor m, AttributeCursor a) {
        int familyNumber = RtMsg.family(m);
        IpFamily family = switch (familyNumber) {
            case Rtnetlink.AF_INET -> IpFamily.IPV4;
            case Rtnetlink.AF_INET6 -> IpFamily.IPV6;
            default -> null;
        };
        if (family == null) {
            return null; // a rule of another family (ipmr, bridge): not this view's
        }
        InetAddress src = null;
        InetAddress dst = null;
        long priority = 0;
        long table = RtMsg.table(m);
        Long target = null;
        String iif = null;
        String oif = null;
        Long mark = null;
        Long mask = null;
        Integer suppressPrefixLength = null;
        Long suppressIfgroup = null;
        int ipProto = 0;
        Rule.PortRange sport = null;
        Rule.PortRange dport = null;
        Rule.UidRange uids = null;
        int protocol = 0;
        try {
            m.attributes(RtMsg.SIZE, a);
            while (a.next()) {
                switch (a.type()) {
                    case FRA_SRC -> src = a.address();
                    case FRA_DST -> dst = a.address();
                    case FRA_PRIORITY -> priority = Integer.toUnsignedLong(a.u32());
                    case FRA_TABLE -> table = Integer.toUnsignedLong(a.u32());
                    case FRA_GOTO -> target = Integer.toUnsignedLong(a.u32());
                    case FRA_IIFNAME -> iif = a.string();
                    case FRA_OIFNAME -> oif = a.string();
                    case FRA_FWMARK -> mark = Integer.toUnsignedLong(a.u32());
                    case FRA_FWMASK -> mask = Integer.toUnsignedLong(a.u32());
                    case FRA_SUPPRESS_PREFIXLEN -> suppressPrefixLength = unlessNone(a.u32());
                    case FRA_SUPPRESS_IFGROUP -> suppressIfgroup = a.u32() == NONE ? null
                            : Integer.toUnsignedLong(a.u32());
                    case FRA_IP_PROTO -> ipProto = a.u8();
                    case FRA_SPORT_RANGE -> sport = ports(a);
                    case FRA_DPORT_RANGE -> dport = ports(a);
                    case FRA_UID_RANGE -> uids = uids(a);
                    case FRA_PROTOCOL -> protocol = a.u8();
                    default -> { }
                }
            }
            RuleAction action = RuleAction.of(RtMsg.type(m));
            if (action == RuleAction.GOTO && target == null) {
                target = 0L;
            }
            return new Rule(family, priority, prefix(src, RtMsg.srcLength(m)), prefix(dst, RtMsg.dstLength(m)),
                    RtMsg.tos(m), action, action == RuleAction.LOOKUP || table != 0 ? table : 0,
                    action == RuleAction.GOTO ? target : null, iif, oif,
                    mark == null && mask == null ? null : new Rule.FwMark(mark == null ? 0 : mark,
                            mask == null ? 0xffff_ffffL : mask),
                    suppressPrefixLength, suppressIfgroup, ipProto, sport, dport, uids, protocol,
                    RuleFlag.fromBits(RtMsg.flags(m)));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("RTM_NEWRULE: " + e.getMessage());
        }
    }

    private static Integer unlessNone(int value) {
        return value == NONE || value < 0 ? null : value;
    }

    private static Prefix prefix(InetAddress address, int length) {
        if (address == null) {
            return null;
        }
        return new Prefix(address, Math.min(length, address.getAddress().length * 8));
    }

    private static Rule.PortRange ports(AttributeCursor a) {
        if (a.payloadLength() < 4) {
            throw new MalformedMessageException("RTM_NEWRULE: port range of " + a.payloadLength() + " bytes");
        }
        int start = Short.toUnsignedInt(a.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, a.payloadOffset()));
        int end = Short.toUnsignedInt(a.segment().get(ValueLayout.JAVA_SHORT_UNALIGNED, a.payloadOffset() + 2));
        return start == 0 && end == 0 ? null : new Rule.PortRange(start, end);
    }

    private static Rule.UidRange uids(AttributeCursor a) {
        if (a.payloadLength() < 8) {
            throw new MalformedMessageException("RTM_NEWRULE: uid range of " + a.payloadLength() + " bytes");
        }
        long start = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset()));
        long end = Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, a.payloadOffset() + 4));
        return start == 0 && end == 0xffff_ffffL ? null : new Rule.UidRange(start, end);
    }
}
