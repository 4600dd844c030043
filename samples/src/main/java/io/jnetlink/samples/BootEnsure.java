package io.jnetlink.samples;

import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;

/**
 * Scenario 9: the notes' boot script ({@code if ! ip l show macvlan1; then ip l add ...}) as an
 * idempotent ensure: running it twice changes nothing the second time.
 */
public final class BootEnsure implements Scenario<BootEnsure.Observation> {

    /** The link after each run and the number of links after each run. */
    public record Observation(Link first, int linksAfterFirst, Link second, int linksAfterSecond) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new BootEnsure());
    }

    @Override
    public String title() {
        return "9 boot-time ensure";
    }

    @Override
    public String claim() {
        return "running the ensure twice changes nothing the second time";
    }

    @Override
    public Observation observe(Lab lab) {
        Lab.Segment segment = lab.segment(null);
        Macvlan spec = Macvlan.of("macvlan1", "eth0");
        Link first = segment.hostLinks().links().ensure(spec);
        int afterFirst = segment.hostLinks().links().list().size();
        Link second = segment.hostLinks().links().ensure(spec);
        return new Observation(first, afterFirst, second, segment.hostLinks().links().list().size());
    }

    @Override
    public String describe(Observation o) {
        return "2nd run: " + (o.first().equals(o.second()) ? "same link" : "different link") + ", links "
                + o.linksAfterFirst() + " -> " + o.linksAfterSecond();
    }

    @Override
    public boolean holds(Observation o) {
        return o.first().equals(o.second()) && o.linksAfterFirst() == o.linksAfterSecond();
    }
}
