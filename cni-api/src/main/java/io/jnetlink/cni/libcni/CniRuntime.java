package io.jnetlink.cni.libcni;

import io.jnetlink.cni.internal.CniObserver;
import io.jnetlink.cni.invoke.ExecPlugin;
import io.jnetlink.cni.skel.CniPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.NetNs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The caller's side of CNI, as containerd and CRI-O get it from the reference library libcni:
 * runs a network's plugins in order for ADD (each getting the previous one's result as
 * {@code prevResult}), in reverse for DEL (with the cached result), in order for CHECK;
 * {@code runtimeConfig} is filled from the capability arguments each plugin declares. Plugins are
 * executables found on the plugin path, or registered to run in this JVM
 * ({@link Builder#plugin}); a chain may mix both with identical results. ADD results are cached in
 * libcni's layout ({@link ResultCache}). Immutable once built, and safe to share between threads.
 *
 * <pre>{@code
 * CniRuntime runtime = CniRuntime.builder()
 *         .pluginPath(List.of(Path.of("/opt/cni/bin")))
 *         .plugin("macvlan", new MacvlanPlugin())          // optional: run this type in process
 *         .build();
 * CniResult result = runtime.add(NetworkConfigList.load(Path.of("/etc/cni/net.d"), "lan"),
 *         RuntimeConf.of(containerId, "/run/netns/blue", "eth0"));
 * }</pre>
 */
public final class CniRuntime {

    /** libcni's default cache directory. */
    public static final Path DEFAULT_CACHE_DIR = Path.of("/var/lib/cni");

    /** How long one plugin call may take unless the builder says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private final List<Path> pluginPath;
    private final ResultCache cache;
    private final Duration timeout;
    private final Map<String, CniPlugin> inProcess;
    private final NetNs host;

    private CniRuntime(Builder b) {
        this.pluginPath = List.copyOf(b.pluginPath);
        this.cache = new ResultCache(b.cacheDir);
        this.timeout = b.timeout;
        this.inProcess = Map.copyOf(b.inProcess);
        this.host = b.host;
    }

    /** A runtime with no plugin path, libcni's cache directory and a one-minute timeout, until set otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CniRuntime}. */
    public static final class Builder {

        private List<Path> pluginPath = List.of();
        private Path cacheDir = DEFAULT_CACHE_DIR;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final Map<String, CniPlugin> inProcess = new HashMap<>();
        private NetNs host;

        private Builder() {
        }

        /** Directories to find plugin executables in ({@code CNI_PATH}), searched in order. */
        public Builder pluginPath(List<Path> pluginPath) {
            this.pluginPath = List.copyOf(pluginPath);
            return this;
        }

        /** Where results are cached ({@link #DEFAULT_CACHE_DIR} as libcni). */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
            return this;
        }

        /** How long one plugin call may take. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts plugin executables inside {@code host} (a thread there spawns them, so they inherit
         * it) rather than in the caller's namespace: for runtimes that manage a sandboxed host.
         */
        public Builder inNamespace(NetNs host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Runs plugins of {@code type} in this JVM instead of executing them (e.g. {@code macvlan}). */
        public Builder plugin(String type, CniPlugin plugin) {
            inProcess.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        /** The runtime. */
        public CniRuntime build() {
            return new CniRuntime(this);
        }
    }

    /** ADD: every plugin in order; the last result, also cached. */
    public CniResult add(NetworkConfigList network, RuntimeConf rt) {
        CniResult result = null;
        for (Map<String, Object> plugin : network.plugins()) {
            byte[] out = call(CniCommand.ADD, network, plugin, result, rt);
            result = CniResult.fromJson(Json.object(out, describe(plugin) + " result"), describe(plugin) + " result");
        }
        result = result.withVersion(version(network));
        cache.put(network, rt, result);
        return result;
    }

    /** CHECK (spec 0.4.0 on): every plugin in order, with the cached result; skipped if the network disables it. */
    public void check(NetworkConfigList network, RuntimeConf rt) {
        if (!CniVersion.atLeast(version(network), "0.4.0")) {
            throw new CniException(CniException.INCOMPATIBLE_VERSION, "configuration version \"" + version(network)
                    + "\" does not support the CHECK command");
        }
        if (network.disableCheck()) {
            return;
        }
        CniResult cached = cache.get(network.name(), rt, version(network)).orElseThrow(() -> new CniException(
                CniException.INVALID_CONFIG, "no cached result for network " + network.name() + " to CHECK against"));
        for (Map<String, Object> plugin : network.plugins()) {
            call(CniCommand.CHECK, network, plugin, cached, rt);
        }
    }

    /** DEL: every plugin in reverse order, with the cached result (spec 0.4.0 on); then the cache entry goes. */
    public void del(NetworkConfigList network, RuntimeConf rt) {
        CniResult cached = CniVersion.atLeast(version(network), "0.4.0")
                ? cache.get(network.name(), rt, version(network)).orElse(null) : null;
        List<Map<String, Object>> plugins = new ArrayList<>(network.plugins());
        for (int i = plugins.size() - 1; i >= 0; i--) {
            call(CniCommand.DEL, network, plugins.get(i), cached, rt);
        }
        cache.remove(network.name(), rt);
    }

    /** STATUS (spec 1.1): every plugin of a 1.1 network says whether it is ready; older networks are not asked. */
    public void status(NetworkConfigList network) {
        if (!CniVersion.atLeast(version(network), "1.1.0")) {
            return;
        }
        RuntimeConf none = RuntimeConf.of("", "", "");
        for (Map<String, Object> plugin : network.plugins()) {
            call(CniCommand.STATUS, network, plugin, null, none);
        }
    }

    /**
     * GC (spec 1.1): every plugin of a 1.1 network releases what belongs to attachments other than
     * {@code valid} ({@code cni.dev/valid-attachments}); cache entries of other attachments go too,
     * and so does whatever in the cache is no entry (a planted link: the link, never its target).
     */
    public void gc(NetworkConfigList network, List<RuntimeConf> valid) {
        List<Object> attachments = new ArrayList<>();
        for (RuntimeConf rt : valid) {
            attachments.add(Map.of("containerID", rt.containerId(), "ifname", rt.ifName()));
        }
        if (CniVersion.atLeast(version(network), "1.1.0")) {
            for (Map<String, Object> plugin : network.plugins()) {
                Map<String, Object> withValid = new LinkedHashMap<>(plugin);
                withValid.put("cni.dev/valid-attachments", attachments);
                call(CniCommand.GC, network, withValid, null, RuntimeConf.of("", "", ""));
            }
        }
        cache.retainOnly(network.name(), valid);
    }

    /** The attachments of {@code network} that have a cached result. */
    public List<RuntimeConf> cachedAttachments(NetworkConfigList network) {
        return cache.attachments(network.name());
    }

    /** The result cached for this attachment, if any, in the network's version. */
    public Optional<CniResult> cachedResult(NetworkConfigList network, RuntimeConf rt) {
        return cache.get(network.name(), rt, version(network));
    }

    private byte[] call(CniCommand command, NetworkConfigList network, Map<String, Object> plugin, CniResult prev,
                        RuntimeConf rt) {
        Map<String, Object> config = new LinkedHashMap<>(plugin);
        config.put("name", network.name());
        config.put("cniVersion", network.cniVersion());
        if (prev != null) {
            config.put("prevResult", prev.withVersion(version(network)).toJson());
        }
        Map<String, Object> runtime = runtimeConfig(plugin, rt);
        if (!runtime.isEmpty()) {
            config.put("runtimeConfig", runtime);
        }
        String type = (String) plugin.get("type");
        CniArgs args = new CniArgs(rt.containerId(), rt.netns(), rt.ifName(), rt.cniArgs(),
                pluginPath.stream().map(Path::toString).collect(Collectors.joining(":")));
        byte[] stdin = Json.bytes(config);
        try {
            return CniObserver.observe("runtime", type, network::name, command, args,
                    () -> run(type, command, args, stdin));
        } catch (CniException e) {
            throw new CniException(e.code(), describe(plugin) + " failed (" + command.name().toLowerCase() + "): "
                    + e.getMessage(), e.details());
        }
    }

    private byte[] run(String type, CniCommand command, CniArgs args, byte[] stdin) {
        CniPlugin plugin = inProcess.get(type);
        if (plugin != null) {
            return plugin.run(command, args, stdin);
        }
        ExecPlugin executable = ExecPlugin.find(type, pluginPath, timeout);
        if (host == null) {
            return executable.run(command, args, stdin);
        }
        return host.call(() -> executable.run(command, args, stdin));
    }

    /** {@code runtimeConfig}: the capability arguments the plugin declares in {@code capabilities}. */
    private static Map<String, Object> runtimeConfig(Map<String, Object> plugin, RuntimeConf rt) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        if (plugin.get("capabilities") instanceof Map<?, ?> capabilities) {
            for (Map.Entry<?, ?> capability : capabilities.entrySet()) {
                Object value = rt.capabilityArgs().get(String.valueOf(capability.getKey()));
                if (Boolean.TRUE.equals(capability.getValue()) && value != null) {
                    runtime.put(String.valueOf(capability.getKey()), value);
                }
            }
        }
        return runtime;
    }

    private static String version(NetworkConfigList network) {
        return network.cniVersion().isEmpty() ? "0.1.0" : network.cniVersion();
    }

    private static String describe(Map<String, Object> plugin) {
        return "plugin type=\"" + plugin.get("type") + "\"";
    }
}
