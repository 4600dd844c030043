package io.jnetlink.samples;

import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Prerequisites;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.SandboxDirectory;
import io.jnetlink.testkit.VethNames;
import io.jnetlink.testkit.VethParent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's "Getting started" holds: its first program, taken from the README itself (the code
 * block after {@code <!-- snippet FirstMacvlan.java: ... -->}), compiles against macvlan-api and
 * netlink-core alone and, started in a child JVM exactly as the README's command lines start it
 * (class path and module path, each with its native-access flag), makes the macvlan in a sandbox
 * namespace; and the CNI section's {@code macvlan-demo.conf} attaches and detaches a container
 * through the in-process plugin. Every namespace is removed afterwards, whatever the outcome.
 */
class ReadmeGettingStartedTest {

    private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

    /** {@code <!-- snippet NAME: ... -->}, then a fenced block: NAME and the block's text. */
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet (\\S+):[^\\n]*-->\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    private static final String PROGRAM = "FirstMacvlan";

    /** The README's compile line; {@code $JARS} is netlink-core's and macvlan-api's jars. */
    private static final String COMPILE_LINE = "javac -cp \"$JARS\" FirstMacvlan.java";

    /** The README's run lines, as written there after {@code sudo}; the working directory holds the class. */
    enum Launch {
        CLASS_PATH("java --enable-native-access=ALL-UNNAMED -cp \"$JARS:.\" FirstMacvlan"),
        MODULE_PATH("java --enable-native-access=io.jnetlink.core -p \"$JARS\" --add-modules io.jnetlink.macvlan"
                + " -cp . FirstMacvlan");

        final String line;

        Launch(String line) {
            this.line = line;
        }

