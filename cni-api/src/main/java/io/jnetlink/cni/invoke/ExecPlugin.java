package io.jnetlink.cni.invoke;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plugin executable, run as the spec says: the config on stdin, the {@code CNI_*} variables in
 * its environment, its result or error JSON read from stdout, within a timeout. Its error JSON
 * becomes a {@link CniException} with its code, message and details; a plugin that exits
 * non-zero without one, or prints something that is not JSON, gives an error quoting what it
 * printed.
 */
public final class ExecPlugin {

    private final Path executable;
    private final Duration timeout;

    public ExecPlugin(Path executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** The executable named {@code type} in the first of {@code path}'s directories that has it. */
    public static ExecPlugin find(String type, List<Path> path, Duration timeout) {
        for (Path dir : path) {
            Path candidate = dir.resolve(type);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new ExecPlugin(candidate, timeout);
            }
        }
        throw new CniException(CniException.INVALID_CONFIG, "type: failed to find plugin \"" + type + "\" in path "
                + path);
    }

    public Path executable() {
        return executable;
    }

    /** Runs {@code command} with {@code args} and {@code config} on stdin; its stdout on success. */
    public byte[] run(CniCommand command, CniArgs args, byte[] config) {
        String what = "plugin " + executable + " " + command;
        ProcessBuilder builder = new ProcessBuilder(executable.toString());
        Map<String, String> env = builder.environment();
        env.put("CNI_COMMAND", command.name());
        env.put("CNI_CONTAINERID", args.containerId());
        env.put("CNI_NETNS", args.netns());
        env.put("CNI_IFNAME", args.ifName());
        env.put("CNI_ARGS", args.args());
        env.put("CNI_PATH", args.path());
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> stdout = read(process.getInputStream());
            CompletableFuture<byte[]> stderr = read(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(config);
            } catch (IOException exitedWithoutReading) {
                // its exit status tells
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // what it started, then it
                process.destroyForcibly();
                throw new CniException(CniException.TRY_AGAIN_LATER, what + " did not finish within " + timeout);
            }
            byte[] out = stdout.join();
            if (process.exitValue() == 0) {
                return out;
            }
            throw failure(what, process.exitValue(), out, stderr.join());
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "running " + what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.TRY_AGAIN_LATER, "interrupted while " + what + " ran");
        }
    }

    private static CniException failure(String what, int exit, byte[] out, byte[] err) {
        try {
            Map<String, Object> error = Json.object(out, what + " error");
            if (error.get("code") instanceof Number code && error.get("msg") instanceof String msg) {
                Object details = error.get("details");
                return new CniException(code.intValue(), msg, details == null ? "" : details.toString());
            }
        } catch (CniException notJson) {
            // fall through: report what it printed
        }
        return new CniException(CniException.INTERNAL, what + " exited " + exit + " without an error JSON",
                "stdout: " + printable(out) + "; stderr: " + printable(err));
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
