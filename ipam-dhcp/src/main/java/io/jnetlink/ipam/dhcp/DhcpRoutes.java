package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.RouteConfig;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes a DHCP reply gives: the classless static routes of option 121 (RFC 3442) when
 * present, else a default route via the first router (option 3) and the static routes of option
 * 33 (classful destinations, RFC 2132 5.8). A route whose router is 0.0.0.0 is on-link.
 */
public final class DhcpRoutes {

    private DhcpRoutes() {
    }

    /** The routes of {@code options}, as RFC 3442 orders their precedence. */
    public static List<RouteConfig> of(DhcpOptions options) {
        byte[] classless = options.get(DhcpOptions.CLASSLESS_STATIC_ROUTE).orElse(null);
        if (classless != null) {
            return classless(classless);
        }
        List<RouteConfig> routes = new ArrayList<>();
        List<Inet4Address> routers = options.addresses(DhcpOptions.ROUTER);
        if (!routers.isEmpty()) {
            routes.add(new RouteConfig(new Prefix(DhcpOptions.ipv4(new byte[4], 0), 0), routers.getFirst()));
        }
        byte[] statics = options.get(DhcpOptions.STATIC_ROUTE).orElse(new byte[0]);
        if (statics.length % 8 != 0) {
            throw new MalformedDhcpException("option 33: " + statics.length + " bytes, not pairs of addresses");
        }
        for (int i = 0; i < statics.length; i += 8) {
            Inet4Address destination = DhcpOptions.ipv4(statics, i);
            routes.add(new RouteConfig(new Prefix(destination, classfulLength(statics[i] & 0xff, statics, i)),
                    DhcpOptions.ipv4(statics, i + 4)));
        }
        return routes;
    }

    /** Option 121's value: width, the significant octets of the destination, the router; repeated. */
    public static List<RouteConfig> classless(byte[] v) {
        List<RouteConfig> routes = new ArrayList<>();
        int i = 0;
        while (i < v.length) {
            int width = v[i] & 0xff;
            if (width > 32) {
                throw new MalformedDhcpException("option 121: prefix length " + width + " at byte " + i + " exceeds 32");
            }
            int octets = (width + 7) / 8;
            if (i + 1 + octets + 4 > v.length) {
                throw new MalformedDhcpException("option 121: the route at byte " + i + " (/" + width + ") needs "
                        + (1 + octets + 4) + " bytes, only " + (v.length - i) + " remain");
            }
            byte[] destination = new byte[4];
            System.arraycopy(v, i + 1, destination, 0, octets);
            Prefix prefix = new Prefix(DhcpOptions.ipv4(destination, 0), width).toNetwork();
            routes.add(new RouteConfig(prefix, DhcpOptions.ipv4(v, i + 1 + octets)));
            i += 1 + octets + 4;
        }
        return routes;
    }

    /** Option 121's encoding of {@code routes} (as a server sends them; for tests and tools). */
    public static byte[] encodeClassless(List<RouteConfig> routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RouteConfig r : routes) {
            int width = r.destination().length();
            out.write(width);
            out.write(r.destination().toNetwork().address().getAddress(), 0, (width + 7) / 8);
            out.write(r.gateway().getAddress(), 0, 4);
        }
        return out.toByteArray();
    }

    /** The classful length of an option 33 destination; a host route if it has bits past its class. */
    private static int classfulLength(int firstOctet, byte[] v, int at) {
        int length = firstOctet < 128 ? 8 : firstOctet < 192 ? 16 : 24;
        for (int bit = length; bit < 32; bit++) {
            if ((v[at + bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return 32;
            }
        }
        return length;
    }
}
