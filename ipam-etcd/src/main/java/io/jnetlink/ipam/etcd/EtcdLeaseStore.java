package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.LeaseRecord;
import io.jnetlink.ipam.LeaseStore;
import io.jnetlink.ipam.Owner;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Leases of one network in etcd, one key per address, for any number of hosts at once:
 * {@code <prefix>/<network>/ips/<address>} holds the {@link LeaseRecord}
 * {@code containerId\r\nifName\r\nhostId} (host-local's record plus the host, read by the same
 * rules as host-local's files), {@code <prefix>/<network>/owners/<containerId>/<ifName>/<address>} indexes
 * it by holder (so finding an owner's leases reads only those, however many the network holds),
 * {@code <prefix>/<network>/last_reserved_ip.<set>} the last address reserved in a range set. A
 * reservation is one transaction that creates the address key only if it does not exist, with its
 * index key, and moves the last-reserved key, so two hosts never hold one address; a release
 * deletes the address and index keys together; there is no lock to take ({@link #locked} only
 * maps failures). With a lease TTL in the settings, address and index keys are bound to the
 * host's lease ({@link EtcdHostLease}) and vanish when the host stops renewing it. Every request
 * waits at most the configured timeout; an etcd that cannot be reached gives
 * {@link IpamUnavailableException}.
 */
public final class EtcdLeaseStore implements LeaseStore {

    private final Client client;
    private final boolean ownsClient;
    private final KV kv;
    private final String network;
    private final String base;
    private final EtcdSettings settings;
    private final EtcdCalls calls;
    private long leaseId;

    /**
     * Over a client the caller shares and closes.
     *
     * @param client   the etcd client
     * @param settings key prefix, host id, timeout
     * @param network  the CNI network name
     */
    public EtcdLeaseStore(Client client, EtcdSettings settings, String network) {
        this(client, false, settings, network);
    }

    /** With a client of its own, connected as {@code settings} say and closed with the store. */
    public static EtcdLeaseStore open(EtcdSettings settings, String network) {
        return new EtcdLeaseStore(EtcdClients.connect(settings), true, settings, network);
    }

    private EtcdLeaseStore(Client client, boolean ownsClient, EtcdSettings settings, String network) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.kv = client.getKVClient();
        this.network = network;
        this.base = settings.keyPrefix() + "/" + network + "/";
        this.settings = settings;
        this.calls = new EtcdCalls(settings);
    }

    @Override
    public String type() {
        return "etcd";
    }

    /** The key of {@code address}'s lease. */
    public String addressKey(InetAddress address) {
        return base + "ips/" + InetAddresses.text(address);
    }

    /** The prefix of {@code owner}'s index keys, each ending in an address it holds. */
    private String ownerPrefix(String containerId, String ifName) {
        return base + "owners/" + containerId + "/" + ifName + "/";
    }

    /** The index key saying that {@code containerId}/{@code ifName} holds {@code address}. */
    private ByteSequence indexKey(String containerId, String ifName, InetAddress address) {
        return bytes(ownerPrefix(containerId, ifName) + InetAddresses.text(address));
    }

    @Override
    public <T> T locked(String attempt, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (EtcdCalls.Unreachable e) {
            throw new IpamUnavailableException(attempt + ": " + e.getMessage()
                    + "; nothing was handed out, try again later", e.getCause());
        } catch (EtcdCalls.Refused e) {
            throw new IpamException(attempt + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        ByteSequence key = bytes(addressKey(address));
        ByteSequence record = bytes(LeaseRecord.of(owner, settings.hostId()).text());
        TxnResponse response = calls.await("reserving " + InetAddresses.text(address), kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, record, leaseOption()),
                        Op.put(indexKey(owner.containerId(), owner.ifName(), address),
                                bytes(InetAddresses.text(address)), leaseOption()),
                        Op.put(bytes(lastReservedKey(rangeSet)), bytes(InetAddresses.text(address)), PutOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit());
        if (response.isSucceeded()) {
            return true;
        }
        // a retried request whose first try had committed finds its own record: that is ours
        return response.getGetResponses().stream().flatMap(g -> g.getKvs().stream())
                .anyMatch(held -> held.getValue().equals(record));
    }

    /** Bound to this host's lease ({@link EtcdHostLease}) when {@code leaseTtl} is set. */
    private PutOption leaseOption() {
        if (settings.leaseTtl() == null) {
            return PutOption.DEFAULT;
        }
        if (leaseId == 0) {
            leaseId = EtcdHostLease.find(client, settings, calls);
        }
        return PutOption.builder().withLeaseId(leaseId).build();
    }

    @Override
    public InetAddress lastReserved(int rangeSet) {
        List<KeyValue> kvs = calls.await("reading the last reserved address",
                kv.get(bytes(lastReservedKey(rangeSet)))).getKvs();
        if (kvs.isEmpty()) {
            return null;
        }
        try {
            return InetAddresses.parse("last_reserved_ip", text(kvs.getFirst().getValue()));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * Deletes the address key and its index key in one transaction, on condition that the record
     * is still the one read (else reads again: it was released and taken meanwhile).
     */
    @Override
    public boolean release(InetAddress address) {
        String attempt = "releasing " + InetAddresses.text(address);
        ByteSequence key = bytes(addressKey(address));
        while (true) {
            List<KeyValue> kvs = calls.await(attempt, kv.get(key)).getKvs();
            if (kvs.isEmpty()) {
                return false;
            }
            KeyValue held = kvs.getFirst();
            List<Op> deletes = new ArrayList<>(List.of(Op.delete(key, DeleteOption.DEFAULT)));
            Lease lease = LeaseRecord.lease(address, text(held.getValue()), "lease record " + addressKey(address));
            if (lease.isSound() && lease.ifName() != null) {
                deletes.add(Op.delete(indexKey(lease.containerId(), lease.ifName(), address), DeleteOption.DEFAULT));
            }
            TxnResponse response = calls.await(attempt, kv.txn()
                    .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(held.getModRevision())))
                    .Then(deletes.toArray(Op[]::new))
                    .commit());
            if (response.isSucceeded()) {
                return true;
            }
        }
    }

    /**
     * Releases what {@code owner}'s index keys name, each address in one transaction that holds
     * only while the index key exists (it and the address key are made and removed together, so
     * the address is still the owner's): one request per address, no read of the record.
     */
    @Override
    public List<Lease> releaseOwner(Owner owner) {
        List<Lease> held = leasesOf(owner);
        for (Lease lease : held) {
            ByteSequence index = indexKey(owner.containerId(), owner.ifName(), lease.address());
            calls.await("releasing " + InetAddresses.text(lease.address()) + " of " + owner, kv.txn()
                    .If(new Cmp(index, Cmp.Op.GREATER, CmpTarget.version(0)))
                    .Then(Op.delete(bytes(addressKey(lease.address())), DeleteOption.DEFAULT),
                            Op.delete(index, DeleteOption.DEFAULT))
                    .commit());
        }
        return held;
    }

    /** The leases of {@code owner}, read from its index keys alone. */
    @Override
    public List<Lease> leasesOf(Owner owner) {
        String prefix = ownerPrefix(owner.containerId(), owner.ifName());
        List<Lease> held = new ArrayList<>();
        for (KeyValue entry : calls.await("listing the leases of " + owner, kv.get(bytes(prefix),
                GetOption.builder().isPrefix(true).withKeysOnly(true).build())).getKvs()) {
            try {
                // an id containing '/' may put another owner's keys below this prefix: theirs do not end in an address
                held.add(new Lease(InetAddresses.parse("key", text(entry.getKey()).substring(prefix.length())),
                        owner.containerId(), owner.ifName(), null));
            } catch (IllegalArgumentException anotherOwners) {
                // not ours
            }
        }
        return held;
    }

    @Override
    public List<Lease> leases() {
        String prefix = base + "ips/";
        List<Lease> leases = new ArrayList<>();
        for (KeyValue entry : calls.await("listing leases", kv.get(bytes(prefix),
                GetOption.builder().isPrefix(true).build())).getKvs()) {
            String key = text(entry.getKey()).substring(prefix.length());
            InetAddress address;
            try {
                address = InetAddresses.parse("key", key);
            } catch (IllegalArgumentException notAnAddress) {
                continue;
            }
            leases.add(LeaseRecord.lease(address, text(entry.getValue()), "lease record " + prefix + key));
        }
        return leases;
    }

    /** Closes the client if the store made it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Removes every key of this network (leases and last-reserved marks). */
    public long deleteAll() {
        return calls.await("deleting network " + network, kv.delete(bytes(base),
                DeleteOption.builder().isPrefix(true).build())).getDeleted();
    }

    private String lastReservedKey(int rangeSet) {
        return base + "last_reserved_ip." + rangeSet;
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
