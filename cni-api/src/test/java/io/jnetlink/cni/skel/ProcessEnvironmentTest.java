package io.jnetlink.cni.skel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The executable's environment as the kernel holds it, decoded as UTF-8 whatever the JVM's locale. */
class ProcessEnvironmentTest {

    @Test
    void entriesAreUtf8AndTheFirstOfADuplicateWins() {
        ByteArrayOutputStream environ = new ByteArrayOutputStream();
        for (String entry : new String[] {"CNI_IFNAME=äääääää", "CNI_ARGS=A=1;B=2", "EMPTY=", "CNI_IFNAME=later",
                "=nameless", "NOEQUALS"}) {
            environ.writeBytes(entry.getBytes(StandardCharsets.UTF_8));
            environ.write(0);
        }
        assertThat(ProcessEnvironment.parse(environ.toByteArray())).containsExactly(
                java.util.Map.entry("CNI_IFNAME", "äääääää"), java.util.Map.entry("CNI_ARGS", "A=1;B=2"),
                java.util.Map.entry("EMPTY", ""));
    }

    @Test
    void thisProcesssEnvironmentIsRead() {
        assertThat(ProcessEnvironment.read()).containsAllEntriesOf(System.getenv().entrySet().stream()
                .filter(e -> e.getValue().chars().allMatch(c -> c < 0x80))
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
    }
}
