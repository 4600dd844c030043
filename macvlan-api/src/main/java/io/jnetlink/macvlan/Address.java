package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Set;

/**
 * An IPv4 or IPv6 address on a link ({@code ip address}), to add or as reported.
 *
 * @param address           the address
 * @param prefixLength      prefix length
 * @param broadcast         IPv4 broadcast; {@link #parse} computes it as {@code ip address add ... brd +}
 * @param scope             {@code RT_SCOPE_*} (0: global)
 * @param flags             {@code IFA_F_*} bits, all 32 ({@link #addressFlags()} names them)
 * @param label             IPv4 label, or null
 * @param validLifetime     seconds, {@link #FOREVER} for permanent
 * @param preferredLifetime seconds, {@link #FOREVER} for permanent
 * @param index             interface index (reported; ignored when adding)
 */
public record Address(InetAddress address, int prefixLength, InetAddress broadcast, int scope, int flags,
                      String label, long validLifetime, long preferredLifetime, int index) {

    /** The lifetime of a permanent address. */
    public static final long FOREVER = 0xffff_ffffL;

    public Address {
        if (address == null) {
            throw new IllegalArgumentException("address: must not be null");
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("address prefix length: " + prefixLength + " is outside 0.." + max
                    + " for " + address.getHostAddress());
        }
        if (preferredLifetime > validLifetime) {
            throw new IllegalArgumentException("address preferredLifetime: " + preferredLifetime
                    + " exceeds validLifetime " + validLifetime);
        }
    }

    /**
     * Parses {@code 192.0.2.10/24} or {@code 2001:db8::10/64}; permanent, global, IPv4 broadcast
     * computed. The prefix length is required: a bare address is refused rather than taken as
     * {@code /32} (write {@code 192.0.2.10/32} for that), since the length decides the on-link route.
     */
    public static Address parse(String cidr) {
        if (cidr != null && !cidr.isBlank() && cidr.indexOf('/') < 0) {
            throw new IllegalArgumentException("address: \"" + cidr + "\" has no prefix length; write it as "
                    + cidr.strip() + "/" + (cidr.indexOf(':') >= 0 ? 128 : 32) + " for a single address, or with"
                    + " the subnet's length, e.g. /24");
        }
        return of(Prefix.parse("address", cidr));
    }

    /** An address with its prefix length, e.g. from IPAM; permanent, global, IPv4 broadcast computed. */
    public static Address of(Prefix prefix) {
        InetAddress broadcast = prefix.address() instanceof Inet4Address && prefix.length() < 31
                ? prefix.lastAddress() : null;
        return new Address(prefix.address(), prefix.length(), broadcast, 0, 0, null, FOREVER, FOREVER, 0);
    }

    public int family() {
        return address instanceof Inet4Address ? 2 : 10;
    }

    public Address withLifetimes(long validSeconds, long preferredSeconds) {
        return new Address(address, prefixLength, broadcast, scope, flags, label, validSeconds, preferredSeconds, index);
    }

    /** The named flags among {@link #flags()}. */
    public Set<AddressFlag> addressFlags() {
        return AddressFlag.fromBits(flags);
    }

    /** This address with exactly {@code flags}, e.g. {@code withFlags(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE)}. */
    public Address withFlags(AddressFlag... flags) {
        return withFlags(AddressFlag.toBits(flags == null ? null : java.util.Arrays.asList(flags)));
    }

    /** This address with exactly {@code flags}. */
    public Address withFlags(Set<AddressFlag> flags) {
        return withFlags(AddressFlag.toBits(flags));
    }

    /** This address with exactly the {@code IFA_F_*} bits {@code flags} (see {@link #withFlags(AddressFlag...)}). */
    public Address withFlags(int flags) {
        return new Address(address, prefixLength, broadcast, scope, flags, label, validLifetime, preferredLifetime,
                index);
    }

    public Address withScope(int scope) {
        return new Address(address, prefixLength, broadcast, scope, flags, label, validLifetime, preferredLifetime,
                index);
    }

    public Address withLabel(String label) {
        return new Address(address, prefixLength, broadcast, scope, flags, label, validLifetime, preferredLifetime,
                index);
    }

    @Override
    public String toString() {
        return InetAddresses.text(address) + "/" + prefixLength;
    }
}
