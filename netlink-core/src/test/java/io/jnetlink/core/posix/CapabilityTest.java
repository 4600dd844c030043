package io.jnetlink.core.posix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The effective set as {@code /proc/self/status} reports it. */
class CapabilityTest {

    @Test
    void numbersAndNamesAreTheKernels() {
        assertThat(Capability.NET_ADMIN.number()).isEqualTo(12);
        assertThat(Capability.SYS_ADMIN.number()).isEqualTo(21);
        assertThat(Capability.NET_ADMIN.capName()).isEqualTo("CAP_NET_ADMIN");
    }

    @Test
    void readsTheCapEffLine() {
        String status = "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
                + "CapEff:\t0000000000001000\nCapBnd:\t000001ffffffffff\n";
        assertThat(Capability.in(status)).containsExactly(Capability.NET_ADMIN);
        assertThat(Capability.in(status.replace("0000000000001000", "000001ffffffffff")))
                .containsExactly(Capability.NET_ADMIN, Capability.SYS_ADMIN);
        assertThat(Capability.in(status.replace("0000000000001000", "0000000000200000")))
                .containsExactly(Capability.SYS_ADMIN);
    }

    @Test
    void anUnreadableOrMissingLineMeansNone() {
        assertThat(Capability.in("Name:\tjava\n")).isEmpty();
        assertThat(Capability.in("CapEff:\tzz\n")).isEmpty();
        assertThat(Capability.in("")).isEmpty();
    }

    @Test
    void agreesWithThisProcesssStatus() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        long mask = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
        for (Capability capability : Capability.values()) {
            assertThat(capability.isEffective()).as(capability.capName())
                    .isEqualTo((mask & (1L << capability.number())) != 0);
        }
    }
}
