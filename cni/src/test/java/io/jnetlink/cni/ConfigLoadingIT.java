package io.jnetlink.cni;

import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.testkit.Command;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NetworkConfigList#load} beside libcni 1.1.2's {@code LoadConfList} (through
 * {@link LibcniDriver}'s {@code load} command), one directory per case: which file wins, in what
 * order files are read and when reading stops, which broken files fail the load, and which of
 * libcni's two not-found errors comes. A loaded network must have the same name, version,
 * {@code disableCheck} and plugins (in order) on both sides, taken from the file the case names;
 * a failure must be one on both sides, of the same kind, and ours must name the broken file.
 * The cases where we differ on purpose state libcni's outcome and ours, and why.
 * No root or namespace needed; skipped without go and libcni's sources (failing under CI).
 */
class ConfigLoadingIT {

    private static final String LIST = "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}";

    @TempDir
    Path root;

    /** What a load comes to. */
    sealed interface Outcome permits Wins, Fails {
    }

    /** Loaded, from {@code file} (a name in the case's directory). */
    record Wins(String file) implements Outcome {
    }

    /** Failed, of {@code kind}; for {@link Kind#BROKEN}, {@code file} is the one to blame (null: the directory). */
    record Fails(Kind kind, String file) implements Outcome {
    }

    enum Kind {
        /** libcni's NoConfigsFoundError: {@code no net configurations found in DIR}. */
        NO_CONFIGS,
        /** libcni's NotFoundError: {@code no net configuration with name "X" in DIR}. */
        NOT_FOUND,
        /** A file could not be read or parsed (or the directory listed). */
        BROKEN
    }

    /** A directory to build (null: none), the network to ask for, and each side's outcome. */
    record Case(String id, String network, Dir dir, Outcome libcni, Outcome ours, String why) {
        @Override
        public String toString() {
            return id + (why.isEmpty() ? "" : " (we differ: " + why + ")");
        }
    }

    /** A case's directory: files by name; {@code ->target} makes a symlink, {@code /} a directory. */
    static final class Dir {
        private final List<String[]> entries = new ArrayList<>();
        private boolean aFile;

        Dir file(String name, String content) {
            entries.add(new String[] {name, content});
            return this;
        }

        Dir link(String name, String target) {
            return file(name, "->" + target);
        }

        Dir dir(String name) {
            return file(name, "/");
        }

        void build(Path dir) throws IOException {
            if (aFile) {
                Files.writeString(dir, LIST);
                return;
            }
            Files.createDirectories(dir);
            for (String[] entry : entries) {
                Path path = dir.resolve(entry[0]);
                Files.createDirectories(path.getParent());
                if (entry[1].equals("/")) {
                    Files.createDirectories(path);
                } else if (entry[1].startsWith("->")) {
                    Files.createSymbolicLink(path, Path.of(entry[1].substring(2)));
                } else {
                    Files.writeString(path, entry[1]);
                }
            }
        }
    }

    private static Dir dir() {
        return new Dir();
    }

    private static Dir notADirectory() {
        Dir dir = new Dir();
        dir.aFile = true;
        return dir;
    }

    private static String conf(String name, String type) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    private static String list(String name, String type) {
        return "{\"name\":\"" + name + "\",\"plugins\":[{\"type\":\"" + type + "\"}]}";
    }

    /** A list {@code net} whose one plugin has type A and {@code fields}. */
    private static Dir plugin(String fields) {
        return dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[{\"type\":\"A\"," + fields + "}]}");
    }

    private static Case same(String id, String network, Dir dir, Outcome outcome) {
        return new Case(id, network, dir, outcome, outcome, "");
    }

    private static Case differs(String id, String network, Dir dir, Outcome libcni, Outcome ours, String why) {
        return new Case(id, network, dir, libcni, ours, why);
    }

    private static Outcome wins(String file) {
        return new Wins(file);
    }

    private static Outcome broken(String file) {
        return new Fails(Kind.BROKEN, file);
    }

    private static final Outcome NOT_FOUND = new Fails(Kind.NOT_FOUND, null);
    private static final Outcome NO_CONFIGS = new Fails(Kind.NO_CONFIGS, null);

    static Stream<Case> cases() {
        return Stream.concat(common(), utf8Names());
    }

    /** File names beyond ASCII, where this JVM can write them (a UTF-8 locale; C.UTF-8 in the build). */
    static Stream<Case> utf8Names() {
        if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            return Stream.empty();
        }
        return Stream.of(same("byte order: UTF-8 after ASCII", "net", dir().file("é.conflist", list("net", "E"))
                .file("z.conflist", list("net", "Z")), wins("z.conflist")));
    }

