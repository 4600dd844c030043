package io.jnetlink.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code io.jnetlink.NetlinkExchange}: one request (or a batch chunk, or a dump)
 * sent to the kernel and its replies read, with its duration. Recorded only while a recording
 * has it enabled; otherwise it costs nothing measurable (see the README's benchmarks).
 */
@Name("io.jnetlink.NetlinkExchange")
@Label("Netlink Exchange")
@Category({"jnetlink", "Netlink"})
@Description("A netlink request and its replies")
@StackTrace(false)
final class NetlinkExchangeEvent extends jdk.jfr.Event {

    @Label("Operation")
    @Description("The request's message type, e.g. RTM_NEWLINK; for a batch, its first refused message's, else its first message's")
    String operation;

    @Label("Namespace")
    @Description("The network namespace of the socket")
    String namespace;

    @Label("Sequence")
    @Description("The sequence number of the first request")
    int sequence;

    @Label("Messages")
    int messages;

    @Label("Outcome")
    @Description("ok, interrupted (a dump to redo), error, or failed (no answer)")
    String outcome;

    @Label("Errno")
    String errno;

    @Label("Extended ACK")
    @Description("The kernel's error text")
    String extendedAck;

    @Label("Failures")
    @Description("Messages of a batch the kernel refused")
    int failures;
}
