package io.jnetlink.cni.plugins.daemon;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A request to a daemon's socket and its answer, as {@code cni-daemon stats} makes it. */
final class DaemonClient {

    private DaemonClient() {
    }

    /** The daemon's statistics, as JSON text. */
    static Frames.Reply stats(Path socket) throws IOException {
        return exchange(socket, Frames.request(Frames.STATS, new byte[0]));
    }

    /** Sends {@code request} as it is (well formed or not) and reads the answer. */
    static Frames.Reply exchange(Path socket, byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return Frames.readAnswer(new DataInputStream(Channels.newInputStream(channel)));
        }
    }
}
