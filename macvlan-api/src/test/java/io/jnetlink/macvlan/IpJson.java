package io.jnetlink.macvlan;

import com.fasterxml.jackson.jr.ob.JSON;
import io.jnetlink.testkit.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code ip -j -n <namespace> ...} prints, read as JSON objects: the cross-check of the API's reads. */
final class IpJson {

    private IpJson() {
    }

    /** The objects {@code ip -j -n <namespace> <args>} prints (an empty list for empty output). */
    static List<Map<String, Object>> objects(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-j", "-n", namespace));
        command.addAll(List.of(args));
        String out = Command.check(command.toArray(String[]::new)).strip();
        if (out.isEmpty()) {
            return List.of();
        }
        try {
            List<Object> list = JSON.std.listFrom(out);
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) o;
                objects.add(map);
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("ip -j " + String.join(" ", args) + " printed " + out, e);
        }
    }
}
