package io.jnetlink.cni.types;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin call's runtime arguments, as the {@code CNI_*} environment variables carry them (the
 * command comes separately, as a {@link CniCommand}). {@link #validate} checks them as the spec and
 * the reference plugins do for a command: required variables, container id characters, interface
 * name rules; errors carry code 4 and name the variable. Plugins
 * validate every call before they act on it (see {@code io.jnetlink.cni.skel.Skel}).
 *
 * <pre>{@code
 * CniArgs args = CniArgs.of(containerId, "/run/netns/blue", "eth0").withPath("/opt/cni/bin");
 * }</pre>
 *
 * @param containerId {@code CNI_CONTAINERID}
 * @param netns       {@code CNI_NETNS}: the container's network namespace path (may be empty for DEL)
 * @param ifName      {@code CNI_IFNAME}: the interface to create inside the container
 * @param args        {@code CNI_ARGS}: {@code KEY=VALUE} pairs separated by {@code ;}
 * @param path        {@code CNI_PATH}: directories where plugins (IPAM) are found, {@code :}-separated
 */
public record CniArgs(String containerId, String netns, String ifName, String args, String path) {

    /** No container, namespace or interface: for STATUS, GC and VERSION. */
    public static final CniArgs NONE = new CniArgs("", "", "", "", "");

    public CniArgs {
        containerId = containerId == null ? "" : containerId;
        netns = netns == null ? "" : netns;
        ifName = ifName == null ? "" : ifName;
        args = args == null ? "" : args;
        path = path == null ? "" : path;
    }

    /** For container {@code containerId}, its namespace path {@code netns}, interface {@code ifName}. */
    public static CniArgs of(String containerId, String netns, String ifName) {
        return new CniArgs(containerId, netns, ifName, "", "");
    }

    /** The {@code CNI_*} variables of {@code env} (the command is read by {@link #command(Map)}). */
    public static CniArgs fromEnvironment(Map<String, String> env) {
        return new CniArgs(env.get("CNI_CONTAINERID"), env.get("CNI_NETNS"), env.get("CNI_IFNAME"),
                env.get("CNI_ARGS"), env.get("CNI_PATH"));
    }

    /** {@code CNI_COMMAND} of {@code env}; code 4 if it is missing or none of the spec's commands. */
    public static CniCommand command(Map<String, String> env) {
        String command = env.get("CNI_COMMAND");
        if (command == null || command.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "required env variables [CNI_COMMAND] missing");
        }
        return CniCommand.parse(command);
    }

    /** The same arguments with {@code CNI_ARGS} set to {@code args} ({@code K=V;K=V}). */
    public CniArgs withArgs(String args) {
        return new CniArgs(containerId, netns, ifName, args, path);
    }

    /** The same arguments with {@code CNI_PATH} set to {@code path} ({@code :}-separated directories). */
    public CniArgs withPath(String path) {
        return new CniArgs(containerId, netns, ifName, args, path);
    }

    /** The checks a plugin makes of its arguments for {@code command}; returns this. */
    public CniArgs validate(CniCommand command) {
        boolean perAttachment = command.perAttachment();
        List<String> missing = new ArrayList<>();
        if (perAttachment && containerId.isEmpty()) {
            missing.add("CNI_CONTAINERID");
        }
        if ((command == CniCommand.ADD || command == CniCommand.CHECK) && netns.isEmpty()) {
            missing.add("CNI_NETNS");
        }
        if (perAttachment && ifName.isEmpty()) {
            missing.add("CNI_IFNAME");
        }
        if (command != CniCommand.VERSION && path.isEmpty()) {
            missing.add("CNI_PATH");
        }
        if (!missing.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "required env variables " + missing + " missing");
        }
        if (perAttachment) {
            if (!CniNames.isValidName(containerId)) {
                throw new CniException(CniException.INVALID_ENVIRONMENT,
                        "CNI_CONTAINERID: invalid characters in containerID", containerId);
            }
            String problem = CniNames.interfaceNameProblem(ifName);
            if (problem != null) {
                throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_IFNAME: " + problem, ifName);
            }
        }
        keyValues(); // CNI_ARGS must parse
        return this;
    }

    /** {@code CNI_ARGS} as key/value pairs, in order; code 4 naming {@code CNI_ARGS} if malformed. */
    public Map<String, String> keyValues() {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (args.isEmpty()) {
            return pairs;
        }
        for (String pair : args.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_ARGS: invalid pair \"" + pair + "\"",
                        "expected KEY=VALUE pairs separated by ;");
            }
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }

    /**
     * The variables that are set, as a shell would pass them:
     * {@code CNI_CONTAINERID=c1 CNI_NETNS=/run/netns/blue CNI_IFNAME=eth0 CNI_PATH=/opt/cni/bin};
     * {@code no CNI_* variables} if none is.
     */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>();
        String[][] variables = {{"CNI_CONTAINERID", containerId}, {"CNI_NETNS", netns}, {"CNI_IFNAME", ifName},
                {"CNI_ARGS", args}, {"CNI_PATH", path}};
        for (String[] v : variables) {
            if (!v[1].isEmpty()) {
                set.add(v[0] + "=" + v[1]);
            }
        }
        return set.isEmpty() ? "no CNI_* variables" : String.join(" ", set);
    }

    /** {@code CNI_PATH}'s directories, in order, empty entries skipped. */
    public List<Path> pluginPath() {
        return pluginPath(path);
    }

    /** The directories of a {@code :}-separated plugin path such as {@code CNI_PATH}, in order, empty entries skipped. */
    public static List<Path> pluginPath(String path) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }
}
