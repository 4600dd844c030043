package io.jnetlink.samples;

import java.util.List;

/**
 * Runs every scenario of the seed notes, each in a fresh lab of sandbox namespaces, and prints
 * one row per scenario: what the notes say, what was observed, PASS or FAIL. Exits 1 if any row
 * fails, 2 without root.
 */
public final class Demo {

    /** The scenarios, in the notes' order. */
    public static final List<Scenario<?>> SCENARIOS = List.of(new BridgeMode(), new HostIsolation(), new HostShim(),
            new VepaHairpin(), new PrivateMode(), new Passthru(), new ParentDown(), new DockerNetwork(),
            new BootEnsure(), new MultusPods(), new DhcpAddresses(), new MultiHomedPod());

    private static final String FORMAT = "%-19s %-58s %-72s %s%n";

    private Demo() {
    }

    public static void main(String[] args) {
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("demo: needs root (it creates network namespaces and links); run: sudo ./demo");
            System.exit(2);
        }
        System.out.printf(FORMAT, "scenario", "the notes say", "observed", "result");
        boolean all = true;
        for (Scenario<?> scenario : SCENARIOS) {
            all &= row(scenario);
        }
        System.exit(all ? 0 : 1);
    }

    private static <O> boolean row(Scenario<O> scenario) {
        String observed;
        boolean pass;
        try (Lab lab = Lab.open()) {
            O observation = scenario.observe(lab);
            observed = scenario.describe(observation);
            pass = scenario.holds(observation);
        } catch (Exception e) {
            observed = "error: " + e.getMessage();
            pass = false;
        }
        System.out.printf(FORMAT, scenario.title(), scenario.claim(), observed, pass ? "PASS" : "FAIL");
        return pass;
    }
}
