package io.jnetlink.ipam;

import java.net.InetAddress;

/**
 * What a store keeps for one leased address, and the one home of its text: the CNI reference
 * host-local's {@code <containerId>\r\n<ifName>} (a legacy record holds the container id alone),
 * to which a store shared by many hosts appends {@code \r\n<host>}. Every store writes and reads
 * records through this type, so they accept and refuse exactly the same texts. Reading ignores
 * surrounding whitespace, as the reference trims it; each field is non-empty and holds no
 * whitespace or control characters (see {@link #requireField}).
 *
 * @param containerId the holder's container id
 * @param ifName      the holder's interface, or null in a legacy record
 * @param host        the host holding the lease, or null where records name none
 */
public record LeaseRecord(String containerId, String ifName, String host) {

    /** The separator of the fields, as the reference writes it. */
    public static final String LINE_BREAK = "\r\n";

    /** Checks every field; a host needs an interface before it. */
    public LeaseRecord {
        requireField("containerId", containerId);
        if (ifName != null) {
            requireField("ifName", ifName);
        }
        if (host != null) {
            requireField("host", host);
            if (ifName == null) {
                throw new IllegalArgumentException("lease record: a host (\"" + host + "\") needs an ifName before it");
            }
        }
    }

    /** The record host-local writes for {@code owner}. */
    public static LeaseRecord of(Owner owner) {
        return new LeaseRecord(owner.containerId(), owner.ifName(), null);
    }

    /** The record a store shared by hosts writes for {@code owner} taken on {@code host}. */
    public static LeaseRecord of(Owner owner, String host) {
        return new LeaseRecord(owner.containerId(), owner.ifName(), host);
    }

    /**
     * {@code value} if it can be a field of a record: not empty, no whitespace (so no line break)
     * and no control characters; otherwise an {@link IllegalArgumentException} naming {@code field}.
     */
    public static String requireField(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" contains whitespace or control characters");
        }
        return value;
    }

    /**
     * Reads the record in {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is empty, has more than three fields or a
     *                                  field that {@link #requireField} refuses
     */
    public static LeaseRecord parse(String text) {
        String content = text.strip();
        if (content.isEmpty()) {
            throw new IllegalArgumentException("lease record: empty");
        }
        String[] fields = content.split(LINE_BREAK, -1);
        if (fields.length > 3) {
            throw new IllegalArgumentException("lease record: " + fields.length + " fields, at most 3 (containerId, "
                    + "ifName, host)");
        }
        return new LeaseRecord(fields[0], fields.length > 1 ? fields[1] : null, fields.length > 2 ? fields[2] : null);
    }

    /**
     * The lease of {@code address} that {@code text} records: sound, or damaged with a problem
     * naming {@code where} ({@code "lease file /var/lib/cni/networks/net1/10.1.2.3"}) that starts
     * with {@code empty} or {@code unreadable}.
     */
    public static Lease lease(InetAddress address, String text, String where) {
        if (text.isBlank()) {
            return new Lease(address, null, null, "empty " + where);
        }
        try {
            LeaseRecord record = parse(text);
            return new Lease(address, record.containerId, record.ifName, null);
        } catch (IllegalArgumentException e) {
            return new Lease(address, null, null, "unreadable " + where + ": \""
                    + text.strip().replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
    }

    /** Who holds the lease, as {@link Owner} writes it: {@code c1/eth0}, {@code c1/eth0 on host-a}, {@code c1}. */
    @Override
    public String toString() {
        return (ifName == null ? containerId : containerId + "/" + ifName) + (host == null ? "" : " on " + host);
    }

    /** The record's text: its fields joined by {@link #LINE_BREAK}. */
    public String text() {
        return ifName == null ? containerId
                : host == null ? containerId + LINE_BREAK + ifName
                : containerId + LINE_BREAK + ifName + LINE_BREAK + host;
    }
}
