package io.jnetlink.macvlan;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/** Kernel bit fields as sets of named flags and back: the one loop every flag enum uses. */
final class Bits {

    private Bits() {
    }

    /** The constants of {@code type} whose bit is set in {@code bits}, unmodifiable (unnamed bits left out). */
    static <E extends Enum<E>> Set<E> named(Class<E> type, int bits, ToIntFunction<E> bitOf) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((bits & bitOf.applyAsInt(e)) != 0) {
                set.add(e);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /** The bits of {@code set}. */
    static <E> int of(Collection<E> set, ToIntFunction<E> bitOf) {
        int bits = 0;
        for (E e : set) {
            bits |= bitOf.applyAsInt(e);
        }
        return bits;
    }
}
