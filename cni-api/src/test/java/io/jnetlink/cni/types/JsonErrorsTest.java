package io.jnetlink.cni.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text that is not a JSON object is refused with code 6 in our words: where (line, column) and
 * what, never the parser's internals ({@code [Source: REDACTED ...]}, its settings' names, its
 * token names).
 */
class JsonErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{not json|config: not valid JSON at line 1, column 2: unexpected character ('n' (code 110)): was expecting double-quote to start field name",
            "{\"a\":1|config: not valid JSON at line 1, column 7: unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)",
            "{\"a\":1}x|config: not valid JSON at line 1, column 8: unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "{\"a\":1}{|config: not valid JSON at line 1, column 8: text after the JSON value",
            "{\\n\"a\":\\n tru}|config: not valid JSON at line 3, column 2: unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "{\"a\":\"x|config: not valid JSON at line 1, column 8: unexpected end-of-input in a string",
            "{\"a\":NaN}|config: not valid JSON at line 1, column 9: non-standard token 'NaN'",
            "{\"a\":01}|config: not valid JSON at line 1, column 7: invalid numeric value: Leading zeroes not allowed",
            "` `|config: not valid JSON: no JSON value (empty input)",
            "[1,2]|config: must be a JSON object, got a list",
            "\"1500\"|config: must be a JSON object, got the string \"1500\"",
            "null|config: must be a JSON object, got null"})
    void notAnObjectIsCode6InOurWords(String text, String message) {
        assertThatThrownBy(() -> Json.object(text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8), "config"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.DECODING_FAILURE);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2000", "200000"})
    void deepNestingIsRefusedWithoutTheParsersSettingNames(int depth) {
        assertThatThrownBy(() -> Json.object("[".repeat(depth).getBytes(StandardCharsets.UTF_8), "config"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "config: not valid JSON: document nesting depth (1001) exceeds the maximum allowed (1000)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ff", "c3", "80"})
    void bytesThatAreNotUtf8AreNamedByPlace(String hex) {
        byte[] bytes = ("{\"a\":\"x" + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, bad, 0, 7);
        bad[7] = (byte) Integer.parseInt(hex, 16);
        System.arraycopy(bytes, 7, bad, 8, bytes.length - 7);
        assertThatThrownBy(() -> Json.object(bad, "config")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.getMessage()).startsWith("config: not valid JSON at line 1, column ")
                        .doesNotContain("Source", "REDACTED", "`"));
    }
}
