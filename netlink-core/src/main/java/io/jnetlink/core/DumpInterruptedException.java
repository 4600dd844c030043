package io.jnetlink.core;

/** A dump was interrupted ({@code NLM_F_DUMP_INTR}) by concurrent changes on every attempt. */
public final class DumpInterruptedException extends NetlinkException {

    public DumpInterruptedException(String operation, int attempts) {
        super(operation + " dump was interrupted by concurrent changes (NLM_F_DUMP_INTR) "
                + attempts + " times in a row; giving up");
    }
}
