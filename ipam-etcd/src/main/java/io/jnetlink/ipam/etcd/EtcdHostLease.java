package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A host's etcd lease, to which its address leases are bound when {@link EtcdSettings#leaseTtl()}
 * is set. Its id is kept under {@code <prefix>/hosts/<hostId>}, a key bound to the lease itself.
 * One long-lived process per host (the node agent, the container runtime) renews it with
 * {@link #keepAlive}; short-lived callers (a CNI executable) find and use it. When the host dies
 * for good, renewals stop, and etcd deletes the lease and every address key bound to it after the
 * TTL: that is the grace time.
 */
public final class EtcdHostLease implements AutoCloseable {

    private final Client client;
    private final long id;
    private final CloseableClient renewal;

    private EtcdHostLease(Client client, long id, CloseableClient renewal) {
        this.client = client;
        this.id = id;
        this.renewal = renewal;
    }

    /** Finds or grants this host's lease and renews it until {@link #close}. */
    public static EtcdHostLease keepAlive(EtcdSettings settings) {
        if (settings.leaseTtl() == null) {
            throw new IllegalArgumentException("etcd.leaseSeconds: required for a host lease");
        }
        Client client = EtcdClients.connect(settings);
        try {
            EtcdCalls calls = new EtcdCalls(settings);
            long id = find(client, settings, calls);
            CloseableClient renewal = client.getLeaseClient().keepAlive(id, new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse response) {
                }

                @Override
                public void onError(Throwable t) {
                    // jetcd retries the stream; a lease that expired meanwhile is granted anew by the next find
                }

                @Override
                public void onCompleted() {
                }
            });
            return new EtcdHostLease(client, id, renewal);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The lease id. */
    public long id() {
        return id;
    }

    /** Stops renewing (the lease then ends after its TTL unless another process renews it). */
    @Override
    public void close() {
        renewal.close();
        client.close();
    }

    /**
     * The host's live lease: the one its host key names, or, if there is none (or it expired), a
     * new one of the configured TTL recorded there (if two processes race, both use the winner's).
     */
    static long find(Client client, EtcdSettings settings, EtcdCalls calls) {
        ByteSequence hostKey = ByteSequence.from(settings.hostKey(), StandardCharsets.UTF_8);
        List<KeyValue> current = calls.await("reading host lease " + settings.hostKey(),
                () -> client.getKVClient().get(hostKey)).getKvs();
        if (!current.isEmpty()) {
            long id = Long.parseLong(current.getFirst().getValue().toString(StandardCharsets.UTF_8));
            if (calls.await("checking host lease " + id,
                    () -> client.getLeaseClient().timeToLive(id, LeaseOption.DEFAULT)).getTTL() > 0) {
                return id;
            }
        }
        long granted = calls.await("granting a host lease", () -> client.getLeaseClient()
                .grant(settings.leaseTtl().toSeconds())).getID();
        ByteSequence value = ByteSequence.from(Long.toString(granted), StandardCharsets.UTF_8);
        TxnResponse recorded = calls.await("recording host lease " + granted, () -> client.getKVClient().txn()
                .If(new Cmp(hostKey, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(hostKey, value, PutOption.builder().withLeaseId(granted).build()))
                .Else(Op.get(hostKey, GetOption.DEFAULT))
                .commit());
        if (recorded.isSucceeded()) {
            return granted;
        }
        client.getLeaseClient().revoke(granted);
        return Long.parseLong(recorded.getGetResponses().getFirst().getKvs().getFirst().getValue()
                .toString(StandardCharsets.UTF_8));
    }
}
