package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;

import java.util.ArrayList;
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

    /**
     * As resolv.conf says it, one line after the other and only what is set:
     * {@code nameserver 192.0.2.53, domain example.com, search example.com, options ndots:2};
     * {@code no DNS settings} if empty.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "no DNS settings";
        }
        List<String> lines = new ArrayList<>();
        nameservers.forEach(n -> lines.add("nameserver " + n));
        if (domain != null) {
            lines.add("domain " + domain);
        }
        if (!search.isEmpty()) {
            lines.add("search " + String.join(" ", search));
        }
        if (!options.isEmpty()) {
            lines.add("options " + String.join(" ", options));
        }
        return String.join(", ", lines);
    }
}
