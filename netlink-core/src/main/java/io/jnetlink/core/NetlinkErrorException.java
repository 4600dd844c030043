package io.jnetlink.core;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel answered a request with {@code NLMSG_ERROR}. Carries what was attempted, the errno
 * and, when the kernel sent an extended ACK, its message ({@code NLMSGERR_ATTR_MSG}) and the byte
 * offset of the offending attribute within the request ({@code NLMSGERR_ATTR_OFFS}).
 */
public final class NetlinkErrorException extends ErrnoException {

    private final String operation;
    private final String kernelMessage;
    private final int attributeOffset;
    private final String explanation;

    public NetlinkErrorException(String operation, int errno, String kernelMessage, int attributeOffset) {
        this(operation, new Errno(errno), kernelMessage, attributeOffset, null, null);
    }

    /**
     * The kernel's answer that what a lookup asked for does not exist (ENODEV for a link, say),
     * which the lookup turns into an empty result: made without a stack trace, which in a deep
     * call stack costs more than the lookup itself, and never thrown to a caller.
     */
    static NetlinkErrorException expected(String operation, int errno, String kernelMessage, int attributeOffset) {
        return new NetlinkErrorException(operation, new Errno(errno), kernelMessage, attributeOffset);
    }

    private NetlinkErrorException(String operation, Errno errno, String kernelMessage, int attributeOffset) {
        super(null, errno);
        this.operation = operation;
        this.kernelMessage = kernelMessage;
        this.attributeOffset = attributeOffset;
        this.explanation = null;
    }

    private NetlinkErrorException(String operation, Errno errno, String kernelMessage, int attributeOffset,
                                  String explanation, Throwable cause) {
        super(null, errno, cause);
        this.operation = operation;
        this.kernelMessage = kernelMessage;
        this.attributeOffset = attributeOffset;
        this.explanation = explanation;
    }

    /**
     * What was attempted, the errno's name and description, and the kernel's text; built when
     * asked for, so an expected error (a lookup answered ENODEV) costs no errno-name lookup.
     */
    @Override
    public String getMessage() {
        return operation + " failed: " + errno()
                + (kernelMessage != null ? ": kernel says \"" + kernelMessage + "\"" : "")
                + (attributeOffset >= 0 ? " (at request offset " + attributeOffset + ")" : "")
                + (explanation != null ? "; " + explanation : "");
    }

    /** The same error, described as the caller's operation, e.g. {@code create macvlan mv0}. */
    public NetlinkErrorException withOperation(String operation) {
        return new NetlinkErrorException(operation, errno(), kernelMessage, attributeOffset, explanation, this);
    }

    /**
     * The same error with what the caller knows of its cause appended, e.g. {@code mtu: eth0
     * takes 68..1500} or the capability this process lacks.
     */
    public NetlinkErrorException withExplanation(String explanation) {
        return new NetlinkErrorException(operation, errno(), kernelMessage, attributeOffset, explanation, this);
    }

    /** What was attempted, e.g. {@code RTM_NEWLINK}. */
    public String operation() {
        return operation;
    }

    /** The kernel's extended-ACK text, if it sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }

    /** Offset of the attribute the kernel rejected, from the start of the request message. */
    public OptionalInt attributeOffset() {
        return attributeOffset >= 0 ? OptionalInt.of(attributeOffset) : OptionalInt.empty();
    }
}
