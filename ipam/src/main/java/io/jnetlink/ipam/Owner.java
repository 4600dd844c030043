package io.jnetlink.ipam;

/**
 * Who holds an allocation: the CNI container id and interface name ({@code CNI_CONTAINERID},
 * {@code CNI_IFNAME}). The id is trimmed, as the reference host-local plugin trims it.
 *
 * @param containerId the container id
 * @param ifName      the interface name inside the container
 */
public record Owner(String containerId, String ifName) {

    public Owner {
        if (containerId == null || containerId.isBlank()) {
            throw new IllegalArgumentException("containerId: must not be empty");
        }
        containerId = containerId.strip();
        if (containerId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("containerId: \"" + containerId
                    + "\" contains whitespace or control characters");
        }
        if (ifName == null || ifName.isEmpty() || ifName.length() > 15 || ifName.equals(".") || ifName.equals("..")
                || ifName.chars().anyMatch(c -> c == '/' || c == ':' || c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("ifName: \"" + ifName
                    + "\" is not an interface name (1-15 characters, not . or .., no /, : or whitespace)");
        }
    }

    @Override
    public String toString() {
        return containerId + "/" + ifName;
    }
}
