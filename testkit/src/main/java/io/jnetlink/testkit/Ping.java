package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** {@code ping} from inside a named sandbox namespace ({@code ip netns exec}). */
public final class Ping {

    private Ping() {
    }

    /** True if {@code address} answers a ping from {@code from} (two echo requests, one second each). */
    public static boolean answers(NetNs from, String address) {
        try {
            Process ping = new ProcessBuilder("ip", "netns", "exec", from.description(), "ping", "-n", "-q",
                    "-c", "2", "-i", "0.2", "-W", "1", address)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!ping.waitFor(10, TimeUnit.SECONDS)) {
                ping.destroyForcibly();
                return false;
            }
            return ping.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("ping " + address + " from " + from.description() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "answered" or "lost", for a report. */
    public static String reply(boolean answered) {
        return answered ? "answered" : "lost";
    }
}
