package io.jnetlink.cni;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of every parser of the cni module, one input through all of them:
 * plugin configs (with and without static {@code CNI_ARGS}), sbr configs, config lists, results (converted
 * to every supported version), {@code CNI_ARGS}, container ids and interface names, the Multus annotations and
 * NetworkAttachmentDefinitions (YAML). Seeds ({@code CniParserFuzzTestInputs/parsers}) are
 * the documents {@link HostileInputTest} mutates and the inputs of past findings
 * ({@code found-*}); every build replays them and the {@code fuzz} execution of surefire runs
 * Jazzer for {@code fuzz.seconds} (60 s; 300 s under -Pstress), guided by coverage of these
 * parsers and of jackson-jr and snakeyaml-engine beneath them. Each parser takes the input or
 * refuses it with a {@link io.jnetlink.cni.types.CniException} of one of the codes {@link Parser}
 * allows it (the same oracle as {@link HostileInputTest}); any other code or exception is a
 * finding, and so is an input over 10 s (a hang).
 */
class CniParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsers(byte[] input) {
        for (Parser parser : Parser.values()) {
            parser.takesOrRefuses(input);
        }
    }
}
