package io.jnetlink.ipam;

import io.jnetlink.core.InterfaceName;

/**
 * Who holds an allocation: the CNI container id and interface name ({@code CNI_CONTAINERID},
 * {@code CNI_IFNAME}). The id is trimmed, as the reference host-local plugin trims it.
 *
 * @param containerId the container id
 * @param ifName      the interface name inside the container
 */
public record Owner(String containerId, String ifName) {

    /** Trims the id and checks both fields, naming the field and the value. */
    public Owner {
        if (containerId == null || containerId.isBlank()) {
            throw new IllegalArgumentException("containerId: must not be empty");
        }
        containerId = LeaseRecord.requireField("containerId", containerId.strip());
        if (InterfaceName.problem(ifName) != null) {
            throw new IllegalArgumentException("ifName: \"" + ifName
                    + "\" is not an interface name (1-15 bytes, not . or .., no /, :, NUL or whitespace)");
        }
        LeaseRecord.requireField("ifName", ifName); // it is written into lease records: no control characters
    }

    @Override
    public String toString() {
        return containerId + "/" + ifName;
    }
}
