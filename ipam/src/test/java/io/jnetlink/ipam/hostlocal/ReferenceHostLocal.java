package io.jnetlink.ipam.hostlocal;

import io.jnetlink.testkit.Prerequisites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the reference {@code host-local} binary from Debian's containernetworking-plugins. */
final class ReferenceHostLocal {

    static final Path BINARY = Path.of("/usr/lib/cni/host-local");
    private static final Pattern ADDRESS = Pattern.compile("\"address\":\\s*\"([^\"/]+)/");

    /** The outcome of one invocation. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The addresses of a successful ADD, in result order. */
        java.util.List<String> addresses() {
            java.util.List<String> out = new java.util.ArrayList<>();
            Matcher m = ADDRESS.matcher(stdout);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    private ReferenceHostLocal() {
    }

    /** Skips without the binary; under CI (CI=true) a missing binary fails instead. */
    static void require() {
        if (!Files.isExecutable(BINARY)) {
            Prerequisites.skipOrFail("install containernetworking-plugins",
                    BINARY + " is missing: install Debian's containernetworking-plugins (.ci/run does)");
        }
    }

    /** The network config the reference reads on stdin, with {@code ipamJson} as its ipam object. */
    static String config(String network, String ipamJson) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"" + network + "\",\"type\":\"macvlan\",\"ipam\":" + ipamJson + "}";
    }

    static Result run(String command, String containerId, String ifName, String config) {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString());
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", "/proc/self/ns/net");
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_PATH", BINARY.getParent().toString());
        try {
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(config.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("host-local " + command + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
