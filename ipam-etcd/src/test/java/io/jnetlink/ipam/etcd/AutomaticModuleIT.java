package io.jnetlink.ipam.etcd;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.ipam.Ipam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar used as its Javadoc tells users to: jetcd cannot be resolved as modules, so
 * the jar declares {@code Automatic-Module-Name: io.jnetlink.ipam.etcd}; a named module
 * {@code requires io.jnetlink.ipam.etcd} with the jnetlink jars on the module path and jetcd on
 * the class path, and finds the {@code etcd} IPAM type through {@link java.util.ServiceLoader}.
 */
class AutomaticModuleIT {

    @TempDir
    Path work;

    @Test
    void aNamedModuleRequiresTheJarByItsDeclaredName() throws Exception {
        Path jar = location(EtcdIpamPlugin.class);
        assertThat(jar.toString()).as("failsafe runs against the packaged jar").endsWith(".jar");
        List<Path> modulePath = List.of(jar, location(Ipam.class), location(NetlinkSocket.class));
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(p -> modulePath.stream().noneMatch(m -> sameFile(m, p)))
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String modules = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        Path source = Files.createDirectories(work.resolve("src/demo/demo"));
        Files.writeString(work.resolve("src/demo/module-info.java"),
                "module demo { requires io.jnetlink.ipam.etcd; requires io.jnetlink.ipam; }");
        Files.writeString(source.resolve("Main.java"), """
                package demo;
                public class Main {
                    public static void main(String[] args) {
                        System.out.println(io.jnetlink.ipam.etcd.EtcdIpamPlugin.class.getModule().getName()
                                + " " + io.jnetlink.ipam.Ipam.types());
                    }
                }
                """);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-d",
                work.resolve("out").toString(), "--module-path", modules, "--class-path", classPath,
                "--module-source-path", work.resolve("src").toString(), "--module", "demo");
        assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=io.jnetlink.core", "--module-path",
                work.resolve("out") + File.pathSeparator + modules, "--class-path", classPath, "-m", "demo/demo.Main"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("io.jnetlink.ipam.etcd [etcd, host-local, static]");
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
