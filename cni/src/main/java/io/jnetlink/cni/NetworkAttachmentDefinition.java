package io.jnetlink.cni;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

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
        } catch (YamlEngineException e) {
            throw notYaml(e.getMessage());
        } catch (RuntimeException e) {
            // snakeyaml-engine lets some scanner errors out raw: a unicode escape cut short is a NumberFormatException
            throw notYaml(e.toString());
        }
        Map<?, ?> root = map(doc, "NetworkAttachmentDefinition");
        if (!"k8s.cni.cncf.io/v1".equals(root.get("apiVersion")) || !"NetworkAttachmentDefinition".equals(root.get("kind"))) {
            throw new CniException(CniException.INVALID_CONFIG, "NetworkAttachmentDefinition: apiVersion/kind: expected "
                    + "k8s.cni.cncf.io/v1 NetworkAttachmentDefinition, got " + root.get("apiVersion") + " " + root.get("kind"));
        }
        Map<?, ?> metadata = map(root.get("metadata"), "metadata");
        String name = text(metadata.get("name"), "metadata.name");
        Object ns = metadata.get("namespace");
        String namespace = ns == null ? "default" : text(ns, "metadata.namespace");
        Multus.requireLabel("metadata.name", name, 253);
        Multus.requireLabel("metadata.namespace", namespace, 63);
        String config = text(map(root.get("spec"), "spec").get("config"), "spec.config");
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
                        throw notYaml("collections nested deeper than " + MAX_DEPTH);
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
    }

    private static CniException notYaml(String reason) {
        return new CniException(CniException.DECODING_FAILURE, "NetworkAttachmentDefinition: not YAML or JSON: "
                + String.valueOf(reason).lines().findFirst().orElse(""));
    }

    private static Map<?, ?> map(Object value, String field) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new CniException(CniException.INVALID_CONFIG, "NetworkAttachmentDefinition: " + field
                    + ": must be an object, got " + value);
        }
        return m;
    }

    private static String text(Object value, String field) {
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new CniException(CniException.INVALID_CONFIG, "NetworkAttachmentDefinition: " + field
                    + ": must be a non-empty string, got " + value);
        }
        return s;
    }
}
