package io.jnetlink.cni;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plugin call's runtime arguments, as the {@code CNI_*} environment variables carry them.
 * {@link #fromEnvironment} checks them as the spec and the reference plugins do: required
 * variables per command, container id characters, interface name rules; errors carry code 4
 * (or 3 for an empty container id) and name the variable.
 *
 * @param command     {@code CNI_COMMAND}: ADD, DEL, CHECK, STATUS, GC or VERSION
 * @param containerId {@code CNI_CONTAINERID}
 * @param netns       {@code CNI_NETNS}: the container's network namespace path (may be empty for DEL)
 * @param ifName      {@code CNI_IFNAME}: the interface to create inside the container
 * @param args        {@code CNI_ARGS}: {@code KEY=VALUE} pairs separated by {@code ;}
 * @param path        {@code CNI_PATH}: directories where plugins (IPAM) are found, {@code :}-separated
 */
public record CniArgs(String command, String containerId, String netns, String ifName, String args, String path) {

    private static final Pattern VALID_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
    private static final Set<String> COMMANDS = Set.of("ADD", "DEL", "CHECK", "STATUS", "GC", "VERSION");
    private static final int MAX_IFNAME = 15;

    public CniArgs {
        command = command == null ? "" : command;
        containerId = containerId == null ? "" : containerId;
        netns = netns == null ? "" : netns;
        ifName = ifName == null ? "" : ifName;
        args = args == null ? "" : args;
        path = path == null ? "" : path;
    }

    /** Reads and checks the {@code CNI_*} variables of {@code env}. */
    public static CniArgs fromEnvironment(Map<String, String> env) {
        CniArgs a = new CniArgs(env.get("CNI_COMMAND"), env.get("CNI_CONTAINERID"), env.get("CNI_NETNS"),
                env.get("CNI_IFNAME"), env.get("CNI_ARGS"), env.get("CNI_PATH"));
        a.validate();
        return a;
    }

    /** The checks {@link #fromEnvironment} makes, for arguments built in code. */
    public CniArgs validate() {
        boolean perContainer = command.equals("ADD") || command.equals("DEL") || command.equals("CHECK");
        List<String> missing = new ArrayList<>();
        if (command.isEmpty()) {
            missing.add("CNI_COMMAND");
        }
        if (perContainer && containerId.isEmpty()) {
            missing.add("CNI_CONTAINERID");
        }
        if ((command.equals("ADD") || command.equals("CHECK")) && netns.isEmpty()) {
            missing.add("CNI_NETNS");
        }
        if (perContainer && ifName.isEmpty()) {
            missing.add("CNI_IFNAME");
        }
        if (!command.equals("VERSION") && !command.isEmpty() && path.isEmpty()) {
            missing.add("CNI_PATH");
        }
        if (!missing.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "required env variables " + missing + " missing");
        }
        if (!COMMANDS.contains(command)) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_COMMAND: unknown command \"" + command
                    + "\"", "one of ADD, DEL, CHECK, STATUS, GC, VERSION");
        }
        if (perContainer) {
            if (!VALID_ID.matcher(containerId).matches()) {
                throw new CniException(CniException.INVALID_ENVIRONMENT,
                        "CNI_CONTAINERID: invalid characters in containerID", containerId);
            }
            validateIfName(ifName);
        }
        keyValues(); // CNI_ARGS must parse
        return this;
    }

    /** The same arguments for {@code command}. */
    public CniArgs withCommand(String command) {
        return new CniArgs(command, containerId, netns, ifName, args, path);
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

    private static void validateIfName(String ifName) {
        String problem = null;
        if (ifName.length() > MAX_IFNAME) {
            problem = "interface name is too long";
        } else if (ifName.equals(".") || ifName.equals("..")) {
            problem = "interface name is . or ..";
        } else if (ifName.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
            problem = "interface name contains / or : or whitespace characters";
        }
        if (problem != null) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_IFNAME: " + problem, ifName);
        }
    }
}