    static Stream<Case> common() {
        return Stream.of(
                // which directories hold configs at all
                same("missing directory", "net", null, NO_CONFIGS),
                same("empty directory", "net", dir(), NO_CONFIGS),
                same("other extensions only, case-sensitive", "net", dir().file("README", "x").file("a.yaml", "x")
                        .file("a.conf.bak", "x").file("a.CONF", conf("net", "A")).file("b.Conflist", LIST), NO_CONFIGS),
                same("lists only, none of that name", "other", dir().file("10.conflist", LIST), NOT_FOUND),
                same("confs only, none of that name", "other", dir().file("10.conf", conf("net", "A")), NOT_FOUND),
                same("a list and other files, none of that name", "other", dir().file("10.conflist", LIST)
                        .file("README", "x"), NOT_FOUND),
                same("only a subdirectory named like a list", "net", dir().dir("10.conflist")
                        .file("10.conflist/10.conflist", LIST), NO_CONFIGS),
                same("the directory is a file", "net", notADirectory(), broken(null)),
                // which file wins
                same("a list wins over an earlier conf", "net", dir().file("00.conf", conf("net", "CONF"))
                        .file("99.conflist", LIST), wins("99.conflist")),
                same("the first list by name wins", "net", dir().file("20.conflist", list("net", "B"))
                        .file("10.conflist", LIST), wins("10.conflist")),
                same(".json and .conf in one order", "net", dir().file("10.json", conf("net", "JSON"))
                        .file("20.conf", conf("net", "CONF")), wins("10.json")),
                same(".conf before .json of the same stem", "net", dir().file("10.json", conf("net", "JSON"))
                        .file("10.conf", conf("net", "CONF")), wins("10.conf")),
                same("byte order: upper case first", "net", dir().file("a.conflist", list("net", "lower"))
                        .file("B.conflist", list("net", "UPPER")), wins("B.conflist")),
                same("byte order, not numeric", "net", dir().file("9.conflist", list("net", "NINE"))
                        .file("10.conflist", list("net", "TEN")), wins("10.conflist")),
                same("a file called .conflist", "net", dir().file(".conflist", LIST), wins(".conflist")),
                same("a hidden .conf", "net", dir().file(".hidden.conf", conf("net", "A")), wins(".hidden.conf")),
                same("only the last extension counts", "net", dir().file("a.conflist.conf", conf("net", "CONF")),
                        wins("a.conflist.conf")),
                same("a symlink to a file is read", "net", dir().file("real.txt", LIST).link("10.conflist", "real.txt"),
                        wins("10.conflist")),
                same("a nameless conf before the match is passed over", "net", dir().file("05.conf", "{\"type\":\"X\"}")
                        .file("10.conf", conf("net", "A")), wins("10.conf")),
                same("an empty-named conf before the match is passed over", "net", dir()
                        .file("10.conf", "{\"name\":\"\",\"type\":\"A\"}").file("20.conf", conf("net", "B")),
                        wins("20.conf")),
                same("an empty-named list before the match is passed over", "net", dir()
                        .file("05.conflist", list("", "X")).file("10.conflist", LIST), wins("10.conflist")),
                same("another network's odd name is not judged", "net", dir()
                        .file("05.conflist", list("my net/ü", "X")).file("10.conflist", LIST), wins("10.conflist")),
                same("another network's unknown version is not judged", "net", dir()
                        .file("05.conflist", "{\"cniVersion\":\"banana\",\"name\":\"other\",\"plugins\":[{\"type\":\"X\"}]}")
                        .file("10.conflist", LIST), wins("10.conflist")),
                // when reading stops, and which broken files fail the load
                same("a broken list before the match", "net", dir().file("05.conflist", "{").file("10.conflist", LIST),
                        broken("05.conflist")),
                same("a broken list after the match is never read", "net", dir().file("10.conflist", LIST)
                        .file("20.conflist", "{"), wins("10.conflist")),
                same("a broken list fails a network found in a conf", "net", dir().file("99.conflist", "{")
                        .file("00.conf", conf("net", "A")), broken("99.conflist")),
                same("a broken conf before the matching conf", "net", dir().file("05.conf", "{")
                        .file("10.conf", conf("net", "A")), broken("05.conf")),
                same("a broken conf after the matching conf", "net", dir().file("10.conf", conf("net", "A"))
                        .file("20.conf", "{"), wins("10.conf")),
                same("a broken conf is never read when a list matches", "net", dir().file("00.conf", "{")
                        .file("10.conflist", LIST), wins("10.conflist")),
                same("a broken conf fails the search for a missing network", "other", dir().file("10.conflist", LIST)
                        .file("20.conf", "{"), broken("20.conf")),
                same("a conf without type before the match", "net", dir().file("05.conf", "{\"name\":\"other\"}")
                        .file("10.conf", conf("net", "A")), broken("05.conf")),
                same("another list with a plugin without type", "net", dir().file("05.conflist", "{\"name\":\"other\",\"plugins\":[{}]}")
                        .file("10.conflist", LIST), broken("05.conflist")),
                same("another conf with a string ipam", "net", dir().file("05.conf", "{\"name\":\"other\",\"type\":\"X\",\"ipam\":\"x\"}")
                        .file("10.conf", conf("net", "A")), broken("05.conf")),
                same("a symlink to a directory before the match", "net", dir().dir("realdir").link("05.conflist", "realdir")
                        .file("10.conflist", LIST), broken("05.conflist")),
                same("a dangling symlink before the match", "net", dir().link("05.conflist", "nowhere")
                        .file("10.conflist", LIST), broken("05.conflist")),
                same("a dangling symlink after the match", "net", dir().file("10.conflist", LIST)
                        .link("20.conflist", "nowhere"), wins("10.conflist")),
                same("an empty file before the match", "net", dir().file("05.conflist", "")
                        .file("10.conflist", LIST), broken("05.conflist")),
                // what a list must be
                same("a conf without type", "net", dir().file("10.conf", "{\"cniVersion\":\"1.0.0\",\"name\":\"net\"}"),
                        broken("10.conf")),
                same("a conf with an empty type", "net", dir().file("10.conf", "{\"name\":\"net\",\"type\":\"\"}"),
                        broken("10.conf")),
                same("a list without name", "net", dir().file("10.conflist", "{\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("a list with a null name", "net", dir().file("10.conflist", "{\"name\":null,\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("a list with a number for name", "net", dir().file("10.conflist", "{\"name\":5,\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("a list without plugins", "net", dir().file("10.conflist", "{\"name\":\"net\"}"), broken("10.conflist")),
                same("null plugins", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":null}"), broken("10.conflist")),
                same("plugins an object", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":{}}"), broken("10.conflist")),
                same("no plugins", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[]}"), broken("10.conflist")),
                same("a plugin without type", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[{\"type\":\"A\"},{\"x\":1}]}"),
                        broken("10.conflist")),
                same("a plugin with an empty type", "net", dir().file("10.conflist", list("net", "")), broken("10.conflist")),
                same("a plugin with a number for type", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[{\"type\":5}]}"),
                        broken("10.conflist")),
                same("a plugin that is a number", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[5]}"),
                        broken("10.conflist")),
                same("a plugin that is null", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[null]}"),
                        broken("10.conflist")),
                same("a capability that is not a boolean", "net", plugin("\"capabilities\":{\"mac\":\"yes\"}"), broken("10.conflist")),
                same("ipam that is not an object", "net", plugin("\"ipam\":\"host-local\""), broken("10.conflist")),
                same("ipam type that is not a string", "net", plugin("\"ipam\":{\"type\":5}"), broken("10.conflist")),
                same("dns nameservers not a list", "net", plugin("\"dns\":{\"nameservers\":\"1.1.1.1\"}"), broken("10.conflist")),
                same("a plugin name that is not a string", "net", plugin("\"name\":5"), broken("10.conflist")),
                same("a plugin cniVersion that is not a string", "net", plugin("\"cniVersion\":1"), broken("10.conflist")),
                same("a prevResult that is not an object", "net", plugin("\"prevResult\":[]"), broken("10.conflist")),
                same("well-typed capabilities, ipam and dns", "net", plugin("\"capabilities\":{\"mac\":true,\"ips\":null},"
                        + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"192.0.2.0/24\"},\"dns\":{\"nameservers\":[\"192.0.2.53\"],"
                        + "\"domain\":\"example\",\"search\":[\"example\"],\"options\":null},\"prevResult\":null,\"x\":[1,2.5,{\"y\":null}]"),
                        wins("10.conflist")),
                same("a list without cniVersion", "net", dir().file("10.conflist", list("net", "A")), wins("10.conflist")),
                same("an empty cniVersion", "net", dir().file("10.conflist", "{\"cniVersion\":\"\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}"),
                        wins("10.conflist")),
                same("a number for cniVersion", "net", dir().file("10.conflist", "{\"cniVersion\":1,\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("a null cniVersion", "net", dir().file("10.conflist", "{\"cniVersion\":null,\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("disableCheck true", "net", dir().file("10.conflist", "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"disableCheck\":true,\"plugins\":[{\"type\":\"A\"}]}"),
                        wins("10.conflist")),
                same("disableCheck a string", "net", dir().file("10.conflist", "{\"name\":\"net\",\"disableCheck\":\"true\",\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("disableCheck null", "net", dir().file("10.conflist", "{\"name\":\"net\",\"disableCheck\":null,\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("disableCheck a number", "net", dir().file("10.conflist", "{\"name\":\"net\",\"disableCheck\":1,\"plugins\":[{\"type\":\"A\"}]}"),
                        broken("10.conflist")),
                same("disableCheck in a conf is not the network's", "net", dir().file("10.conf",
                        "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"type\":\"A\",\"disableCheck\":true}"), wins("10.conf")),
                same("a conf without cniVersion", "net", dir().file("10.conf", "{\"name\":\"net\",\"type\":\"A\"}"), wins("10.conf")),
                same("a conf with more fields", "net", dir().file("10.conf", "{\"type\":\"A\",\"name\":\"net\",\"z\":1.50,\"a\":\"<&>\"}"),
                        wins("10.conf")),
                // what a document must be
                same("a list that is a JSON array", "net", dir().file("10.conflist", "[]"), broken("10.conflist")),
                same("a list that is null", "net", dir().file("10.conflist", "null"), broken("10.conflist")),
                same("an empty list file", "net", dir().file("10.conflist", ""), broken("10.conflist")),
                same("a comment", "net", dir().file("10.conflist", "// c\n" + LIST), broken("10.conflist")),
                same("a trailing comma", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[{\"type\":\"A\"},]}"),
                        broken("10.conflist")),
                same("a conf that is null", "net", dir().file("10.conf", "null"), broken("10.conf")),
                same("a conf that is a JSON array", "net", dir().file("10.conf", "[]"), broken("10.conf")),
                same("a conf with a number for name", "net", dir().file("10.conf", "{\"name\":5,\"type\":\"A\"}"), broken("10.conf")),
                same("a conf holding a list", "net", dir().file("10.conf", LIST), broken("10.conf")),
                // where we differ on purpose
                differs("the match has an empty name", "", dir().file("10.conflist", list("", "A")), wins("10.conflist"),
                        broken("10.conflist"), "a network needs a valid name (spec); libcni refuses it only when run"),
                differs("a nameless conf asked for by the empty name", "", dir().file("10.conf", "{\"type\":\"A\"}"),
                        wins("10.conf"), broken("10.conf"), "a network needs a valid name (spec); libcni refuses it only when run"),
                differs("the match has a name with spaces", "my net/ü", dir().file("10.conflist", list("my net/ü", "A")),
                        wins("10.conflist"), broken("10.conflist"), "the spec's name characters; libcni checks them only when run"),
                differs("the match has an unknown version", "net", dir().file("10.conflist",
                        "{\"cniVersion\":\"banana\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}"), wins("10.conflist"),
                        broken("10.conflist"), "a version we do not speak fails at load; libcni fails when run"),
                differs("field names in upper case", "net", dir().file("10.conflist", "{\"name\":\"net\",\"plugins\":[{\"TYPE\":\"A\"}]}"),
                        wins("10.conflist"), broken("10.conflist"), "fields by the spec's exact names; Go's decoder ignores case"),
                differs("a conf's field names in upper case", "net", dir().file("10.conf",
                        "{\"NAME\":\"net\",\"Type\":\"A\",\"CNIVERSION\":\"0.4.0\"}"), wins("10.conf"), broken("10.conf"),
                        "fields by the spec's exact names; Go's decoder ignores case"),
                differs("a key given twice", "net", dir().file("10.conflist", "{\"name\":\"other\",\"name\":\"net\",\"plugins\":[{\"type\":\"A\"}]}"),
                        wins("10.conflist"), broken("10.conflist"), "an ambiguous document is refused; Go keeps the last"),
                differs("a byte-order mark", "net", dir().file("10.conflist", "\uFEFF" + LIST), broken("10.conflist"),
                        wins("10.conflist"), "jackson skips a UTF-8 byte-order mark, which RFC 8259 allows"),
                same("text after the object", "net", dir().file("10.conflist", LIST + " x"), broken("10.conflist")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAsLibcniDoes(Case c) throws IOException {
        Path dir = root.resolve("net.d");
        if (c.dir() != null) {
            c.dir().build(dir);
        }

        Command.Result go = LibcniDriver.run("load", dir.toString(), c.network());
        Map<String, Object> driver = Json.object(go.output().getBytes(StandardCharsets.UTF_8), "driver output");
        Network libcni = null;
        if (c.libcni() instanceof Wins(String file)) {
            assertThat(go.exitCode()).as("libcni: %s", driver).isZero();
            libcni = new Network((String) driver.get("name"), (String) driver.get("cniVersion"),
                    (Boolean) driver.get("disableCheck"), (List<?>) driver.get("plugins"),
                    Base64.getDecoder().decode((String) driver.get("bytes")));
            assertFrom(libcni, dir.resolve(file), "libcni");
        } else if (c.libcni() instanceof Fails(Kind kind, String file)) {
            assertThat(go.exitCode()).as("libcni: %s", driver).isEqualTo(1);
            assertThat(kindOf(driver)).as("libcni: %s", driver).isEqualTo(kind);
        }

        NetworkConfigList loaded = null;
        CniException failure = null;
        try {
            loaded = NetworkConfigList.load(dir, c.network());
        } catch (CniException e) {
            failure = e;
        }
        if (c.ours() instanceof Wins(String file)) {
            assertThat(failure).as("ours").isNull();
            Network ours = new Network(loaded.name(), loaded.cniVersion(), loaded.disableCheck(), loaded.plugins(),
                    loaded.bytes());
            assertFrom(ours, dir.resolve(file), "ours");
            if (libcni != null) {
                assertThat(ours.name()).isEqualTo(libcni.name());
                assertThat(ours.cniVersion()).isEqualTo(libcni.cniVersion());
                assertThat(ours.disableCheck()).isEqualTo(libcni.disableCheck());
                assertThat(normalized(ours.plugins())).isEqualTo(normalized(libcni.plugins()));
            }
        } else if (c.ours() instanceof Fails(Kind kind, String file)) {
            assertThat(failure).as("ours loaded %s", loaded).isNotNull();
            assertThat(kindOf(failure)).as(failure.getMessage()).isEqualTo(kind);
            if (kind == Kind.BROKEN) {
                assertThat(failure.getMessage()).contains((file == null ? dir : dir.resolve(file)).toString());
            } else {
                assertThat(failure.getMessage()).isEqualTo(driver.get("message"));
                assertThat(failure.code()).isEqualTo(CniException.INVALID_CONFIG);
            }
        }
    }

    /** What one side loaded. */
    private record Network(String name, String cniVersion, boolean disableCheck, List<?> plugins, byte[] bytes) {
    }

    /** {@code network} came from {@code file}: a list's very bytes, or a conf as the only plugin. */
    private static void assertFrom(Network network, Path file, String side) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".conflist")) {
            assertThat(network.bytes()).as(side + ": the bytes of " + file).isEqualTo(content);
        } else {
            assertThat(normalized(network.plugins())).as(side + ": the plugin of " + file)
                    .isEqualTo(normalized(List.of(Json.object(content, file.toString()))));
        }
    }

    private static Kind kindOf(Map<String, Object> driver) {
        return switch ((String) driver.get("kind")) {
            case "NotFoundError" -> Kind.NOT_FOUND;
            case "NoConfigsFoundError" -> Kind.NO_CONFIGS;
            default -> Kind.BROKEN;
        };
    }

    private static Kind kindOf(CniException e) {
        if (e.getMessage().startsWith("no net configurations found in ")) {
            return Kind.NO_CONFIGS;
        }
        return e.getMessage().startsWith("no net configuration with name ") ? Kind.NOT_FOUND : Kind.BROKEN;
    }

    /** JSON values with numbers compared by value (Go reads every number as a float64). */
    private static Object normalized(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalized(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigLoadingIT::normalized).toList();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value;
    }
}
