package io.jnetlink.cni;

import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsers of the cni module that hostile input reaches, and the spec's codes each may refuse
 * it with: 1 for a version it does not speak, 4 for a {@code CNI_*} variable, 6 for what does not
 * decode, 7 for a config that decodes but is invalid. Nothing else may escape: not 2 (no parser
 * refuses a field's value as unsupported rather than invalid), not 5 (no parser does I/O), not a
 * plugin's own code (100 and up), not a runtime exception. {@link HostileInputTest} and
 * {@link CniParserFuzzTest} both hold the parsers to this.
 */
enum Parser {

    /** A macvlan plugin config of an ADD, as the plugin checks it, without and with static {@code CNI_ARGS}. */
    PLUGIN_CONFIG(Set.of(1, 6, 7)) {
        @Override
        void parse(byte[] input) {
            Configs.macvlan(input, ADD);
            Configs.macvlan(input, ADD_WITH_ARGS);
        }
    },
    /** An sbr plugin config of an ADD (its {@code gateway}, {@code preserveDefaultRoutes} and {@code prevResult}). */
    SBR_CONFIG(Set.of(1, 6, 7)) {
        @Override
        void parse(byte[] input) {
            Configs.sbr(input, ADD);
        }
    },
    /** A config list, and a single config as a list. */
    CONFIG_LIST(Set.of(1, 6, 7)) {
        @Override
        void parse(byte[] input) {
            NetworkConfigList.parse(input, "f");
            NetworkConfigList.fromConf(input, "f");
        }
    },
    /** A plugin's result, converted to every supported version. */
    RESULT(Set.of(1, 6, 7)) {
        @Override
        void parse(byte[] input) {
            CniResult result = CniResult.fromJson(Json.object(input, "result"), "result");
            for (String version : CniVersion.SUPPORTED) {
                result.withVersion(version).toJson();
            }
        }
    },
    /** {@code CNI_ARGS} of an ADD. */
    CNI_ARGS(Set.of(4)) {
        @Override
        void parse(byte[] input) {
            new CniArgs("ctr1", "/n", "eth0", text(input), "/x").validate(CniCommand.ADD);
        }
    },
    /** {@code CNI_CONTAINERID}, then {@code CNI_IFNAME}, of an ADD. */
    RUNTIME_ENVIRONMENT(Set.of(4)) {
        @Override
        void parse(byte[] input) {
            new CniArgs(text(input), "/n", "eth0", "", "/x").validate(CniCommand.ADD);
            new CniArgs("ctr1", "/n", text(input), "", "/x").validate(CniCommand.ADD);
        }
    },
    /** Multus' networks annotation (text or JSON) and default network annotation. */
    MULTUS_ANNOTATION(Set.of(6, 7)) {
        @Override
        void parse(byte[] input) {
            Multus.networks(text(input), "pods");
            Multus.defaultNetwork(text(input), "pods");
        }
    },
    /** A NetworkAttachmentDefinition (YAML or JSON) and the network config it holds (whose version may be foreign). */
    NETWORK_ATTACHMENT_DEFINITION(Set.of(1, 6, 7)) {
        @Override
        void parse(byte[] input) {
            NetworkAttachmentDefinition.parse(text(input)).network();
        }
    };

    private static final CniArgs ADD = new CniArgs("ctr1", "/run/netns/x", "eth0", "", "/opt/cni/bin");
    private static final CniArgs ADD_WITH_ARGS = new CniArgs("ctr1", "/run/netns/x", "eth0",
            "IgnoreUnknown=1;IP=192.0.2.9/24;GATEWAY=192.0.2.1", "/opt/cni/bin");

    private final Set<Integer> codes;

    Parser(Set<Integer> codes) {
        this.codes = codes;
    }

    /** Parses {@code input} as this parser's callers do; may throw. */
    abstract void parse(byte[] input);

    /** Parses {@code input}: it is taken, or refused with one of this parser's codes and a message. */
    void takesOrRefuses(byte[] input) {
        try {
            parse(input);
        } catch (CniException refused) {
            assertThat(codes).as("%s refused with code %d: %s", this, refused.code(), refused.getMessage())
                    .contains(refused.code());
            assertThat(refused.getMessage()).as("%s refused with code %d", this, refused.code()).isNotBlank();
        }
    }

    /** The codes this parser may refuse input with. */
    Set<Integer> codes() {
        return codes;
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }
}
