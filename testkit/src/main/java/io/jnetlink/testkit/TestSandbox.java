package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The sandbox of one test, kept in the store of that test method's JUnit context: made for the
 * first parameter that needs it, with the values made on it (one per key). Closing removes it all
 * and checks that none of its namespaces is left; JUnit also closes it with the context, so it
 * goes even where no {@link SandboxExtension} closes it.
 */
final class TestSandbox implements AutoCloseable {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(TestSandbox.class);

    private final Sandbox box;
    private final Map<Object, Object> made = new HashMap<>();
    private boolean closed;

    private TestSandbox(Sandbox box) {
        this.box = box;
    }

    /** The sandbox of the test {@code context} belongs to, made now if it has none yet. */
    static TestSandbox of(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a sandbox belongs to one test: take it in a @Test, @BeforeEach "
                    + "or @AfterEach method, not in " + context.getDisplayName());
        }
        ExtensionContext.Store store = context.getStore(STORE);
        TestSandbox test = store.get(TestSandbox.class, TestSandbox.class);
        if (test == null) { // one thread resolves one test's parameters: no race
            test = new TestSandbox(Sandbox.create());
            store.put(TestSandbox.class, test);
        }
        return test;
    }

    /** Closes the sandbox of the test {@code context} belongs to, if it has one. */
    static void closeIn(ExtensionContext context) {
        TestSandbox test = context.getStore(STORE).remove(TestSandbox.class, TestSandbox.class);
        if (test != null) {
            test.close();
        }
    }

    Sandbox box() {
        return box;
    }

    /** The value made for {@code key} in this test, made now by {@code make} if there is none. */
    <T> T value(Object key, Class<T> type, Function<Sandbox, T> make) {
        Object value = made.get(key);
        if (value == null) {
            value = Objects.requireNonNull(make.apply(box), () -> "no value made for " + key);
            made.put(key, value);
        }
        return type.cast(value);
    }

    /** Removes everything, then fails if a namespace of the sandbox is still there. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> names = box.namespaceNames();
        RuntimeException failure = null;
        try {
            box.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        List<String> left = names.stream().filter(NetNs::exists).toList();
        if (!left.isEmpty()) {
            AssertionError stillThere = new AssertionError("network namespaces of the test's sandbox are still there "
                    + "after its clean-up: " + left);
            if (failure != null) {
                stillThere.addSuppressed(failure);
            }
            throw stillThere;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
