package io.jnetlink.ipam;

import java.util.List;
import java.util.Map;

/**
 * The one way errors describe a JSON value that has the wrong type: its JSON type and, for
 * scalars, the value as written ({@code the string "1500"}, {@code the number 1},
 * {@code the boolean true}, {@code a list}, {@code an object}, {@code null}), so
 * {@code mtu: must be a number, got the string "1500"} says what was wrong with what the user wrote.
 */
public final class JsonValues {

    /** Strings longer than this are cut in descriptions. */
    private static final int MAX_STRING = 100;

    private JsonValues() {
    }

    /** {@code value} (as a JSON parser returns it: maps, lists, strings, numbers, booleans, null) described. */
    public static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "the string " + quote(s);
            case Number n -> "the number " + n;
            case Boolean b -> "the boolean " + b;
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            default -> String.valueOf(value);
        };
    }

    /** {@code text} in double quotes, control characters, quotes and backslashes escaped as JSON writes them. */
    public static String quote(String text) {
        String s = text.length() > MAX_STRING ? text.substring(0, MAX_STRING) : text;
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return text.length() > MAX_STRING ? out + "..." : out.toString();
    }
}
