package io.jnetlink.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A network: a list of plugin configs run in order (a {@code .conflist}), as the reference
 * library loads it; a single {@code .conf} becomes a list of one. Errors name the file and field.
 *
 * @param name         the network's name
 * @param cniVersion   the version every plugin is called with
 * @param disableCheck whether CHECK is skipped
 * @param plugins      the plugins' configs, in order, as parsed
 * @param bytes        the list as read (what the result cache records)
 */
public record NetworkConfigList(String name, String cniVersion, boolean disableCheck,
                                List<Map<String, Object>> plugins, byte[] bytes) {

    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    public NetworkConfigList {
        plugins = List.copyOf(plugins);
    }

    /** Parses a {@code .conflist}; {@code source} names it in errors. */
    public static NetworkConfigList parse(byte[] bytes, String source) {
        Map<String, Object> raw = Json.object(bytes, source);
        String name = string(raw, "name", source, true);
        String version = string(raw, "cniVersion", source, false);
        Object disable = raw.get("disableCheck");
        if (disable != null && !(disable instanceof Boolean)) {
            throw new CniException(CniException.INVALID_CONFIG, source + ": disableCheck: must be true or false, got "
                    + disable);
        }
        if (!(raw.get("plugins") instanceof List<?> list)) {
            throw new CniException(CniException.INVALID_CONFIG, source + ": plugins: "
                    + (raw.containsKey("plugins") ? "must be a list" : "missing"));
        }
        if (list.isEmpty()) {
            throw new CniException(CniException.INVALID_CONFIG, source + ": plugins: no plugins in list");
        }
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> plugin)) {
                throw new CniException(CniException.INVALID_CONFIG, source + ": plugins[" + i + "]: must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) plugin;
            string(config, "type", source + ": plugins[" + i + "]", true);
            plugins.add(config);
        }
        return new NetworkConfigList(name, version == null ? "" : CniVersion.require(version),
                Boolean.TRUE.equals(disable), plugins, bytes);
    }

    /** Wraps a single plugin's config ({@code .conf}) into a list of one, as the reference does. */
    public static NetworkConfigList fromConf(byte[] bytes, String source) {
        Map<String, Object> conf = Json.object(bytes, source);
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("cniVersion", conf.getOrDefault("cniVersion", ""));
        list.put("name", conf.get("name"));
        list.put("plugins", List.of(conf));
        return parse(Json.bytes(list), source);
    }

    /**
     * Every network in {@code dir}: {@code .conflist} files as lists, {@code .conf} and
     * {@code .json} as single configs, by file name; a missing directory holds none.
     */
    public static List<NetworkConfigList> loadAll(Path dir) {
        List<NetworkConfigList> networks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return networks;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".conflist")) {
                    networks.add(parse(Files.readAllBytes(file), file.toString()));
                } else if (fileName.endsWith(".conf") || fileName.endsWith(".json")) {
                    networks.add(fromConf(Files.readAllBytes(file), file.toString()));
                }
            }
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, "reading network configs in " + dir + ": " + e);
        }
        return networks;
    }

    /** The network called {@code name} in {@code dir} (the first file, by name, that defines it). */
    public static NetworkConfigList load(Path dir, String name) {
        return loadAll(dir).stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new CniException(CniException.INVALID_CONFIG, "no network config named \"" + name
                        + "\" in " + dir));
    }

    private static String string(Map<String, Object> object, String field, String source, boolean required) {
        Object value = object.get(field);
        if (value == null) {
            if (required) {
                throw new CniException(CniException.INVALID_CONFIG, source + ": " + field + ": missing");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new CniException(CniException.INVALID_CONFIG, source + ": " + field + ": must be a string, got "
                    + value);
        }
        if (field.equals("name") && !VALID_NAME.matcher(s).matches()) {
            throw new CniException(CniException.INVALID_CONFIG, source + ": name: invalid characters in network name \""
                    + s + "\"");
        }
        return s;
    }
}
