package io.jnetlink.cni.types;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import io.jnetlink.ipam.JsonValues;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON in and out through jackson-jr: objects as maps and lists, in field order. The one place
 * JSON is parsed, so the one place the parser's errors become ours: where (line, column) and
 * what, without the parser's internals.
 */
public final class Json {

    private static final JSON READER = JSON.std;
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    /** jackson's location inside its messages: {@code [Source: REDACTED (...); line: 1, column: 1]}. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    /** Its pointers at its own settings: {@code , from `StreamReadConstraints...`}, {@code : enable `...` to allow}. */
    private static final Pattern SETTING = Pattern.compile("(?:,? from|: enable) `[^`]*`(?: to allow)?");

    private Json() {
    }

    /**
     * The JSON object in {@code bytes}; code 6 naming {@code what} if it is not one:
     * {@code <what>: not valid JSON at line 1, column 2: unexpected character ...} ({@link #value}),
     * or {@code <what>: must be a JSON object, got a list}.
     */
    public static Map<String, Object> object(byte[] bytes, String what) {
        Object value = value(bytes, what);
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new CniException(CniException.DECODING_FAILURE, what + ": must be a JSON object, got "
                + JsonValues.describe(value));
    }

    /**
     * The JSON value in {@code bytes} (maps, lists, strings, numbers, booleans, null); code 6
     * naming {@code what} if it is not one: {@code <what>: not valid JSON at line 1, column 2: ...}.
     */
    public static Object value(byte[] bytes, String what) {
        Object value;
        try (JsonParser parser = READER.createParser(bytes)) {
            value = READER.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new CniException(CniException.DECODING_FAILURE, what + ": not valid JSON"
                        + at(parser.currentTokenLocation()) + ": text after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new CniException(CniException.DECODING_FAILURE, what + ": not valid JSON" + at(e.getLocation())
                    + ": " + reason(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CniException cni) {
                throw cni;
            }
            throw new CniException(CniException.DECODING_FAILURE, what + ": not valid JSON: " + reason(e.getMessage()));
        }
        return value;
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

    /** {@code  at line 1, column 5} for a location with a line and column; empty otherwise. */
    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The parser's first line in our words: its locations as {@code line 1, column 1}, its pointers
     * at its own settings and token names left out, and an empty input called that.
     */
    private static String reason(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("").strip();
        if (line.startsWith("No content to map")) {
            return "no JSON value (empty input)";
        }
        line = SOURCE.matcher(line).replaceAll("line $1, column $2");
        line = SETTING.matcher(line).replaceAll("");
        line = line.replace("VALUE_STRING", "a string").replace("FIELD_NAME", "a field name");
        return line.isEmpty() ? "unreadable" : Character.toLowerCase(line.charAt(0)) + line.substring(1);
    }
}
