package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields from a JSON-shaped object (maps, lists, strings, numbers), naming the
 * full path of a bad field in the error, e.g. {@code ipam.ranges[0][1].subnet}. For IPAM plugin
 * authors implementing {@link IpamPlugin#parseConfig}.
 */
public final class ConfigReader {

    private final String path;
    private final Map<String, ?> object;

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
        return object.get(field);
    }

    /** True if the field is present and not null. */
    public boolean has(String field) {
        return object.get(field) != null;
    }

    /** A string field, or {@code fallback} if absent. */
    public String string(String field, String fallback) {
        Object value = object.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(path(field) + ": must be a string, got " + value);
        }
        return s;
    }

    /** A string field that must be present. */
    public String requireString(String field) {
        String s = string(field, null);
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(path(field) + ": is required");
        }
        return s;
    }

    /** A number field, or null if absent. */
    public Number number(String field) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(path(field) + ": must be a number, got " + value);
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
                throw new IllegalArgumentException(path(field) + ": must be a whole number, got " + n);
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
        Object value = object.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(path(field) + ": must be true or false, got " + value);
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
        Object value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(path(field) + ": must be a list, got " + value);
        }
        return l;
    }

    /** A list of strings, empty if absent. */
    public List<String> strings(String field) {
        List<?> list = list(field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new IllegalArgumentException(path(field) + "[" + i + "]: must be a string, got " + list.get(i));
            }
            out.add(s);
        }
        return out;
    }

    /** Element {@code i} of a list read from {@code field}, as an object. */
    public static ConfigReader element(String listPath, List<?> list, int i) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(listPath + "[" + i + "]: must be an object, got " + list.get(i));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> object = (Map<String, ?>) m;
        return new ConfigReader(listPath + "[" + i + "]", object);
    }

    /** An object field, or null if absent. */
    public ConfigReader object(String field) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(path(field) + ": must be an object, got " + value);
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
                throw new IllegalArgumentException(route.path("dst") + ": is required");
            }
            routes.add(new RouteConfig(dst, route.address("gw")));
        }
        return routes;
    }

    /** A CNI {@code dns} object, {@link Dns#NONE} if absent. */
    public Dns dns(String field) {
        ConfigReader dns = object(field);
        if (dns == null) {
            return Dns.NONE;
        }
        return new Dns(dns.strings("nameservers"), dns.string("domain", null), dns.strings("search"),
                dns.strings("options"));
    }
}
