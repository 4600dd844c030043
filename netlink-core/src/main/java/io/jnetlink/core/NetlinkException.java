package io.jnetlink.core;

/** The root of every exception this library throws for a failed operation. */
public class NetlinkException extends RuntimeException {

    public NetlinkException(String message) {
        super(message);
    }

    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With {@code stackTrace} false, no stack trace is taken (an expected answer, never thrown to users). */
    NetlinkException(String message, Throwable cause, boolean stackTrace) {
        super(message, cause, true, stackTrace);
    }
}
