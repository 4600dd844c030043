package io.jnetlink.core;

/** A failure that the kernel reported with an error number. */
public abstract class ErrnoException extends NetlinkException {

    private final Errno errno;

    protected ErrnoException(String message, Errno errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** Without a stack trace: see {@link NetlinkErrorException}'s expected answers. */
    ErrnoException(String message, Errno errno) {
        super(message, null, false);
        this.errno = errno;
    }

    /** The error number, name and description. */
    public Errno errno() {
        return errno;
    }

    /** Shortcut for {@code errno().name()}, e.g. {@code EEXIST}. */
    public String errnoName() {
        return errno.name();
    }
}
