package io.jnetlink.cni;

import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.Prerequisites;
import org.junit.jupiter.api.Assertions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * libcni 1.1.2 at hand for comparisons: our small driver ({@code /libcni-driver/main.go} on the
 * test class path) built once per JVM against Debian's libcni sources
 * ({@code golang-github-appc-cni-dev} in {@code /usr/share/gocode}) in GOPATH mode, offline. Without
 * {@code go} or those sources a test is skipped with the reason, except under CI ({@code CI=true}),
 * where it fails: CI has both and must skip nothing. It is built in {@code target/libcni-driver}.
 */
final class LibcniDriver {

    /** Where Debian's Go packages put libcni's sources. */
    static final Path GOPATH = Path.of("/usr/share/gocode");

    private static Path driver;

    private LibcniDriver() {
    }

    /** The driver, built on first use; skips the calling test (fails it under CI) without go or libcni's sources. */
    static synchronized Path path() {
        if (driver == null) {
            missing().ifPresent(reason -> Prerequisites.skipOrFail("install go and libcni's sources", reason));
            driver = build();
        }
        return driver;
    }

    /** Runs the driver with {@code args}: its exit code and output. */
    static Command.Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        return Command.run(command.toArray(String[]::new));
    }

    /** What this machine lacks to build the driver, if anything. */
    static Optional<String> missing() {
        boolean go = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, "go")));
        if (!go) {
            return Optional.of("needs the go toolchain on PATH (Debian: golang-go) to build the libcni driver");
        }
        if (!Files.isDirectory(GOPATH.resolve("src/github.com/containernetworking/cni/libcni"))) {
            return Optional.of("needs libcni's sources in " + GOPATH + " (Debian: golang-github-appc-cni-dev)");
        }
        return Optional.empty();
    }

    private static Path build() {
        try {
            // under the module's target/ (the tests' working directory): go's build cache is kept
            // between runs and goes with mvn clean
            Path dir = Files.createDirectories(Path.of("target", "libcni-driver").toAbsolutePath());
            Path source = dir.resolve("main.go");
            try (InputStream in = LibcniDriver.class.getResourceAsStream("/libcni-driver/main.go")) {
                Assertions.assertNotNull(in, "/libcni-driver/main.go is not on the test class path");
                Files.write(source, in.readAllBytes());
            }
            Path built = dir.resolve("driver");
            Command.Result result = Command.run("env", "GO111MODULE=off", "GOPATH=" + GOPATH, "GOFLAGS=",
                    "GOPROXY=off", "GOCACHE=" + dir.resolve("cache"), "go", "build", "-o", built.toString(),
                    source.toString());
            Assertions.assertEquals(0, result.exitCode(), () -> "go build of the libcni driver: " + result.output());
            return built;
        } catch (IOException e) {
            throw new AssertionError("building the libcni driver: " + e, e);
        }
    }
}
