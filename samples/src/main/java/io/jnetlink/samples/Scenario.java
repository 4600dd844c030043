package io.jnetlink.samples;

/**
 * One claim of the seed notes, checked with real packets in a {@link Lab}.
 *
 * @param <O> what a run observes
 */
public interface Scenario<O> {

    /** Number and short name, e.g. {@code 4 VEPA + hairpin}. */
    String title();

    /** What the notes say. */
    String claim();

    /** Builds the scenario's topology in {@code lab} and observes it. */
    O observe(Lab lab) throws Exception;

    /** The observation in a few words. */
    String describe(O observation);

    /** Whether the observation bears the claim out. */
    boolean holds(O observation);

    /** Runs one scenario in a lab of its own and prints its row; exit code 1 if it does not hold. */
    static <O> void runAlone(Scenario<O> scenario) throws Exception {
        O observation;
        try (Lab lab = Lab.open()) {
            observation = scenario.observe(lab);
        }
        boolean holds = scenario.holds(observation);
        System.out.println(scenario.title() + ": " + scenario.claim());
        System.out.println("  observed: " + scenario.describe(observation) + " -> " + (holds ? "PASS" : "FAIL"));
        if (!holds) {
            System.exit(1);
        }
    }
}
