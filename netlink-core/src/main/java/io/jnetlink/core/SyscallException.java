package io.jnetlink.core;

/** A system call failed; the message names the call, the errno name and its description. */
public final class SyscallException extends ErrnoException {

    private final String call;

    public SyscallException(String call, int errno) {
        this(call, new Errno(errno), null);
    }

    private SyscallException(String call, Errno errno, Throwable cause) {
        super(null, errno, cause);
        this.call = call;
    }

    /** The call, the errno's name and description; built when asked for. */
    @Override
    public String getMessage() {
        return call + " failed: " + errno();
    }

    /** The call that failed, e.g. {@code setns} or {@code open(/run/netns/x)}. */
    public String call() {
        return call;
    }
}