        /** The line as a command: this JDK's {@code java}, {@code $JARS} replaced, then {@code args}. */
        List<String> command(String jars, String... args) {
            List<String> command = new ArrayList<>();
            for (String word : line.split(" ")) {
                command.add(word.replace("\"", "").replace("$JARS", jars));
            }
            command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(args));
            return command;
        }
    }

    @Test
    void theReadmeShowsTheLinesThisTestRuns() throws IOException {
        String readme = Files.readString(README);

        assertThat(readme).contains("\n" + COMPILE_LINE + "\n");
        for (Launch launch : Launch.values()) {
            assertThat(readme).as(launch.name()).contains("sudo " + launch.line + " parent0 demo");
        }
    }

    @Test
    void theFirstProgramCompilesAgainstMacvlanApiAndCoreAlone(@TempDir Path dir) throws IOException {
        compileFirstProgram(dir);

        assertThat(dir.resolve(PROGRAM + ".class")).isRegularFile();
    }

    @NetworkSandbox
    @ParameterizedTest
    @EnumSource(Launch.class)
    void theFirstProgramMakesAMacvlanInTheNamespace(Launch launch, Sandbox box, VethParent parent,
                                                    @SandboxDirectory("readme") Path dir) throws Exception {
        compileFirstProgram(dir);

        Run run = run(dir, launch.command(jars(), parent.name(), box.name()));

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isZero();
        assertThat(run.stderr()).as("stderr (a native-access warning would show here)").isEmpty();
        try (RtNetlink rt = RtNetlink.open(box.ns())) {
            Link macvlan = rt.links().require("macvlan1");
            Link parentLink = rt.links().require(parent.name());
            assertThat(macvlan.kind()).isEqualTo("macvlan");
            assertThat(macvlan.macvlan().mode()).contains(MacvlanMode.BRIDGE);
            assertThat(macvlan.parentIndex()).isEqualTo(parentLink.index());
            assertThat(macvlan.isUp()).isTrue();
            assertThat(rt.addresses().list("macvlan1")).map(Address::toString).contains("192.0.2.10/24");

            List<String> lines = run.stdout().lines().toList();
            assertThat(lines).as("the program's output").anySatisfy(line -> assertThat(line)
                    .startsWith(macvlan.index() + ": macvlan1@if" + macvlan.parentIndex() + ": <")
                    .contains(" macvlan mode bridge ").contains(" [192.0.2.10/24"));
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith(parentLink.index() + ": " + parent.name() + "@if").contains(" veth "));
            assertThat(lines).hasSameSizeAs(rt.links().list());
        }
    }

    @Test
    @NetworkSandbox
    void theDemoConfigAttachesAContainer(Sandbox box, @VethNames(name = "eth0", peer = "eth0p") VethParent master,
                                         @SandboxDirectory("ipam") Path dataDir) throws Exception {
        String shown = snippet("macvlan-demo.conf");
        assertThat(shown).as("the README's dataDir, moved into the sandbox here")
                .containsOnlyOnce("\"/var/lib/cni/networks\"");
        byte[] config = shown.replace("/var/lib/cni/networks", dataDir.toString()).getBytes(StandardCharsets.UTF_8);
        NetNs container = box.namespace("ctr");
        CniArgs args = CniArgs.of("ctr1", "/run/netns/" + box.name() + "-ctr", "eth0")
                .withPath("/usr/lib/cni");       // as in the README; host-local runs in process
        Path lease = dataDir.resolve("macvlan-demo").resolve("198.51.100.101");

        try (MacvlanPlugin plugin = new MacvlanPlugin(box.ns()); RtNetlink inside = RtNetlink.open(container)) {
            CniResult result = plugin.add(args, config);

            assertThat(result.ips()).singleElement().satisfies(ip -> {
                assertThat(ip.address()).hasToString("198.51.100.101/24");
                assertThat(ip.gateway()).isEqualTo(InetAddress.getByName("198.51.100.254"));
            });
            Link eth0 = inside.links().require("eth0");
            assertThat(eth0.kind()).isEqualTo("macvlan");
            assertThat(eth0.macvlan().mode()).contains(MacvlanMode.BRIDGE);
            assertThat(eth0.isUp()).isTrue();
            assertThat(inside.addresses().list("eth0")).map(Address::toString).contains("198.51.100.101/24");
            assertThat(inside.routes().defaults(IpFamily.IPV4)).map(Route::gateway)
                    .containsExactly(InetAddress.getByName("198.51.100.254"));
            assertThat(lease).isRegularFile();

            plugin.check(args, config, result);
            plugin.del(args, config);

            assertThat(inside.links().get("eth0")).isEmpty();
            assertThat(lease).doesNotExist();
        }
    }

    /** Writes the README's program to {@code dir} and compiles it there as the README's javac line does. */
    private static void compileFirstProgram(Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            Prerequisites.skipOrFail("run on a JDK", "no system Java compiler in " + System.getProperty("java.home"));
        }
        Path source = dir.resolve(PROGRAM + ".java");
        Files.writeString(source, snippet(PROGRAM + ".java") + "\n");
        List<String> options = new ArrayList<>();
        for (String word : COMPILE_LINE.split(" ")) {
            if (word.startsWith("-") || word.contains("$JARS")) {
                options.add(word.replace("\"", "").replace("$JARS", jars()));
            }
        }
        options.addAll(List.of("-d", dir.toString(), "-Xlint:all", "-Werror"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
            assertThat(ok).as("javac %s: %s", options, diagnostics.getDiagnostics()).isTrue();
        }
    }

    /** netlink-core's and macvlan-api's jars (or class directories), as the README's {@code $JARS}. */
    private static String jars() {
        return Stream.of(NetNs.class, RtNetlink.class).map(ReadmeGettingStartedTest::location)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(type + ": " + e, e);
        }
    }

    /** The README's block named {@code name}; fails if there is none or more than one. */
    private static String snippet(String name) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(Files.readString(README));
        while (m.find()) {
            if (found.put(m.group(1), m.group(2)) != null) {
                fail("README.md has two snippets named " + m.group(1));
            }
        }
        if (!found.containsKey(name)) {
            fail("README.md (" + README + ") has no snippet " + name + "; it has " + found.keySet());
        }
        return found.get(name);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command} in {@code dir}; kills it after 60 s. */
    private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + ": still running after 60 s");
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
