package io.jnetlink.ipam.dhcp;

import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.IpamConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code dhcp} IPAM type's configuration, read as the CNI reference {@code dhcp} plugin reads
 * its {@code ipam} object: {@code request} ({@code option}, {@code skipDefault}: options asked of
 * the server, on top of the defaults unless one entry skips them) and {@code provide}
 * ({@code option}, {@code value}: options sent to it, such as a host name; {@code fromArg} is
 * resolved from CNI_ARGS by the CNI layer). Ours besides: {@code timeout} (seconds, or a text such as
 * {@code "2500ms"}; how long ADD waits for a lease, default 10 s) and {@code broadcast} (ask for
 * broadcast replies, default true).
 *
 * @param network  the CNI network name (part of the client identifier)
 * @param request  the parameter request list (option 55), in order
 * @param provide  options sent in every request, by code
 * @param timeout  how long an acquisition may take
 * @param flags    the BOOTP flags sent ({@link DhcpMessage#BROADCAST} or 0)
 */
public record DhcpConfig(String network, List<Integer> request, Map<Integer, byte[]> provide, Duration timeout,
                         int flags) implements IpamConfig {

    /** The type name. */
    public static final String TYPE = "dhcp";
    /** Asked of the server unless {@code skipDefault}: mask, router, DNS, domain, static and classless routes. */
    public static final List<Integer> DEFAULT_REQUEST = List.of(DhcpOptions.SUBNET_MASK, DhcpOptions.ROUTER,
            DhcpOptions.DOMAIN_NAME_SERVER, DhcpOptions.DOMAIN_NAME, DhcpOptions.STATIC_ROUTE,
            DhcpOptions.CLASSLESS_STATIC_ROUTE);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The option names the reference plugin accepts, and a few more; any other option is given by number. */
    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("subnet-mask", DhcpOptions.SUBNET_MASK), Map.entry("routers", DhcpOptions.ROUTER),
            Map.entry("domain-name-servers", DhcpOptions.DOMAIN_NAME_SERVER),
            Map.entry("host-name", DhcpOptions.HOST_NAME), Map.entry("domain-name", DhcpOptions.DOMAIN_NAME),
            Map.entry("static-routes", DhcpOptions.STATIC_ROUTE),
            Map.entry("vendor-class-identifier", DhcpOptions.VENDOR_CLASS_IDENTIFIER),
            Map.entry("dhcp-client-identifier", DhcpOptions.CLIENT_IDENTIFIER),
            Map.entry("user-class", DhcpOptions.USER_CLASS),
            Map.entry("classless-static-routes", DhcpOptions.CLASSLESS_STATIC_ROUTE));

    public DhcpConfig {
        request = List.copyOf(request);
        provide = Map.copyOf(provide);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Reads the {@code ipam} object of network {@code network}. */
    public static DhcpConfig parse(String network, Map<String, ?> ipam) {
        ConfigReader r = ConfigReader.of("ipam", ipam);
        Set<Integer> request = new LinkedHashSet<>();
        boolean skipDefault = false;
        List<Integer> extra = new ArrayList<>();
        List<?> requests = r.list("request");
        for (int i = 0; i < requests.size(); i++) {
            ConfigReader e = ConfigReader.element(r.path("request"), requests, i);
            extra.add(option(e));
            skipDefault |= e.bool("skipDefault", false);
        }
        if (!skipDefault) {
            request.addAll(DEFAULT_REQUEST);
        }
        request.addAll(extra);
        Map<Integer, byte[]> provide = new LinkedHashMap<>();
        List<?> provides = r.list("provide");
        for (int i = 0; i < provides.size(); i++) {
            ConfigReader e = ConfigReader.element(r.path("provide"), provides, i);
            int code = option(e);
            String value = e.string("value", "");
            if (value.isEmpty()) {
                continue; // as the reference: an empty value (fromArg absent from CNI_ARGS) sends nothing
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 255) {
                throw new IllegalArgumentException(e.path("value") + ": " + bytes.length
                        + " bytes, longer than the 255 an option holds");
            }
            provide.put(code, bytes);
        }
        return new DhcpConfig(network == null ? "" : network, new ArrayList<>(request), provide,
                timeout(r), r.bool("broadcast", true) ? DhcpMessage.BROADCAST : 0);
    }

    /** An entry's {@code option}: a name the reference knows (or one of ours), or a number 1-254. */
    private static int option(ConfigReader e) {
        String text = e.requireString("option");
        Integer named = NAMES.get(text);
        if (named != null) {
            return named;
        }
        try {
            int code = Integer.parseInt(text);
            if (code >= 1 && code <= 254) {
                return code;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(e.path("option") + ": \"" + text + "\" is neither a number 1-254 nor one of "
                + new TreeSet<>(NAMES.keySet()));
    }

    private static Duration timeout(ConfigReader r) {
        Object raw = r.raw("timeout");
        if (raw == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration d;
        if (raw instanceof String s) {
            try {
                d = s.endsWith("ms") ? Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)))
                        : Duration.ofMillis(Math.round(Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(r.path("timeout") + ": \"" + s + "\" is not a duration like 10, \"10s\" or \"2500ms\"");
            }
        } else {
            d = Duration.ofMillis(Math.round(r.number("timeout").doubleValue() * 1000));
        }
        if (d.toMillis() < 100 || d.toSeconds() > 3600) {
            throw new IllegalArgumentException(r.path("timeout") + ": " + raw + " is outside 0.1 s .. 1 h");
        }
        return d;
    }
}
