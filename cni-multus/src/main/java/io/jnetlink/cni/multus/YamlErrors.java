package io.jnetlink.cni.multus;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;

import java.util.Optional;

/**
 * snakeyaml-engine's errors in our words: where (line, column, counted from 1) and what the YAML
 * was missing, without its snippets, its class names or the Java exceptions it lets out for a
 * tagged value it cannot construct ({@code !!int x}).
 */
final class YamlErrors {

    private YamlErrors() {
    }

    /**
     * {@code at line 1, column 8: expected ',' or ']', but got <stream end> (in a flow sequence
     * from line 1, column 4)} for what {@code Load} threw.
     */
    static String reason(RuntimeException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            String problem = marked.getProblem() == null ? "" : marked.getProblem().strip();
            String context = marked.getContext() == null ? "" : marked.getContext().strip();
            String where = at(marked.getProblemMark()).orElse(at(marked.getContextMark()).orElse(""));
            String text = problem.isEmpty() ? context : problem;
            if (!problem.isEmpty() && !context.isEmpty()) {
                String from = at(marked.getContextMark()).filter(m -> !m.equals(where))
                        .map(m -> " from" + m.substring(" at".length())).orElse("");
                text += " (" + context.replaceFirst("^while (?:parsing|scanning|constructing) (an? )", "in $1") + from
                        + ")";
            }
            return where + ": " + text;
        }
        if (e instanceof YamlVersionException version) {
            return ": YAML version " + version.getSpecVersion().getRepresentation() + " is not supported (1.x is)";
        }
        return ": a value cannot be read as its tag says (such as !!int, !!float or !!binary)";
    }

    /** {@code  at line L, column C}, counted from 1. */
    private static Optional<String> at(Optional<Mark> mark) {
        return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1));
    }
}
