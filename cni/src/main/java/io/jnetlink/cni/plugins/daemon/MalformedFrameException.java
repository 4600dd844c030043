package io.jnetlink.cni.plugins.daemon;

/** A request that does not follow {@link Frames}: answered with an error, then the connection is closed. */
final class MalformedFrameException extends Exception {

    MalformedFrameException(String message) {
        super(message);
    }
}
