package io.jnetlink.cni.types;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** JSON in and out through jackson-jr: objects as maps and lists, in field order. */
public final class Json {

    private static final JSON READER = JSON.std;
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** The JSON object in {@code bytes}; code 6 naming {@code what} if it is not one. */
    public static Map<String, Object> object(byte[] bytes, String what) {
        try {
            Object value;
            try (JsonParser parser = READER.createParser(bytes)) {
                value = READER.anyFrom(parser);
                if (parser.nextToken() != null) {
                    throw new CniException(CniException.DECODING_FAILURE, what + ": not valid JSON: text after the JSON value");
                }
            }
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
            throw new CniException(CniException.DECODING_FAILURE, what + ": must be a JSON object, got "
                    + (value == null ? "nothing" : describe(value)));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CniException cni) {
                throw cni;
            }
            throw new CniException(CniException.DECODING_FAILURE, what + ": not valid JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    /** {@code value} (maps, lists, strings, numbers, booleans) as indented JSON. */
    public static String write(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new CniException(CniException.INTERNAL, "writing JSON: " + e.getMessage(), e);
        }
    }

    /** As {@link #write}, in UTF-8. */
    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
