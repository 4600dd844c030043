package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;

import java.util.List;

/**
 * Resolver settings (CNI {@code dns}).
 *
 * @param nameservers name server addresses
 * @param domain      the local domain, or null
 * @param search      search domains
 * @param options     resolver options
 */
public record Dns(List<String> nameservers, String domain, List<String> search, List<String> options) {

    /** No resolver settings. */
    public static final Dns NONE = new Dns(List.of(), null, List.of(), List.of());

    public Dns {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        options = List.copyOf(options);
        nameservers.forEach(n -> InetAddresses.parse("dns.nameservers", n));
    }

    public boolean isEmpty() {
        return nameservers.isEmpty() && domain == null && search.isEmpty() && options.isEmpty();
    }
}
