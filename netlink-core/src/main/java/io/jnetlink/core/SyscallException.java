package io.jnetlink.core;

/**
 * A system call failed. The message names the call and the errno; where the cause can be put in
 * words ({@code network namespace blue does not exist}) it leads with them and ends with the call
 * and the errno's name.
 */
public final class SyscallException extends ErrnoException {

    private final String call;
    private final String explanation;

    public SyscallException(String call, int errno) {
        this(call, errno, null);
    }

    /**
     * @param explanation the failure in words, e.g. {@code network namespace blue does not exist},
     *                    or null to say only which call failed with which errno
     */
    public SyscallException(String call, int errno, String explanation) {
        super(null, new Errno(errno), null);
        this.call = call;
        this.explanation = explanation;
    }

    /** {@code explanation (call: ENAME)}, or {@code call failed: ENAME (description)}; built when asked for. */
    @Override
    public String getMessage() {
        return explanation != null ? explanation + " (" + call + ": " + errno().name() + ")"
                : call + " failed: " + errno();
    }

    /** The call that failed, e.g. {@code setns} or {@code open /run/netns/x}. */
    public String call() {
        return call;
    }
}
