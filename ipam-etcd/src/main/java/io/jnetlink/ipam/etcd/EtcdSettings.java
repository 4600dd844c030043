package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.LeaseRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd and where in it to keep leases.
 *
 * @param endpoints client URLs ({@code http://10.0.0.5:2379}, {@code https://...}); any member will do
 * @param keyPrefix the key prefix every lease key starts with, e.g. {@code /jnetlink/ipam}
 * @param hostId    this host's cluster-unique id, written with every lease it takes (a
 *                  {@link LeaseRecord} field: no whitespace or control characters)
 * @param timeout   how long one etcd request may take before the call fails (try again later)
 * @param tls       client TLS, or null for plain connections
 * @param user      user name for etcd authentication, or null
 * @param password  its password, or null
 * @param leaseTtl  if not null, leases are bound to this host's etcd lease of this TTL
 *                  ({@link EtcdHostLease}): when the host stops renewing it, its addresses are
 *                  released after this grace time; null keeps leases until released or collected
 */
public record EtcdSettings(List<String> endpoints, String keyPrefix, String hostId, Duration timeout, Tls tls,
                           String user, String password, Duration leaseTtl) {

    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "/jnetlink/ipam";

    /** The key of {@code hostId}'s lease id. */
    String hostKey() {
        return keyPrefix + "/hosts/" + hostId;
    }

    /** The default per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public EtcdSettings {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd.endpoints: at least one endpoint is required");
        }
        for (String endpoint : endpoints) {
            if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                throw new IllegalArgumentException("etcd.endpoints: \"" + endpoint
                        + "\" must be a URL starting with http:// or https://");
            }
        }
        if (keyPrefix.isEmpty() || !keyPrefix.startsWith("/") || keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("etcd.keyPrefix: \"" + keyPrefix
                    + "\" must start with / and not end with /");
        }
        LeaseRecord.requireField("etcd.hostId", hostId); // written into every lease record
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("etcd.timeoutMillis: " + timeout.toMillis() + " must be positive");
        }
        if (leaseTtl != null && leaseTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("etcd.leaseSeconds: " + leaseTtl.toSeconds() + " must be at least 1");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("etcd.user/password: give both or neither");
        }
    }

    /**
     * Client TLS: the CA that signed the members' certificates, and optionally this client's
     * certificate and key (PEM files).
     */
    public record Tls(Path ca, Path cert, Path key) {
        public Tls {
            if (ca == null) {
                throw new IllegalArgumentException("etcd.tls.ca: required with tls");
            }
            if ((cert == null) != (key == null)) {
                throw new IllegalArgumentException("etcd.tls.cert/key: give both or neither");
            }
        }
    }
}
