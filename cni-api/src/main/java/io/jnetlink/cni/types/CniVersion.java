package io.jnetlink.cni.types;

import java.util.List;

/** The CNI spec versions this plugin speaks, and how they compare. */
public final class CniVersion {

    /** The newest version, used for results when the config names none. */
    public static final String CURRENT = "1.1.0";
    /** Every version the plugin accepts, oldest first. */
    public static final List<String> SUPPORTED = List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");

    private CniVersion() {
    }

    /** {@code version} if supported (empty means 0.1.0, as the spec says); code 1 otherwise. */
    public static String require(String version) {
        String v = version == null || version.isEmpty() ? "0.1.0" : version;
        if (!SUPPORTED.contains(v)) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                    "config is \"" + v + "\", plugin supports " + SUPPORTED);
        }
        return v;
    }

    /** Compares two versions numerically. */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    public static boolean atLeast(String version, String minimum) {
        return compare(version, minimum) >= 0;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        if (parts.length != 3) {
            throw new CniException(CniException.DECODING_FAILURE, "cniVersion: \"" + version
                    + "\" is not a version like 1.0.0");
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new CniException(CniException.DECODING_FAILURE, "cniVersion: \"" + version
                        + "\" is not a version like 1.0.0");
            }
        }
        return numbers;
    }
}
