package io.jnetlink.testkit.core;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.MessageOverflowException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Rtnetlink;
import io.jnetlink.testkit.OwnResources;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A closed socket's memory is kept for the next socket, so nothing of the closed one may reach
 * it: its request writer and the cursor it handed out stop working at close, and the next socket's
 * requests and replies are its own. Needs no privilege: sockets in the caller's own namespace.
 */
class KeptSocketMemoryTest {

    @Test
    void aClosedSocketsWriterAndCursorCannotReachTheMemoryTheNextSocketGets() {
        NetlinkSocket first = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        NetlinkWriter stale = first.requestWriter();
        MessageCursor[] handedOut = new MessageCursor[1];
        LinkDump.dumpNamesAndMtu(first, stale); // fills the cursor's view with replies
        first.dump(linkDump(stale), m -> {
            handedOut[0] = m;
            return null;
        });
        assertThat(handedOut[0].segment().byteSize()).as("the cursor views the receive buffer").isPositive();
        first.close();

        List<NetlinkSocket> next = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // whichever of them was given the closed socket's memory
                NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                next.add(socket);
                socket.requestWriter();
            }

            assertThatThrownBy(() -> stale.beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP))
                    .as("writing with the closed socket's writer").isInstanceOf(MessageOverflowException.class);
            assertThat(stale.buffer().byteSize()).isZero();
            assertThat(handedOut[0].segment().byteSize()).as("what the closed socket's cursor views").isZero();
            for (NetlinkSocket socket : next) {
                assertThat(LinkDump.dumpNamesAndMtu(socket, socket.requestWriter())).containsKey("lo");
            }
        } finally {
            next.forEach(NetlinkSocket::close);
        }
    }

    @Test
    void manySocketsOpenAtOnceAllWorkAndCloseToNothing() throws Exception {
        OwnResources before = OwnResources.now();
        List<NetlinkSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // more than are kept: some memory is new, some freed at close
                open.add(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
            }
            for (NetlinkSocket socket : open) {
                assertThat(LinkDump.dumpNamesAndMtu(socket, socket.requestWriter())).containsKey("lo");
            }
        } finally {
            open.forEach(NetlinkSocket::close);
        }
        assertThat(OwnResources.settledAt(before)).isEqualTo(before);
        try (NetlinkSocket again = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            assertThat(LinkDump.dumpNamesAndMtu(again, again.requestWriter())).containsKey("lo");
        }
    }

    private static NetlinkWriter linkDump(NetlinkWriter w) {
        w.reset();
        long message = w.beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.endMessage(message);
        return w;
    }
}
