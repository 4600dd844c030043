package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.plugins.macvlan.MacvlanConfig;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.libcni.NetworkConfigList;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of every parser of the cni module, one input through all of them:
 * plugin configs (with and without static {@code CNI_ARGS}), config lists, results (converted
 * to every supported version), {@code CNI_ARGS}, the Multus annotations and
 * NetworkAttachmentDefinitions (YAML). Seeds ({@code CniParserFuzzTestInputs/parsers}) are
 * the documents {@link HostileInputTest} mutates and the inputs of past findings
 * ({@code found-*}); every build replays them and the {@code fuzz} execution of surefire runs
 * Jazzer for {@code fuzz.seconds} (60 s; 300 s under -Pstress), guided by coverage of these
 * parsers and of jackson-jr and snakeyaml-engine beneath them. Only a {@link CniException} may
 * escape; an input over 10 s is a hang.
 */
class CniParserFuzzTest {

    private static final CniArgs ADD = new CniArgs("ctr1", "/run/netns/x", "eth0", "", "/opt/cni/bin");
    private static final CniArgs ADD_WITH_ARGS = new CniArgs("ctr1", "/run/netns/x", "eth0",
            "IgnoreUnknown=1;IP=192.0.2.9/24;GATEWAY=192.0.2.1", "/opt/cni/bin");

    @FuzzTest(maxDuration = "60s")
    void parsers(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        refusedOrParsed(() -> Configs.macvlan(input, ADD));
        refusedOrParsed(() -> Configs.macvlan(input, ADD_WITH_ARGS));
        refusedOrParsed(() -> NetworkConfigList.parse(input, "f"));
        refusedOrParsed(() -> NetworkConfigList.fromConf(input, "f"));
        refusedOrParsed(() -> {
            CniResult result = CniResult.fromJson(Json.object(input, "result"), "result");
            for (String version : CniVersion.SUPPORTED) {
                result.withVersion(version).toJson();
            }
        });
        refusedOrParsed(() -> new CniArgs("ctr1", "/n", "eth0", text, "/x").validate(CniCommand.ADD));
        refusedOrParsed(() -> Multus.networks(text, "pods"));
        refusedOrParsed(() -> Multus.defaultNetwork(text, "pods"));
        refusedOrParsed(() -> NetworkAttachmentDefinition.parse(text).network());
    }

    private static void refusedOrParsed(Runnable parse) {
        try {
            parse.run();
        } catch (CniException refused) {
            // the parser's own refusal, with a CNI code: allowed
        }
    }
}
