package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields from a JSON-shaped object (maps, lists, strings, numbers), naming the
 * full path of a bad field in the error, e.g. {@code ipam.ranges[0][1].subnet}, and the JSON type
 * of a value of the wrong type ({@code must be a number, got the string "1500"},
 * {@link JsonValues}). Keys it is not asked about are allowed, as the CNI spec requires; but a
 * missing required field ({@link #missing}, {@link #requireString}) names an unknown key close to
 * it ({@code (unknown key "subnett": did you mean "subnet"?)}). For IPAM plugin authors
 * implementing {@link IpamPlugin#parseConfig}. Not for sharing between threads.
 */
public final class ConfigReader {

    private final String path;
    private final Map<String, ?> object;
    /** The fields this reader was asked about: the keys it knows. */
    private final Set<String> known = new HashSet<>();

    private ConfigReader(String path, Map<String, ?> object) {
        this.path = path;
        this.object = object;
    }

    /** A reader for {@code object}, whose path is {@code path} (e.g. {@code ipam}). */
    public static ConfigReader of(String path, Map<String, ?> object) {
        if (object == null) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        return new ConfigReader(path, object);
    }

    /** The path of {@code field} in this object. */
    public String path(String field) {
        return path + "." + field;
    }

    /** The field's value as parsed (maps, lists, strings, numbers, booleans), or null. */
    public Object raw(String field) {
        known.add(field);
        return object.get(field);
    }

    /** True if the field is present and not null. */
    public boolean has(String field) {
        return raw(field) != null;
    }

    /**
     * The error for a required {@code field} that is missing: {@code <path>: <problem>}, and, if
     * a key this reader was not asked about is close to {@code field} or one of
     * {@code alternatives} (fields that would have done as well), the {@link #unknownKeyHint}.
     */
    public IllegalArgumentException missing(String field, String problem, String... alternatives) {
        String[] fields = Arrays.copyOf(alternatives, alternatives.length + 1);
        fields[alternatives.length] = field;
        return new IllegalArgumentException(path(field) + ": " + problem + unknownKeyHint(fields));
    }

    /**
     * {@code  (unknown key "subnett": did you mean "subnet"?)} if a key of this object that the
     * reader was not asked about, nor one of {@code fields}, equals one of them but for case or
     * is at most two edits from it (the closest such key); empty otherwise.
     */
    public String unknownKeyHint(String... fields) {
        List<String> wanted = List.of(fields);
        List<String> unknown = new ArrayList<>();
        for (Object key : object.keySet()) { // a YAML document's keys need not be strings
            if (key instanceof String k && !known.contains(k) && !wanted.contains(k)) {
                unknown.add(k);
            }
        }
        return KeyHint.hint(unknown, wanted);
    }

    /** A string field, or {@code fallback} if absent. */
    public String string(String field, String fallback) {
        Object value = raw(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw wrongType(path(field), "a string", value);
        }
        return s;
    }

    /** A string field that must be present and not empty. */
    public String requireString(String field) {
        String s = string(field, null);
        if (s == null || s.isEmpty()) {
            throw missing(field, "is required");
        }
        return s;
    }

    /** A number field, or null if absent. */
    public Number number(String field) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw wrongType(path(field), "a number", value);
        }
        return n;
    }

    /** A whole-number field within {@code [min, max]}, or {@code fallback} if absent. */
    public long integer(String field, long fallback, long min, long max) {
        Number n = number(field);
        if (n == null) {
            return fallback;
        }
        if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
            double d = n.doubleValue();
            if (d != Math.rint(d)) {
                throw wrongType(path(field), "a whole number", n);
            }
        }
        if (n instanceof java.math.BigInteger || n.doubleValue() < min || n.doubleValue() > max
                || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(path(field) + ": " + n + " is outside " + min + ".." + max);
        }
        return n.longValue();
    }

    /** A boolean field, or {@code fallback} if absent. */
    public boolean bool(String field, boolean fallback) {
        Object value = raw(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(path(field), "true or false", value);
        }
        return b;
    }

    /** An address field, or null if absent. */
    public InetAddress address(String field) {
        String s = string(field, null);
        return s == null ? null : InetAddresses.parse(path(field), s);
    }

    /** A prefix field ({@code a.b.c.d/n}, host bits allowed), or null if absent. */
    public Prefix prefix(String field) {
        String s = string(field, null);
        return s == null ? null : Prefix.parse(path(field), s);
    }

    /** A network field ({@code a.b.c.0/n}, host bits zero), or null if absent. */
    public Prefix network(String field) {
        String s = string(field, null);
        return s == null ? null : Prefix.parseNetwork(path(field), s);
    }

    /** A list field, empty if absent. */
    public List<?> list(String field) {
        Object value = raw(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw wrongType(path(field), "a list", value);
        }
        return l;
    }

    /** A list of strings, empty if absent. */
    public List<String> strings(String field) {
        List<?> list = list(field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw wrongType(path(field) + "[" + i + "]", "a string", list.get(i));
            }
            out.add(s);
        }
        return out;
    }

    /** Element {@code i} of a list read from {@code field}, as an object. */
    public static ConfigReader element(String listPath, List<?> list, int i) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
            throw wrongType(listPath + "[" + i + "]", "an object", list.get(i));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> object = (Map<String, ?>) m;
        return new ConfigReader(listPath + "[" + i + "]", object);
    }

    /** An object field, or null if absent. */
    public ConfigReader object(String field) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw wrongType(path(field), "an object", value);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) m;
        return new ConfigReader(path(field), map);
    }

    /** A CNI {@code routes} list: objects with {@code dst} and optional {@code gw}. */
    public List<RouteConfig> routes(String field) {
        List<?> list = list(field);
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigReader route = element(path(field), list, i);
            Prefix dst = route.network("dst");
            if (dst == null) {
                throw route.missing("dst", "is required");
            }
            routes.add(new RouteConfig(dst, route.address("gw")));
        }
        return routes;
    }

    /** A CNI {@code dns} object ({@code field} is {@code dns}), {@link Dns#NONE} if absent. */
    public Dns dns(String field) {
        ConfigReader dns = object(field);
        if (dns == null) {
            return Dns.NONE;
        }
        List<String> nameservers = dns.strings("nameservers");
        String domain = dns.string("domain", null);
        List<String> search = dns.strings("search");
        List<String> options = dns.strings("options");
        try {
            return new Dns(nameservers, domain, search, options);
        } catch (IllegalArgumentException e) { // Dns names its fields dns.*: put this object's path before
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }

    /** {@code <where>: must be <expected>, got <value described>} ({@link JsonValues#describe}). */
    private static IllegalArgumentException wrongType(String where, String expected, Object value) {
        return new IllegalArgumentException(where + ": must be " + expected + ", got " + JsonValues.describe(value));
    }
}
