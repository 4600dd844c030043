package io.jnetlink.cni.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code io.jnetlink.CniOperation}: one CNI command, as the runtime ran a plugin of a
 * network ({@code side = runtime}) or as the macvlan plugin carried it out ({@code side = plugin}),
 * with its duration.
 */
@Name("io.jnetlink.CniOperation")
@Label("CNI Operation")
@Category({"jnetlink", "CNI"})
@Description("A CNI command run by the runtime or carried out by a plugin")
@StackTrace(false)
final class CniOperationEvent extends jdk.jfr.Event {

    @Label("Side")
    @Description("runtime (CniRuntime calling a plugin) or plugin (a plugin of this library)")
    String side;

    @Label("Plugin")
    String plugin;

    @Label("Network")
    String network;

    @Label("Command")
    String command;

    @Label("Container Id")
    String containerId;

    @Label("Namespace")
    String netns;

    @Label("Interface")
    String ifName;

    @Label("Outcome")
    @Description("ok, or the CNI error code and message")
    String outcome;
}
