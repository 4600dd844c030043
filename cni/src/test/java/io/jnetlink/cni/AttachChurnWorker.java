package io.jnetlink.cni;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.core.NetNs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A JVM running CNI ADD then DEL in a loop through {@link CniRuntime} with the macvlan plugin in
 * process, until it is killed. Prints {@code BEGIN <containerId> <ifName>} before each ADD and
 * {@code READY} after the first ADD+DEL. Arguments: hostNamespace containerNetnsPath conflist
 * cacheDir pluginDir prefix.
 */
public final class AttachChurnWorker {

    private AttachChurnWorker() {
    }

    public static void main(String[] args) throws Exception {
        NetworkConfigList network = NetworkConfigList.parse(Files.readAllBytes(Path.of(args[2])), args[2]);
        try (NetNs host = NetNs.named(args[0]); MacvlanPlugin macvlan = new MacvlanPlugin(host)) {
            CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(Path.of(args[4])))
                    .cacheDir(Path.of(args[3])).timeout(Duration.ofSeconds(30))
                    .inNamespace(host).plugin("macvlan", macvlan).build();
            for (int i = 0; ; i++) {
                RuntimeConf rt = RuntimeConf.of(args[5] + "c" + i, args[1], args[5] + "i" + (i % 4));
                System.out.println("BEGIN " + rt.containerId() + " " + rt.ifName());
                System.out.flush();
                runtime.add(network, rt);
                runtime.del(network, rt);
                if (i == 0) {
                    System.out.println("READY");
                    System.out.flush();
                }
            }
        }
    }

}
