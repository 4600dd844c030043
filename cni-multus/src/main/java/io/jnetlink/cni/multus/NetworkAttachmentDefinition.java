package io.jnetlink.cni.multus;

import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.JsonValues;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Multus {@code NetworkAttachmentDefinition} ({@code k8s.cni.cncf.io/v1}): a namespaced name
 * and the CNI config (a single plugin's or a list) its {@code spec.config} holds. Read from YAML
 * or JSON (JSON is YAML).
 *
 * @param name      {@code metadata.name}
 * @param namespace {@code metadata.namespace} ({@code default} when absent)
 * @param config    {@code spec.config}, the CNI config JSON
 */
public record NetworkAttachmentDefinition(String name, String namespace, String config) {

    /** Deepest nesting of YAML collections accepted; a definition needs four. */
    private static final int MAX_DEPTH = 64;

    /** Parses a manifest; refused with the reason (code 7) when it is not a valid definition. */
    public static NetworkAttachmentDefinition parse(String manifest) {
        Object doc;
        try {
            LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).build();
            requireDepth(settings, manifest);
            doc = new Load(settings).loadFromString(manifest);
        } catch (CniException e) {
            throw e;
        } catch (RuntimeException e) {
            // snakeyaml-engine lets some errors out raw: a unicode escape cut short is a NumberFormatException
            throw notYaml(YamlErrors.reason(e));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw invalid("must be an object, got " + JsonValues.describe(doc));
        }
        @SuppressWarnings("unchecked")
        ConfigReader root = ConfigReader.of("NetworkAttachmentDefinition", (Map<String, ?>) map);
        String name;
        String namespace;
        String config;
        try {
            if (!"k8s.cni.cncf.io/v1".equals(root.raw("apiVersion"))
                    || !"NetworkAttachmentDefinition".equals(root.raw("kind"))) {
                throw invalid("apiVersion/kind: expected k8s.cni.cncf.io/v1 NetworkAttachmentDefinition, got "
                        + root.raw("apiVersion") + " " + root.raw("kind"));
            }
            ConfigReader metadata = required(root, "metadata");
            name = metadata.requireString("name");
            namespace = metadata.string("namespace", "default");
            config = required(root, "spec").requireString("config");
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        }
        Multus.requireLabel("metadata.name", name, 253);
        Multus.requireLabel("metadata.namespace", namespace, 63);
        Json.object(config.getBytes(StandardCharsets.UTF_8), "spec.config"); // must be a JSON object
        return new NetworkAttachmentDefinition(name, namespace, config);
    }

    /** {@code namespace/name}. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /**
     * The network to run: {@code spec.config} as a list ({@code plugins}) or a single plugin's
     * config; named after the definition when the config has no {@code name}, as Multus does.
     */
    public NetworkConfigList network() {
        String source = "NetworkAttachmentDefinition " + qualifiedName();
        Map<String, Object> parsed = Json.object(config.getBytes(StandardCharsets.UTF_8), source);
        parsed.putIfAbsent("name", name);
        byte[] bytes = Json.bytes(parsed);
        return parsed.containsKey("plugins") ? NetworkConfigList.parse(bytes, source)
                : NetworkConfigList.fromConf(bytes, source);
    }

    /**
     * Refuses collections nested deeper than {@link #MAX_DEPTH} before snakeyaml-engine's
     * recursive composer would overflow the stack on them; its event parser is not recursive.
     */
    private static void requireDepth(LoadSettings settings, String manifest) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(manifest)) {
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw notYaml(": collections nested deeper than " + MAX_DEPTH);
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
    }

    /** {@code reason} starts with where, if known, and a colon: {@code  at line 1, column 5: ...}. */
    private static CniException notYaml(String reason) {
        return new CniException(CniException.DECODING_FAILURE, "NetworkAttachmentDefinition: not YAML or JSON"
                + reason);
    }

    private static ConfigReader required(ConfigReader r, String field) {
        ConfigReader object = r.object(field);
        if (object == null) {
            throw r.missing(field, "is required");
        }
        return object;
    }

    private static CniException invalid(String message) {
        return new CniException(CniException.INVALID_CONFIG, "NetworkAttachmentDefinition: " + message);
    }
}
