package io.jnetlink.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * The JUnit 5 side of {@link NetworkSandbox} (usable alone with {@code @ExtendWith}): before each
 * test the privilege gate, then {@link Sandbox}, {@link VethParent} and {@link SandboxDirectory}
 * parameters made on the test's sandbox, and after each test the sandbox closed and checked gone.
 */
public final class SandboxExtension implements BeforeEachCallback, ParameterResolver, AfterEachCallback {

    /** A directory parameter's key: one directory per role and test. */
    private record Directory(String role) {
    }

    /** Made by JUnit. */
    public SandboxExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Prerequisites.requireNetAdmin();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Sandbox.class || type == VethParent.class
                || type == Path.class && parameter.isAnnotated(SandboxDirectory.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestSandbox test = TestSandbox.of(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Sandbox.class) {
            return test.box();
        }
        if (type == VethParent.class) {
            VethParent veth = parameter.findAnnotation(VethNames.class)
                    .map(names -> new VethParent(names.name(), names.peer())).orElse(VethParent.DEFAULT);
            return test.value(veth, VethParent.class, box -> {
                box.veth(veth.name(), veth.peer());
                return veth;
            });
        }
        String role = parameter.findAnnotation(SandboxDirectory.class).orElseThrow().value();
        return test.value(new Directory(role), Path.class, box -> box.directory(role));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestSandbox.closeIn(context);
    }
}
