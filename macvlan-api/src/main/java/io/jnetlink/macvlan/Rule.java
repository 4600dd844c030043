package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.net.InetAddress;
import java.util.Collection;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A policy-routing rule ({@code ip rule}), to add or delete, or as reported. Build with
 * {@link #from(String)}, {@link #to(String)} or {@link #all(IpFamily)}, then {@link #lookup(long)},
 * {@link #withPriority(long)}, {@code with...}:
 *
 * <pre>{@code
 * rt.rules().add(Rule.from("192.0.2.10/32").lookup(100).withPriority(100)); // 100: from 192.0.2.10 lookup 100
 * }</pre>
 *
 * The selectors not represented here ({@code l3mdev}, {@code tun_id}, {@code realms}, and the
 * {@code dscp}, {@code flowlabel} and port masks of kernels from 6.13) are left out of a listed
 * rule; delete such a rule by its priority.
 *
 * <p>What a rule leaves unset matches anything (null, 0, an empty set). In a rule to delete, it also
 * matches any value, as {@code ip rule del} does: {@code Rule.from("192.0.2.10/32")} deletes the
 * first rule from that address whatever its priority and table.
 *
 * @param family               {@code AF_INET} or {@code AF_INET6} rules
 * @param priority             {@code priority}/{@code pref}, a u32; null lets the kernel pick one
 *                             below the first rule with a priority above 0 (32765, 32764, ...)
 * @param from                 {@code from} prefix, null for all (a {@code /0} is taken as all)
 * @param to                   {@code to} prefix, null for all
 * @param tos                  {@code tos}/{@code dsfield}, a u8, 0 for any
 * @param action               what a matching rule does
 * @param table                {@code lookup} table, a u32; 0 leaves it unset, which adding takes
 *                             as {@code main} (254) for {@link RuleAction#LOOKUP}, as {@code ip} does
 * @param gotoPriority         the priority of the rule to go on at, for {@link RuleAction#GOTO}
 * @param iif                  {@code iif} name ({@code lo} for locally made packets), null for any
 * @param oif                  {@code oif} name, null for any
 * @param fwmark               {@code fwmark value/mask}, null for any
 * @param suppressPrefixLength {@code suppress_prefixlength}: refuse the lookup's routes with a
 *                             prefix this long or shorter; null for none
 * @param suppressIfgroup      {@code suppress_ifgroup}: refuse routes through links of this group (a u32); null for none
 * @param ipProto              {@code ipproto}, an IP protocol number (6 tcp, 17 udp), 0 for any
 * @param sourcePorts          {@code sport}, null for any
 * @param destinationPorts     {@code dport}, null for any
 * @param uidRange             {@code uidrange}, null for any
 * @param protocol             {@code proto}: who made the rule ({@code RTPROT_*}, a u8), 0 unspecified
 * @param flags                {@link RuleFlag#INVERT} ({@code not}) to ask for; the kernel reports the others
 */
public record Rule(IpFamily family, Long priority, Prefix from, Prefix to, int tos, RuleAction action, long table,
                   Long gotoPriority, String iif, String oif, FwMark fwmark, Integer suppressPrefixLength,
                   Long suppressIfgroup, int ipProto, PortRange sourcePorts, PortRange destinationPorts,
                   UidRange uidRange, int protocol, Set<RuleFlag> flags) {

    /** {@code fwmark value/mask}: matches packets whose mark, masked, equals {@code value}. */
    public record FwMark(long value, long mask) {
        public FwMark {
            Validation.u32("rule fwmark", value);
            Validation.u32("rule fwmask", mask);
        }

        @Override
        public String toString() {
            return "0x" + Long.toHexString(value) + (mask == 0xffff_ffffL ? "" : "/0x" + Long.toHexString(mask));
        }
    }

    /** {@code sport}/{@code dport start-end}: the kernel takes 1..65534, start no greater than end. */
    public record PortRange(int start, int end) {
        public PortRange {
            if (start < 1 || end > 65534 || start > end) {
                throw new IllegalArgumentException("rule port range: " + start + "-" + end
                        + " is not within 1-65534 with start <= end (the kernel's limits)");
            }
        }

        @Override
        public String toString() {
            return start == end ? Integer.toString(start) : start + "-" + end;
        }
    }

    /** {@code uidrange start-end}: the kernel takes 0..4294967294, start no greater than end. */
    public record UidRange(long start, long end) {
        public UidRange {
            if (start < 0 || end > 0xffff_fffeL || start > end) {
                throw new IllegalArgumentException("rule uidrange: " + start + "-" + end
                        + " is not within 0-4294967294 with start <= end (the kernel's limits)");
            }
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    public Rule {
        if (family == null) {
            throw new IllegalArgumentException("rule family: must not be null");
        }
        if (action == null) {
            throw new IllegalArgumentException("rule action: must not be null");
        }
        from = from == null || from.length() == 0 ? null : sameFamily("rule from", family, from);
        to = to == null || to.length() == 0 ? null : sameFamily("rule to", family, to);
        if (priority != null) {
            Validation.u32("rule priority", priority);
        }
        Validation.u8("rule tos", tos);
        Validation.u32("rule table", table);
        if (action == RuleAction.GOTO && gotoPriority == null) {
            throw new IllegalArgumentException("rule goto: the GOTO action needs the priority to go on at");
        }
        if (gotoPriority != null) {
            if (action != RuleAction.GOTO) {
                throw new IllegalArgumentException("rule goto: " + gotoPriority + " given for action " + action
                        + "; only GOTO goes on at another rule");
            }
            Validation.u32("rule goto", gotoPriority);
        }
        if (iif != null) {
            Validation.ifname("rule iif", iif);
        }
        if (oif != null) {
            Validation.ifname("rule oif", oif);
        }
        if (suppressPrefixLength != null) {
            Validation.nonNegative("rule suppress_prefixlength", suppressPrefixLength);
        }
        if (suppressIfgroup != null) {
            Validation.u32("rule suppress_ifgroup", suppressIfgroup);
        }
        Validation.u8("rule ipproto", ipProto);
        Validation.u8("rule protocol", protocol);
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(flags);
    }

    /** Rules of {@code family} matching every source ({@code ip rule add from all ...}), {@code lookup main}. */
    public static Rule all(IpFamily family) {
        return new Rule(family, null, null, null, 0, RuleAction.LOOKUP, 0, null, null, null, null, null, null, 0,
                null, null, null, 0, Set.of());
    }

    /** {@code from <prefix>}: an address ({@code 192.0.2.10}, a host prefix) or {@code 192.0.2.0/24}. */
    public static Rule from(String prefix) {
        return from(Prefix.parse("rule from", prefix));
    }

    /** {@code from <prefix>}. */
    public static Rule from(Prefix prefix) {
        return all(prefix.family()).withFrom(prefix);
    }

    /** {@code to <prefix>}. */
    public static Rule to(String prefix) {
        Prefix to = Prefix.parse("rule to", prefix);
        return all(to.family()).withTo(to);
    }

    /** {@code lookup <table>}: the table's routes decide (a u32: 254 main, 255 local, 253 default). */
    public Rule lookup(long table) {
        return with(d -> {
            d.action = RuleAction.LOOKUP;
            d.table = table;
            d.gotoPriority = null;
        });
    }

    /** {@code goto <priority>}: go on at the rule of that (higher) priority. */
    public Rule gotoRule(long priority) {
        return with(d -> {
            d.action = RuleAction.GOTO;
            d.gotoPriority = priority;
            d.table = 0;
        });
    }

    /** {@code nop}, {@code blackhole}, {@code unreachable} or {@code prohibit}; {@link #lookup} and {@link #gotoRule} for the others. */
    public Rule withAction(RuleAction action) {
        if (action == RuleAction.GOTO) {
            throw new IllegalArgumentException("rule action: GOTO needs its target; use gotoRule(priority)");
        }
        return with(d -> {
            d.action = action;
            d.gotoPriority = null;
            if (action != RuleAction.LOOKUP) {
                d.table = 0;
            }
        });
    }

    /** {@code priority <u32>}: where the rule stands; lower goes first. */
    public Rule withPriority(long priority) {
        return with(d -> d.priority = priority);
    }

    /** {@code from <prefix>}. */
    public Rule withFrom(Prefix from) {
        return with(d -> d.from = from);
    }

    /** {@code to <prefix>}. */
    public Rule withTo(Prefix to) {
        return with(d -> d.to = to);
    }

    /** {@code tos <u8>} (the DS field; the kernel refuses ECN bits in IPv4 rules). */
    public Rule withTos(int tos) {
        return with(d -> d.tos = tos);
    }

    /** {@code iif <name>}: packets that came in on that link ({@code lo}: made on this host). */
    public Rule withIif(String iif) {
        return with(d -> d.iif = iif);
    }

    /** {@code oif <name>}: packets of sockets bound to that link. */
    public Rule withOif(String oif) {
        return with(d -> d.oif = oif);
    }

    /** {@code fwmark <value>}: the whole mark must match. */
    public Rule withFwmark(long value) {
        return withFwmark(value, 0xffff_ffffL);
    }

    /** {@code fwmark <value>/<mask>}. */
    public Rule withFwmark(long value, long mask) {
        return with(d -> d.fwmark = new FwMark(value, mask));
    }

    /** {@code suppress_prefixlength <length>}: refuse the lookup's routes with a prefix this long or shorter. */
    public Rule withSuppressPrefixLength(int length) {
        return with(d -> d.suppressPrefixLength = length);
    }

    /** {@code suppress_ifgroup <group>}: refuse the lookup's routes through links of that group (a u32). */
    public Rule withSuppressIfgroup(long group) {
        return with(d -> d.suppressIfgroup = group);
    }

    /** {@code ipproto <number>} (6 tcp, 17 udp, 58 ipv6-icmp, ...). */
    public Rule withIpProto(int ipProto) {
        return with(d -> d.ipProto = ipProto);
    }

    /** {@code sport <start>-<end>}. */
    public Rule withSourcePorts(int start, int end) {
        return with(d -> d.sourcePorts = new PortRange(start, end));
    }

    /** {@code dport <start>-<end>}. */
    public Rule withDestinationPorts(int start, int end) {
        return with(d -> d.destinationPorts = new PortRange(start, end));
    }

    /** {@code uidrange <start>-<end>}. */
    public Rule withUidRange(long start, long end) {
        return with(d -> d.uidRange = new UidRange(start, end));
    }

    /** {@code proto <number>}: who made the rule ({@code RTPROT_*}). */
    public Rule withProtocol(int protocol) {
        return with(d -> d.protocol = protocol);
    }

    /** {@code not}: match what the selectors do not. */
    public Rule inverted() {
        return with(d -> {
            EnumSet<RuleFlag> flags = EnumSet.of(RuleFlag.INVERT);
            flags.addAll(d.flags);
            d.flags = flags;
        });
    }

    /**
     * The table this rule looks up if it is a {@code lookup} of a table of its own, not one the
     * kernel makes ({@code main}, {@code local}, {@code default}); empty otherwise.
     */
    public OptionalLong ownTable() {
        return action == RuleAction.LOOKUP && table != 0 && table != Rtnetlink.RT_TABLE_MAIN
                && table != Rtnetlink.RT_TABLE_LOCAL && table != Rtnetlink.RT_TABLE_DEFAULT
                ? OptionalLong.of(table) : OptionalLong.empty();
    }

    /** {@code from} one address exactly (a host prefix: {@code /32}, {@code /128}) that is among {@code addresses}. */
    public boolean isFromOneOf(Collection<InetAddress> addresses) {
        return from != null && from.length() == family.bits() && addresses.contains(from.address());
    }

    /** {@code not} was asked for or is reported. */
    public boolean isInverted() {
        return flags.contains(RuleFlag.INVERT);
    }

    /**
     * As {@code ip rule} prints it (protocol {@code kernel} left out, as there): {@code 100: from 192.0.2.10 lookup 100},
     * {@code not from 203.0.113.0/24 to 198.51.100.0/24 iif lo ipproto 6 dport 80-90 prohibit}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (priority != null) {
            s.append(priority).append(": ");
        }
        if (isInverted()) {
            s.append("not ");
        }
        s.append("from ").append(from == null ? "all" : prefixText(from));
        if (to != null) {
            s.append(" to ").append(prefixText(to));
        }
        if (tos != 0) {
            s.append(" tos 0x").append(Integer.toHexString(tos));
        }
        if (fwmark != null) {
            s.append(" fwmark ").append(fwmark);
        }
        if (iif != null) {
            s.append(" iif ").append(iif).append(flags.contains(RuleFlag.IIF_DETACHED) ? " [detached]" : "");
        }
        if (oif != null) {
            s.append(" oif ").append(oif).append(flags.contains(RuleFlag.OIF_DETACHED) ? " [detached]" : "");
        }
        if (uidRange != null) {
            s.append(" uidrange ").append(uidRange);
        }
        if (ipProto != 0) {
            s.append(" ipproto ").append(ipProtoName(ipProto));
        }
        if (sourcePorts != null) {
            s.append(" sport ").append(sourcePorts);
        }
        if (destinationPorts != null) {
            s.append(" dport ").append(destinationPorts);
        }
        switch (action) {
            case LOOKUP -> s.append(" lookup ").append(tableName(table == 0 ? Rtnetlink.RT_TABLE_MAIN : table));
            case GOTO -> s.append(" goto ").append(gotoPriority);
            default -> s.append(' ').append(action.ipName());
        }
        if (suppressPrefixLength != null) {
            s.append(" suppress_prefixlength ").append(suppressPrefixLength);
        }
        if (suppressIfgroup != null) {
            s.append(" suppress_ifgroup ").append(suppressIfgroup);
        }
        if (protocol != 0 && protocol != Rtnetlink.RTPROT_KERNEL) { // as ip: the kernel's own rules unmarked
            s.append(" proto ").append(Route.protocolName(protocol));
        }
        return s.toString();
    }

    /** {@code ip}'s names of the three tables the kernel makes; others by number. */
    static String tableName(long table) {
        return switch ((int) table) {
            case Rtnetlink.RT_TABLE_MAIN -> "main";
            case Rtnetlink.RT_TABLE_LOCAL -> "local";
            case Rtnetlink.RT_TABLE_DEFAULT -> "default";
            default -> Long.toString(table);
        };
    }

    /** The names {@code ip} takes from {@code /etc/protocols} for the common IP protocols, else the number. */
    static String ipProtoName(int ipProto) {
        return switch (ipProto) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            default -> Integer.toString(ipProto);
        };
    }

    /** A host prefix as a bare address, as {@code ip rule} prints it. */
    private static String prefixText(Prefix prefix) {
        return prefix.length() == prefix.family().bits() ? InetAddresses.text(prefix.address()) : prefix.toString();
    }

    private static Prefix sameFamily(String field, IpFamily family, Prefix prefix) {
        if (prefix.family() != family) {
            throw new IllegalArgumentException(field + ": " + prefix + " is not of the rule's family (" + family + ")");
        }
        return prefix;
    }

    private Rule with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new Rule(family, d.priority, d.from, d.to, d.tos, d.action, d.table, d.gotoPriority, d.iif, d.oif,
                d.fwmark, d.suppressPrefixLength, d.suppressIfgroup, d.ipProto, d.sourcePorts, d.destinationPorts,
                d.uidRange, d.protocol, d.flags);
    }

    /** The components a {@code with...} call changes one of. */
    private static final class Draft {
        Long priority;
        Prefix from;
        Prefix to;
        int tos;
        RuleAction action;
        long table;
        Long gotoPriority;
        String iif;
        String oif;
        FwMark fwmark;
        Integer suppressPrefixLength;
        Long suppressIfgroup;
        int ipProto;
        PortRange sourcePorts;
        PortRange destinationPorts;
        UidRange uidRange;
        int protocol;
        Set<RuleFlag> flags;

        Draft(Rule r) {
            priority = r.priority;
            from = r.from;
            to = r.to;
            tos = r.tos;
            action = r.action;
            table = r.table;
            gotoPriority = r.gotoPriority;
            iif = r.iif;
            oif = r.oif;
            fwmark = r.fwmark;
            suppressPrefixLength = r.suppressPrefixLength;
            suppressIfgroup = r.suppressIfgroup;
            ipProto = r.ipProto;
            sourcePorts = r.sourcePorts;
            destinationPorts = r.destinationPorts;
            uidRange = r.uidRange;
            protocol = r.protocol;
            flags = r.flags;
        }
    }
}
