package io.jnetlink.ipam;

/** An allocation, release or check that failed; the message says what was attempted and why. */
public class IpamException extends RuntimeException {

    public IpamException(String message) {
        super(message);
    }

    public IpamException(String message, Throwable cause) {
        super(message, cause);
    }
}
