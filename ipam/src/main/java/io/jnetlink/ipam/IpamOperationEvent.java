package io.jnetlink.ipam;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code io.jnetlink.IpamOperation}: one call of an allocator opened through
 * {@link Ipam} (allocate, release, check, list, gc), with its duration.
 */
@Name("io.jnetlink.IpamOperation")
@Label("IPAM Operation")
@Category({"jnetlink", "IPAM"})
@Description("An IP address allocation, release, check, listing or garbage collection")
@StackTrace(false)
final class IpamOperationEvent extends jdk.jfr.Event {

    @Label("Plugin")
    String plugin;

    @Label("Network")
    String network;

    @Label("Operation")
    String operation;

    @Label("Container Id")
    String containerId;

    @Label("Interface")
    String ifName;

    @Label("Addresses")
    @Description("The addresses allocated, or the number of leases listed or released")
    String addresses;

    @Label("Outcome")
    @Description("ok, or the error")
    String outcome;
}
