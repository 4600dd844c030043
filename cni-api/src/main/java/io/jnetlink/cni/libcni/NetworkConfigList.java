package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniNames;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;
import io.jnetlink.ipam.ConfigReader;
import io.jnetlink.ipam.JsonValues;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network: a list of plugin configs run in order (a {@code .conflist}), as libcni 1.1.2 reads
 * it; a single plugin's config ({@code .conf}, {@code .json}) becomes a list of one. Errors name
 * the file (or {@code source}) and the field, with code 7 (6 for text that is not a JSON object, 1
 * for a version this library does not speak).
 *
 * <p>What makes a config broken is libcni's rule, read from its sources: a list needs a string
 * {@code name}, a string {@code cniVersion} and a boolean {@code disableCheck} if present (not
 * {@code null}), and a non-empty {@code plugins} list; every plugin (and a single config) needs a
 * non-empty string {@code type}, and the fields libcni decodes into its {@code NetConf} must have
 * its types: {@code name} and {@code cniVersion} strings, {@code capabilities} an object of
 * booleans, {@code ipam} an object with a string {@code type}, {@code dns} an object with string
 * {@code domain} and string lists {@code nameservers}, {@code search}, {@code options}, and
 * {@code prevResult} an object ({@code null} is allowed for each). Beyond libcni, a network
 * returned here has a valid name (the spec's characters, {@link CniNames}) and a {@code cniVersion}
 * this library speaks (or none): libcni finds those only when the network is run.
 *
 * <p>Fields are matched by their exact names, as the spec writes them; libcni's JSON decoder also
 * takes {@code "TYPE"} or {@code "Name"} for a plugin's fields. A document must be a single JSON
 * object in UTF-8; a key given twice is refused (libcni keeps the last).
 *
 * @param name         the network's name
 * @param cniVersion   the version every plugin is called with; empty if the config names none
 *                     (the spec reads that as 0.1.0)
 * @param disableCheck whether CHECK is skipped
 * @param plugins      the plugins' configs, in order, as parsed
 * @param bytes        the list as read (what the result cache records); for a single config, the
 *                     list of one written out
 */
public record NetworkConfigList(String name, String cniVersion, boolean disableCheck,
                                List<Map<String, Object>> plugins, byte[] bytes) {

    public NetworkConfigList {
        plugins = List.copyOf(plugins);
    }

    /** Its name, version and plugin types in order: {@code network lan (cniVersion 1.0.0): macvlan, tuning}. */
    @Override
    public String toString() {
        return "network " + name + (cniVersion.isEmpty() ? "" : " (cniVersion " + cniVersion + ")") + ": "
                + String.join(", ", plugins.stream().map(p -> String.valueOf(p.get("type"))).toList())
                + (disableCheck ? ", CHECK disabled" : "");
    }

    /** Parses a {@code .conflist}; {@code source} names it in errors. */
    public static NetworkConfigList parse(byte[] bytes, String source) {
        return checked(readList(bytes, source), source);
    }

    /** Wraps a single plugin's config ({@code .conf}) into a list of one, as libcni does. */
    public static NetworkConfigList fromConf(byte[] bytes, String source) {
        Map<String, Object> conf = readConf(bytes, source);
        return checked(fromConf(conf), conf, source);
    }

    /**
     * The network called {@code name} in {@code dir}, found as libcni 1.1.2's {@code LoadConfList}
     * finds it:
     * <ol>
     * <li>The candidates are the directory's entries whose extension (from the last dot of the
     *     name, so a file called {@code .conflist} counts) is exactly {@code .conflist}, or, in a
     *     second round, {@code .conf} or {@code .json}, case-sensitively. Only real directories are
     *     left out: a symbolic link is a candidate whatever it points to, so a link to a directory
     *     or a dangling link fails the load when its turn comes. A missing directory holds no
     *     candidates; one that cannot be listed fails the load (code 5).</li>
     * <li>Candidates are read in the byte order of their names, the {@code .conf} and
     *     {@code .json} files in one order.</li>
     * <li>Every {@code .conflist} is read and parsed in turn; the first whose {@code name} is
     *     {@code name} wins and nothing after it is read. A file that cannot be read (code 5) or
     *     parsed before the match fails the load, whatever network it holds.</li>
     * <li>Only if no list matched are the {@code .conf} and {@code .json} files read the same
     *     way; a config without a {@code name} matches no network but must still parse. The match
     *     becomes a list of one. So a broken list fails the load even of a network in a
     *     {@code .conf}: the lists are read first.</li>
     * <li>No match: {@code no net configurations found in DIR} when the directory holds no
     *     candidate of either kind, otherwise {@code no net configuration with name "NAME" in DIR}
     *     (libcni's {@code NoConfigsFoundError} and {@code NotFoundError}; code 7 for both).</li>
     * </ol>
     * The match must have a valid name and a version this library speaks (or none); the other
     * networks' names and versions are not judged, as libcni does not judge them.
     */
    public static NetworkConfigList load(Path dir, String name) {
        return ConfFiles.loadConfList(dir, name);
    }

    /** A {@code .conflist} by libcni's rules only: its name and version are not judged yet. */
    static NetworkConfigList readList(byte[] bytes, String source) {
        Map<String, Object> raw = Json.object(bytes, source);
        if (!raw.containsKey("name")) {
            throw invalid(source + ": name: missing" + unknownKeyHint(raw, "name"));
        }
        String name = string(raw, "name", source);
        String version = raw.containsKey("cniVersion") ? string(raw, "cniVersion", source) : "";
        Object disable = raw.get("disableCheck");
        if (raw.containsKey("disableCheck") && !(disable instanceof Boolean)) {
            throw invalid(source + ": disableCheck: must be true or false, got " + JsonValues.describe(disable));
        }
        if (!(raw.get("plugins") instanceof List<?> list)) {
            throw invalid(source + ": plugins: " + (raw.containsKey("plugins") ? "must be a list, got "
                    + JsonValues.describe(raw.get("plugins")) : "missing" + unknownKeyHint(raw, "plugins")));
        }
        if (list.isEmpty()) {
            throw invalid(source + ": plugins: no plugins in list");
        }
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = source + ": plugins[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> plugin)) {
                throw invalid(where + ": must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) plugin;
            netConf(config, where);
            plugins.add(config);
        }
        return new NetworkConfigList(name, version, Boolean.TRUE.equals(disable), plugins, bytes);
    }

    /** A single plugin's config ({@code .conf}) by libcni's rules: its name is not judged yet. */
    static Map<String, Object> readConf(byte[] bytes, String source) {
        Map<String, Object> conf = Json.object(bytes, source);
        netConf(conf, source);
        return conf;
    }

    /** A config's {@code name}, empty if it has none (a nameless config matches no network). */
    static String confName(Map<String, Object> conf) {
        return conf.get("name") instanceof String name ? name : "";
    }

    /** As libcni's {@code ConfListFromConf}: the config's name and version, and the config as the only plugin. */
    static NetworkConfigList fromConf(Map<String, Object> conf) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("cniVersion", conf.get("cniVersion") instanceof String version ? version : "");
        list.put("name", confName(conf));
        list.put("plugins", List.of(conf));
        return new NetworkConfigList(confName(conf), (String) list.get("cniVersion"), false, List.of(conf),
                Json.bytes(list));
    }

    /** What libcni leaves to the run: the name's characters and a version this library speaks. */
    static NetworkConfigList checked(NetworkConfigList list, String source) {
        return checked(list, Map.of(), source);
    }

    /** As {@link #checked(NetworkConfigList, String)}, {@code named} the object that should have the name (a {@code .conf}). */
    static NetworkConfigList checked(NetworkConfigList list, Map<String, Object> named, String source) {
        if (list.name().isEmpty()) {
            throw invalid(source + ": name: missing" + unknownKeyHint(named, "name"));
        }
        if (!CniNames.isValidName(list.name())) {
            throw invalid(source + ": name: invalid characters in network name \"" + list.name() + "\"");
        }
        if (!list.cniVersion().isEmpty()) {
            try {
                CniVersion.require(list.cniVersion());
            } catch (CniException e) {
                throw new CniException(e.code(), source + ": cniVersion: " + e.getMessage(), e.details());
            }
        }
        return list;
    }

    /** The fields libcni decodes into its {@code NetConf}, with its types; {@code null} is allowed for each. */
    private static void netConf(Map<String, Object> conf, String where) {
        optionalString(conf.get("cniVersion"), where, "cniVersion");
        optionalString(conf.get("name"), where, "name");
        String type = optionalString(conf.get("type"), where, "type");
        if (type == null) {
            throw invalid(where + ": type: missing" + unknownKeyHint(conf, "type"));
        }
        if (type.isEmpty()) {
            throw invalid(where + ": type: must not be empty");
        }
        Map<String, Object> capabilities = optionalObject(conf.get("capabilities"), where, "capabilities");
        if (capabilities != null) {
            for (Map.Entry<String, Object> capability : capabilities.entrySet()) {
                Object value = capability.getValue();
                if (value != null && !(value instanceof Boolean)) {
                    throw invalid(where + ": capabilities." + capability.getKey() + ": must be true or false, got "
                            + JsonValues.describe(value));
                }
            }
        }
        Map<String, Object> ipam = optionalObject(conf.get("ipam"), where, "ipam");
        if (ipam != null) {
            optionalString(ipam.get("type"), where, "ipam.type");
        }
        Map<String, Object> dns = optionalObject(conf.get("dns"), where, "dns");
        if (dns != null) {
            optionalString(dns.get("domain"), where, "dns.domain");
            for (String field : List.of("nameservers", "search", "options")) {
                Object value = dns.get(field);
                if (value == null) {
                    continue;
                }
                if (!(value instanceof List<?> values) || values.stream().anyMatch(v -> v != null
                        && !(v instanceof String))) {
                    throw invalid(where + ": dns." + field + ": must be a list of strings, got " + JsonValues.describe(value));
                }
            }
        }
        optionalObject(conf.get("prevResult"), where, "prevResult");
    }

    private static String optionalString(Object value, String where, String field) {
        if (value != null && !(value instanceof String)) {
            throw invalid(where + ": " + field + ": must be a string, got " + JsonValues.describe(value));
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalObject(Object value, String where, String field) {
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw invalid(where + ": " + field + ": must be an object, got " + JsonValues.describe(value));
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> object, String field, String source) {
        if (!(object.get(field) instanceof String value)) {
            throw invalid(source + ": " + field + ": must be a string, got " + JsonValues.describe(object.get(field)));
        }
        return value;
    }

    /** {@link ConfigReader#unknownKeyHint}: a key of {@code object} close to the missing {@code field}. */
    private static String unknownKeyHint(Map<String, ?> object, String field) {
        return ConfigReader.of("config", object).unknownKeyHint(field);
    }

    private static CniException invalid(String message) {
        return new CniException(CniException.INVALID_CONFIG, message);
    }
}
