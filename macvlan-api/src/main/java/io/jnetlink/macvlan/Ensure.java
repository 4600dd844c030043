package io.jnetlink.macvlan;

import java.util.List;
import java.util.Optional;

/** {@link Links#ensure}: create if absent, accept if equal, refuse with every difference otherwise. */
final class Ensure {

    private final RtNetlink rt;

    Ensure(RtNetlink rt) {
        this.rt = rt;
    }

    Link ensure(LinkSpec spec) {
        Links.validate(spec);
        boolean elsewhere = spec.netns() != null && !spec.netns().isSameAs(rt.netns());
        try (RtNetlink inside = elsewhere ? RtNetlink.open(spec.netns()) : null) {
            Links where = inside == null ? rt.links() : inside.links();
            Optional<Link> existing = where.get(spec.name());
            if (existing.isEmpty()) {
                return rt.links().create(spec);
            }
            // a link in another namespace reports its parent by an index there: not compared
            Link parent = spec.parent() == null || elsewhere ? null : rt.links().require(spec.parent());
            List<String> differences = LinkDifferences.between(spec, existing.get(), parent);
            if (!differences.isEmpty()) {
                throw new LinkMismatchException(spec.name(), differences);
            }
            return existing.get();
        }
    }
}
