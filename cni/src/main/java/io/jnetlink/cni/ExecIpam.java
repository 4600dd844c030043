package io.jnetlink.cni;

import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.RouteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An IPAM plugin of another type, executed from {@code CNI_PATH} exactly as the spec says: the
 * config on stdin, the same {@code CNI_*} variables (with the command changed), the result or the
 * error JSON read from stdout. Its error becomes a {@link CniException} with its code, message and
 * details; output that is neither gives a clear error with what it printed.
 */
final class ExecIpam implements IpAllocator {

    private static final long TIMEOUT_SECONDS = 60;

    private final String type;
    private final CniArgs args;
    private final byte[] config;

    ExecIpam(String type, CniArgs args, byte[] config) {
        this.type = type;
        this.args = args;
        this.config = config;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        byte[] out = run("ADD");
        CniResult result = CniResult.fromJson(Json.object(out, "IPAM plugin " + type + " result"),
                "IPAM plugin " + type + " result");
        if (result.ips().isEmpty()) {
            throw new CniException(CniException.IPAM_FAILED, "IPAM plugin " + type + " returned missing IP config");
        }
        List<IpConfig> ips = new ArrayList<>();
        result.ips().forEach(ip -> ips.add(new IpConfig(ip.address(), ip.gateway())));
        List<RouteConfig> routes = new ArrayList<>();
        result.routes().forEach(r -> routes.add(new RouteConfig(r.dst(), r.gateway())));
        return new Allocation(ips, routes, result.dns());
    }

    @Override
    public void release(Owner owner) {
        run("DEL");
    }

    @Override
    public void check(Owner owner) {
        run("CHECK");
    }

    /** An executed plugin's leases are its own business. */
    @Override
    public List<Lease> list() {
        return List.of();
    }

    /** Runs the plugin with {@code command}; its stdout on success. */
    byte[] run(String command) {
        Path plugin = find();
        ProcessBuilder builder = new ProcessBuilder(plugin.toString());
        Map<String, String> env = builder.environment();
        env.put("CNI_COMMAND", command);
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
            } catch (IOException ignored) {
                // a plugin may exit without reading its stdin; its exit status tells
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CniException(CniException.TRY_AGAIN_LATER, "IPAM plugin " + plugin + " " + command
                        + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            byte[] out = stdout.join();
            if (process.exitValue() == 0) {
                return out;
            }
            throw failure(plugin, command, process.exitValue(), out, stderr.join());
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "running IPAM plugin " + plugin + " " + command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.TRY_AGAIN_LATER, "interrupted while IPAM plugin " + plugin + " ran");
        }
    }

    private Path find() {
        for (String dir : args.path().split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, type);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new CniException(CniException.INVALID_CONFIG, "ipam.type: failed to find plugin \"" + type
                + "\" in CNI_PATH", args.path());
    }

    private CniException failure(Path plugin, String command, int exit, byte[] out, byte[] err) {
        String what = "IPAM plugin " + plugin + " " + command;
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
