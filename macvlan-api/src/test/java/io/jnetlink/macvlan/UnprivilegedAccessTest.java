package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.posix.Posix;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Prerequisites;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading needs no privilege, as with {@code ip} or Go's netlink: a JVM running as {@code nobody}
 * (no capabilities at all) inside a sandbox lists links, addresses and routes and subscribes to
 * events; what needs privileges is refused with the capability named.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class UnprivilegedAccessTest {

    private static final String NOBODY = "65534";

    @Test
    void anUnprivilegedUserReadsAndIsToldWhichCapabilityAChangeNeeds(Topology t) throws Exception {
        if (Command.run("setpriv", "--version").exitCode() != 0 || Command.run("nsenter", "--version").exitCode() != 0) {
            Prerequisites.skipOrFail("install util-linux (setpriv, nsenter)", "setpriv or nsenter is missing");
        }
        t.rt.addresses().add("parent0", Address.parse("198.51.100.1/24"));
        Path classPath = Files.createTempDirectory("jnltest-unprivileged-");
        try (Sandbox other = Sandbox.create()) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + NetNs.RUN_NETNS.resolve(t.name()),
                    "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--inh-caps=-all",
                    java, "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp",
                    readableCopy(classPath, UnprivilegedProbe.class, RtNetlink.class, NetNs.class),
                    UnprivilegedProbe.class.getName(), other.name()));
            Command.Result result = Command.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).doesNotContain("WARNING");
            Map<String, String> seen = lines(result.output());

            assertThat(seen.get("links")).isEqualTo("lo,parent0,peer0");
            assertThat(seen.get("addresses")).contains("198.51.100.1/24");
            assertThat(seen.get("routes")).contains("198.51.100.0/24 dev parent0 proto kernel scope link src 198.51.100.1");
            assertThat(seen.get("subscribed")).isEqualTo("true");
            String lacksNetAdmin = "; changing a network namespace needs CAP_NET_ADMIN, which this process does not"
                    + " have (root has it)";
            assertThat(seen.get("create")).isEqualTo("NetlinkErrorException: create macvlan mv9 on parent0 mode bridge"
                    + " in network namespace " + t.name() + " failed: EPERM (Operation not permitted)" + lacksNetAdmin);
            assertThat(seen.get("setUp")).isEqualTo("NetlinkErrorException: set link parent0 down in network namespace "
                    + t.name() + " failed: EPERM (Operation not permitted)" + lacksNetAdmin);
            assertThat(seen.get("enter")).isEqualTo("SyscallException: open a netlink socket in network namespace "
                    + other.name() + " needs CAP_SYS_ADMIN, which this process does not have (root has it) (setns: EPERM)");
            assertThat(seen.get("createNetns")).isEqualTo("SyscallException: create network namespace " + other.name()
                    + "x: mounting /run/netns needs CAP_SYS_ADMIN, which this process does not have (root has it)"
                    + " (mount /run/netns: EPERM)");
        } finally {
            Posix.deleteRecursively(classPath);
        }
        assertThat(t.links().get("mv9")).isEmpty();
    }

    /** {@code key=value} lines as a map. */
    private static Map<String, String> lines(String output) {
        Map<String, String> seen = new LinkedHashMap<>();
        output.lines().filter(l -> l.indexOf('=') > 0)
                .forEach(l -> seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return seen;
    }

    /** Copies where each class was loaded from (a directory or a jar) under {@code dir}, readable by anyone. */
    private static String readableCopy(Path dir, Class<?>... classes) throws IOException, URISyntaxException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        for (Class<?> type : classes) {
            Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = dir.resolve(entries.size() + "-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(file, copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            entries.add(target.toString());
        }
        return String.join(":", entries);
    }
}
