package io.jnetlink.cni.skel;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;

import java.util.List;
import java.util.Map;

/**
 * A CNI plugin written on this library, as the reference's {@code pkg/skel} sees one: a method per
 * command, each given a {@link CniCall} whose arguments were validated for that command and whose
 * config was parsed and its {@code cniVersion} checked. VERSION, that validation, the result's
 * version and the JFR event and log line of each call are done once for every plugin by
 * {@link Skel}. The same object serves in process (the default methods below, or a runtime's
 * registered plugin) and as an executable ({@link CniExecutable}).
 *
 * <pre>{@code
 * CniResult result = plugin.add(CniArgs.of(containerId, "/run/netns/blue", "eth0").withPath("/opt/cni/bin"), config);
 * }</pre>
 */
public interface CniPlugin {

    /** The plugin's type as configs name it ({@code macvlan}, {@code host-local}); names it in events and logs. */
    String type();

    /** ADD: attach, and return the result (written in the config's version). */
    CniResult add(CniCall call);

    /** DEL: detach; what is already gone is not an error. */
    void del(CniCall call);

    /** CHECK: fail with a {@link io.jnetlink.cni.types.CniException} if the attachment is not as ADD made it. */
    void check(CniCall call);

    /** STATUS: fail if the plugin could not serve an ADD now; ready by default. */
    default void status(CniCall call) {
    }

    /** GC: release what the attachments of {@code cni.dev/valid-attachments} do not hold; nothing by default. */
    default void gc(CniCall call) {
    }

    /** The spec versions this plugin speaks, oldest first; all of {@link CniVersion#SUPPORTED} by default. */
    default List<String> supportedVersions() {
        return CniVersion.SUPPORTED;
    }

    /** ADD in process, validated as the executable validates it. */
    default CniResult add(CniArgs args, byte[] config) {
        return (CniResult) Skel.call(this, CniCommand.ADD, args, config);
    }

    /** DEL in process, validated as the executable validates it. */
    default void del(CniArgs args, byte[] config) {
        Skel.call(this, CniCommand.DEL, args, config);
    }

    /** CHECK in process against the config's own {@code prevResult}. */
    default void check(CniArgs args, byte[] config) {
        Skel.call(this, CniCommand.CHECK, args, config);
    }

    /** CHECK in process against {@code previous}, the result ADD returned (set as the config's {@code prevResult}). */
    default void check(CniArgs args, byte[] config, CniResult previous) {
        Map<String, Object> json = Json.object(config, "network config");
        json.put("prevResult", previous.toJson());
        check(args, Json.bytes(json));
    }

    /** STATUS in process. */
    default void status(CniArgs args, byte[] config) {
        Skel.call(this, CniCommand.STATUS, args, config);
    }

    /** GC in process. */
    default void gc(CniArgs args, byte[] config) {
        Skel.call(this, CniCommand.GC, args, config);
    }

    /**
     * {@code command} on {@code config} as the executable runs it: what it prints on success (the
     * result JSON for ADD and VERSION, nothing otherwise), a {@link io.jnetlink.cni.types.CniException}
     * on failure.
     */
    default byte[] run(CniCommand command, CniArgs args, byte[] config) {
        return Skel.run(this, command, args, config);
    }
}
