package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Drives a real etcd into its back-pressure: a burst of writes that are each costly to apply (a
 * count over {@value #FILL} keys in the same transaction), fired at once, is committed faster
 * than etcd applies it; once the applied index lags the committed one by more than 5,000 entries,
 * etcd refuses every further write with "etcdserver: too many requests" until it has caught up
 * (a few seconds here). Keys below {@code /jnltest-load/}.
 */
final class Overload implements AutoCloseable {

    private static final int FILL = 6_000;
    private static final GetOption COUNT = GetOption.builder().isPrefix(true).withCountOnly(true).build();

    private final Client client;
    private final List<CompletableFuture<?>> fired = new ArrayList<>();

    /** Connects to {@code endpoints} and writes the keys the burst's writes count. */
    Overload(List<String> endpoints) throws Exception {
        client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
        for (int first = 0; first < FILL; first += 100) {
            List<Op> puts = new ArrayList<>();
            for (int i = first; i < first + 100; i++) {
                puts.add(Op.put(bytes("/jnltest-load/fill/" + i), bytes("x"), PutOption.DEFAULT));
            }
            client.getKVClient().txn().Then(puts.toArray(Op[]::new)).commit().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Fires {@code size} costly writes and returns as soon as a write of its own is refused as too
     * many requests: etcd is refusing writes now; false if none was refused before the burst was
     * applied.
     */
    boolean burstUntilRefused(int size) throws Exception {
        List<CompletableFuture<?>> burst = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            burst.add(client.getKVClient().txn().Then(
                    Op.put(bytes("/jnltest-load/w/" + (i % 1000)), bytes("v"), PutOption.DEFAULT),
                    Op.get(bytes("/jnltest-load/fill/"), COUNT)).commit());
        }
        fired.addAll(burst);
        while (!burst.stream().allMatch(CompletableFuture::isDone)) {
            try {
                client.getKVClient().put(bytes("/jnltest-load/probe"), bytes("v")).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (EtcdCalls.isBackPressure(e.getCause())) {
                    return true;
                }
                throw e;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits until every write fired has been answered (applied or refused), and disconnects. */
    @Override
    public void close() {
        CompletableFuture.allOf(fired.stream().map(f -> f.exceptionally(refused -> null))
                .toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
        client.close();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
