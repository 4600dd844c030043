package io.jnetlink.cni.plugins.ipam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dhcp} type's {@code provide} entries with their {@code fromArg} resolved, as the
 * reference {@code dhcp} plugin resolves them: an entry whose {@code fromArg} names a CNI_ARGS key
 * (e.g. {@code K8S_POD_NAME}) takes that key's value as its {@code value}.
 */
final class DhcpProvidedOptions {

    private DhcpProvidedOptions() {
    }

    /** A copy of the {@code ipam} object with each {@code provide[].value} taken from CNI_ARGS where named. */
    static Map<String, Object> apply(Map<String, Object> ipam, Map<String, String> env) {
        if (!(ipam.get("provide") instanceof List<?> provide)) {
            return ipam;
        }
        List<Object> resolved = new ArrayList<>();
        for (Object item : provide) {
            if (item instanceof Map<?, ?> entry && entry.get("fromArg") instanceof String key && env.containsKey(key)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) entry);
                copy.put("value", env.get(key));
                resolved.add(copy);
            } else {
                resolved.add(item);
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>(ipam);
        copy.put("provide", resolved);
        return copy;
    }
}
