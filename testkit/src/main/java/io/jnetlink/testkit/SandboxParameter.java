package io.jnetlink.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;

/**
 * Test parameters of your own type built on the test's {@link Sandbox}: register a subclass with
 * {@code @ExtendWith} beside {@link NetworkSandbox} (which gates on the privileges and closes the
 * sandbox). One value per test; a value that is {@link AutoCloseable} is closed with the sandbox,
 * before its namespaces go, whatever the test's outcome.
 * <pre>{@code
 * public final class RtNetlinkParameter extends SandboxParameter<RtNetlink> {
 *     public RtNetlinkParameter() {
 *         super(RtNetlink.class);
 *     }
 *
 *     @Override
 *     protected RtNetlink create(Sandbox box) {
 *         return RtNetlink.open(box.ns());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the parameter type
 */
public abstract class SandboxParameter<T> implements ParameterResolver {

    private final Class<T> type;

    /** Resolves parameters declared exactly as {@code type}. */
    protected SandboxParameter(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Makes this test's value on {@code box}, the test's sandbox; called once per test. */
    protected abstract T create(Sandbox box);

    @Override
    public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestSandbox.of(context).value(getClass(), type, box -> {
            T value = create(box);
            if (value instanceof AutoCloseable closeable) {
                box.closeLater(closeable);
            }
            return value;
        });
    }
}
