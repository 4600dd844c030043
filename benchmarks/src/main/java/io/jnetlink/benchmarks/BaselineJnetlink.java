package io.jnetlink.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another build of jnetlink (an older benchmarks.jar, which bundles the library) as a
 * {@link Compare} contender in the same JVM and the same run, so old and new meet the same
 * machine state. Loaded in a class loader of its own and called reflectively (by name, through
 * the API either layout has: {@code links().createAll} or {@code bulk().createAll}); a call costs
 * well under a microsecond, against ~200 µs of kernel work per link.
 */
final class BaselineJnetlink implements Compare.Contender {

    private final String label;
    private final boolean batched;
    private final ClassLoader loader;

    BaselineJnetlink(Path jar, String label, boolean batched) throws Exception {
        this.label = label;
        this.batched = batched;
        this.loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    public String tool() {
        return "jnetlink " + label;
    }

    @Override
    public String mode() {
        return batched ? "batched 128/sendmsg, bulk delete" : "one at a time";
    }

    @Override
    public void create(BenchNamespace box, List<String> names) throws Exception {
        try (AutoCloseable rt = open(box)) {
            Object links = call(rt, "links");
            if (batched) {
                List<Object> specs = new ArrayList<>();
                for (String name : names) {
                    specs.add(macvlan(name));
                }
                check(call(bulk(rt, links, "createAll"), "createAll", specs, 128));
            } else {
                Object parent = call(links, "require", BenchNamespace.PARENT);
                Method add = method(links.getClass(), "add", 2);
                for (String name : names) {
                    add.invoke(links, macvlan(name), parent);
                }
            }
        }
    }

    @Override
    public void delete(BenchNamespace box, List<String> names) throws Exception {
        try (AutoCloseable rt = open(box)) {
            Object links = call(rt, "links");
            if (batched) {
                check(call(bulk(rt, links, "deleteAll"), "deleteAll", names));
            } else {
                Method delete = method(links.getClass(), "delete", 1);
                for (String name : names) {
                    delete.invoke(links, name);
                }
            }
        }
    }

    private AutoCloseable open(BenchNamespace box) throws Exception {
        Class<?> rtClass = loader.loadClass("io.jnetlink.macvlan.RtNetlink");
        return (AutoCloseable) rtClass.getMethod("openNamed", String.class).invoke(null, box.name());
    }

    private Object macvlan(String name) throws Exception {
        return loader.loadClass("io.jnetlink.macvlan.Macvlan").getMethod("of", String.class, String.class)
                .invoke(null, name, BenchNamespace.PARENT);
    }

    /** Where bulk operations live in that build: {@code rt.bulk()} or, before it, {@code rt.links()}. */
    private static Object bulk(Object rt, Object links, String operation) throws Exception {
        for (Method m : links.getClass().getMethods()) {
            if (m.getName().equals(operation)) {
                return links;
            }
        }
        return call(rt, "bulk");
    }

    private static void check(Object batchResult) throws Exception {
        if (!(Boolean) call(batchResult, "allSucceeded")) {
            throw new IllegalStateException("baseline batch failed: " + batchResult);
        }
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        try {
            return method(target.getClass(), name, args.length).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The public method {@code name} taking {@code arity} arguments (unique in both layouts). */
    private static Method method(Class<?> type, String name, int arity) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                return m;
            }
        }
        throw new IllegalStateException("the baseline build has no " + type.getSimpleName() + "." + name + "/" + arity);
    }
}
