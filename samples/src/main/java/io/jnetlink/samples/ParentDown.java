package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.OperState;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Ping;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 7: setting the parent down takes every child's operational state down with it (and
 * their traffic); setting it up brings them back. The children stay administratively up. A child
 * in another namespace reports {@code DOWN} rather than {@code LOWERLAYERDOWN}: the kernel looks
 * for the lower device in the child's own namespace and does not find it there.
 */
public final class ParentDown implements Scenario<ParentDown.Observation> {

    /** The children's operational states and a ping between them, with the parent down and up again. */
    public record Observation(List<OperState> whileDown, boolean adminUpWhileDown, boolean pingWhileDown,
                              List<OperState> afterUp, boolean pingAfterUp) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new ParentDown());
    }

    @Override
    public String title() {
        return "7 parent down";
    }

    @Override
    public String claim() {
        return "parent down takes every child down; up brings them back";
    }

    @Override
    public Observation observe(Lab lab) throws InterruptedException {
        Lab.Segment segment = lab.segment(null);
        List<NetNs> children = lab.children(segment, MacvlanMode.BRIDGE, "c", "192.0.2.11/24", "192.0.2.12/24",
                "192.0.2.13/24");
        segment.hostLinks().links().setDown("eth0");
        List<OperState> down = settle(children, false);
        boolean adminUp = true;
        for (NetNs child : children) {
            try (RtNetlink inside = RtNetlink.open(child)) {
                adminUp &= inside.links().require("eth0").isUp();
            }
        }
        boolean pingDown = Ping.answers(children.get(0), "192.0.2.12");
        segment.hostLinks().links().setUp("eth0");
        List<OperState> up = settle(children, true);
        return new Observation(down, adminUp, pingDown, up, Ping.answers(children.get(0), "192.0.2.12"));
    }

    /** The children's states once all are (or none is) operational, or as they are after five seconds. */
    private static List<OperState> settle(List<NetNs> children, boolean operational) throws InterruptedException {
        List<OperState> states = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            states = new ArrayList<>();
            for (NetNs child : children) {
                try (RtNetlink inside = RtNetlink.open(child)) {
                    states.add(inside.links().require("eth0").operState());
                }
            }
            if (states.stream().allMatch(s -> (s == OperState.UP) == operational)) {
                break;
            }
            Thread.sleep(100); // the kernel's linkwatch applies carrier changes asynchronously
        }
        return states;
    }

    @Override
    public String describe(Observation o) {
        return "down: " + o.whileDown() + " ping " + Ping.reply(o.pingWhileDown()) + "; up: " + o.afterUp()
                + " ping " + Ping.reply(o.pingAfterUp());
    }

    @Override
    public boolean holds(Observation o) {
        return o.whileDown().stream().allMatch(s -> s == OperState.DOWN || s == OperState.LOWERLAYERDOWN)
                && o.adminUpWhileDown() && !o.pingWhileDown()
                && o.afterUp().stream().allMatch(OperState.UP::equals) && o.pingAfterUp();
    }
}
