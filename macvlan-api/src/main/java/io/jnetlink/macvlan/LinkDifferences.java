package io.jnetlink.macvlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an existing link differs from a spec: what {@link Links#ensure} refuses on and what a CNI
 * {@code CHECK} reports. What the spec leaves to the kernel (MAC, MTU, queue lengths when unset)
 * is not compared.
 */
public final class LinkDifferences {

    private LinkDifferences() {
    }

    /**
     * Every difference between {@code spec} and {@code link}, each as {@code field: wanted X,
     * found Y}; empty if the link matches.
     *
     * @param parent the spec's parent as it exists, or null to skip the parent check (a link in
     *               another namespace reports its parent's index in the parent's namespace)
     */
    public static List<String> between(LinkSpec spec, Link link, Link parent) {
        List<String> differences = new ArrayList<>();
        if (!spec.kind().equals(link.kind())) {
            differences.add("kind: wanted " + spec.kind() + ", found " + (link.kind() == null ? "none" : link.kind()));
            return differences;
        }
        if (parent != null && spec.parent() != null && link.parentIndex() != parent.index()
                && !(link.info() instanceof Vxlan.Info vxlan && vxlan.parentIndex() == parent.index())) {
            differences.add("parent: wanted " + spec.parent() + " (#" + parent.index() + "), found #"
                    + link.parentIndex());
        }
        if (spec.mac() != null && !Objects.equals(spec.mac(), link.mac())) {
            differences.add("mac: wanted " + spec.mac() + ", found " + link.mac());
        }
        if (spec.mtu() != 0 && spec.mtu() != link.mtu()) {
            differences.add("mtu: wanted " + spec.mtu() + ", found " + link.mtu());
        }
        LinkKinds.compare(spec, link, differences);
        return differences;
    }
}
