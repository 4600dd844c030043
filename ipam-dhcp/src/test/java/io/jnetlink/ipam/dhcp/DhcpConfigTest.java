package io.jnetlink.ipam.dhcp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code dhcp} type's {@code ipam} object, read as the reference plugin reads it, plus ours. */
class DhcpConfigTest {

    @Test
    void defaultsAskForMaskRouterDnsDomainAndRoutesWithBroadcastRepliesAndATenSecondTimeout() {
        DhcpConfig c = DhcpConfig.parse("lan", Map.of("type", "dhcp"));

        assertThat(c.request()).containsExactly(1, 3, 6, 15, 33, 121);
        assertThat(c.provide()).isEmpty();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.flags()).isEqualTo(DhcpMessage.BROADCAST);
        assertThat(c.network()).isEqualTo("lan");
    }

    @Test
    void requestAndProvideTakeTheReferencesNamesOrNumbersAndSkipDefault() {
        DhcpConfig c = DhcpConfig.parse("lan", Map.of("type", "dhcp",
                "request", List.of(Map.of("option", "subnet-mask", "skipDefault", true), Map.of("option", "42")),
                "provide", List.of(Map.of("option", "host-name", "value", "web-1"),
                        Map.of("option", "vendor-class-identifier", "value", "jnetlink"),
                        Map.of("option", "user-class", "fromArg", "ABSENT")),
                "timeout", "2500ms", "broadcast", false));

        assertThat(c.request()).containsExactly(1, 42);
        assertThat(c.provide()).containsOnlyKeys(12, 60);
        assertThat(new String(c.provide().get(12), StandardCharsets.UTF_8)).isEqualTo("web-1");
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.flags()).isZero();
        assertThat(DhcpConfig.parse("lan", Map.of("timeout", 1.5)).timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(DhcpConfig.parse("lan", Map.of("timeout", "3s")).timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndValue() {
        assertThatThrownBy(() -> DhcpConfig.parse("lan", Map.of("request", List.of(Map.of("option", "routes")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ipam.request[0].option: \"routes\" is neither a number 1-254 nor one of");
        assertThatThrownBy(() -> DhcpConfig.parse("lan", Map.of("request", List.of(Map.of("option", "255")))))
                .hasMessageContaining("\"255\" is neither a number 1-254");
        assertThatThrownBy(() -> DhcpConfig.parse("lan", Map.of("provide",
                List.of(Map.of("option", "host-name", "value", "x".repeat(256))))))
                .hasMessage("ipam.provide[0].value: 256 bytes, longer than the 255 an option holds");
        assertThatThrownBy(() -> DhcpConfig.parse("lan", Map.of("timeout", "soon")))
                .hasMessage("ipam.timeout: \"soon\" is not a duration like 10, \"10s\" or \"2500ms\"");
        assertThatThrownBy(() -> DhcpConfig.parse("lan", Map.of("timeout", 0)))
                .hasMessage("ipam.timeout: 0 is outside 0.1 s .. 1 h");
    }
}
