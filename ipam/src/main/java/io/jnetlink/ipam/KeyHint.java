package io.jnetlink.ipam;

import java.util.Collection;
import java.util.List;

/**
 * The hint a missing required field gets when the object holds a key the reader does not know
 * that is close to it: the same but for case, or at most two edits away (Damerau-Levenshtein:
 * a character inserted, deleted, replaced, or two neighbours swapped). Unknown keys stay allowed,
 * as the CNI spec requires; they are only named when a required field is missing.
 */
final class KeyHint {

    private static final int MAX_EDITS = 2;

    private KeyHint() {
    }

    /**
     * {@code  (unknown key "subnett": did you mean "subnet"?)} for the unknown key closest to one of
     * {@code fields} (case differences first, then fewest edits, then the first in {@code unknownKeys});
     * empty if none is close.
     */
    static String hint(Collection<String> unknownKeys, List<String> fields) {
        String bestKey = null;
        String bestField = null;
        int best = Integer.MAX_VALUE;
        for (String key : unknownKeys) {
            for (String field : fields) {
                int d = key.equalsIgnoreCase(field) ? 0 : distance(key, field);
                if (d <= MAX_EDITS && d < best) {
                    best = d;
                    bestKey = key;
                    bestField = field;
                }
            }
        }
        return bestKey == null ? "" : " (unknown key " + JsonValues.quote(bestKey) + ": did you mean \""
                + bestField + "\"?)";
    }

    /** The optimal string alignment distance of {@code a} and {@code b}, in UTF-16 units. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
            return MAX_EDITS + 1; // cannot be close: spares the table for long keys
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
