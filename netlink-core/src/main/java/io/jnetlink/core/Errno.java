package io.jnetlink.core;

import io.jnetlink.core.internal.Syscalls;

/**
 * A Linux error number with its symbolic name and description, as the C library knows them
 * ({@code strerrorname_np}, {@code strerrordesc_np}).
 *
 * @param number the positive errno value
 */
public record Errno(int number) {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ELOOP = 40;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENOBUFS = 105;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int EHOSTUNREACH = 113;

    /** The symbolic name, e.g. {@code EEXIST}; {@code E<number>} when unknown. */
    public String name() {
        String name = Syscalls.errnoName(number);
        return name != null ? name : "E" + number;
    }

    /** The C library's description, e.g. {@code File exists}. */
    public String description() {
        String text = Syscalls.errnoDescription(number);
        return text != null ? text : "Unknown error " + number;
    }

    @Override
    public String toString() {
        return name() + " (" + description() + ")";
    }
}
