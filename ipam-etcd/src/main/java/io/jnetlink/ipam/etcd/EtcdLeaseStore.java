package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
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
import io.jnetlink.ipam.etcd.CandidateWalk.Candidate;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Leases of one network in etcd, one key per address, for any number of hosts at once
 * ({@link NetworkKeys}): the address key holds the {@link LeaseRecord}
 * {@code containerId\r\nifName\r\nhostId} (host-local's record plus the host, read by the same
 * rules as host-local's files), an index key per holder (so finding an owner's leases reads only
 * those, however many the network holds), and per range set a {@link Cursor}. A reservation is one
 * transaction that creates the address key only if it does not exist, with its index key, and
 * moves the cursor only forward, so two hosts never hold one address and the cursor never steps
 * back; a release deletes the address and index keys together; there is no lock to take
 * ({@link #locked} only maps failures).
 * <p>
 * An allocation reads the cursor and the next candidates after it, and reserves a free one: the
 * first, as host-local does, unless this store has lately lost races to other hosts, then one of
 * the next few free ones ({@link Spread}), so that hosts allocating at the same moment do not all
 * race for one address. Taken candidates cost a read, not a write. The reservation also fails if
 * the address was released after the cursor was read, so an address released while another host
 * is allocating is not handed out again at once. A lost race is counted ({@link #counts}) and
 * tried again from the moved cursor.
 * <p>
 * With a lease TTL in the settings, address and index keys are bound to the host's lease
 * ({@link EtcdHostLease}) and vanish when the host stops renewing it. Every request waits at most
 * the configured timeout, etcd's back-pressure included ({@link EtcdCalls}); an etcd that cannot
 * be reached gives {@link IpamUnavailableException}.
 */
public final class EtcdLeaseStore implements LeaseStore {

    /** Candidates read in one request at most (with the cursor, within etcd's 128 operations per request). */
    private static final int WINDOW = 118;
    /** Reads the keys below an owner's index prefix, not their values. */
    private static final GetOption OWNER_INDEX = GetOption.builder().isPrefix(true).withKeysOnly(true).build();
    /** Transactions a release of one owner takes at most (more than one only if its allocations race with it). */
    private static final int RELEASE_ROUNDS = 4;

    private final Client client;
    private final boolean ownsClient;
    private final KV kv;
    private final String network;
    private final NetworkKeys keys;
    private final EtcdSettings settings;
    private final EtcdCalls calls;
    private final Spread spread = new Spread();
    private final ReservedByOwner reservedByOwner = new ReservedByOwner();
    /** Per range set, where this store last left the cursor; absent for nowhere. */
    private final Map<Integer, Seen> lastSeen = new ConcurrentHashMap<>();
    private final LongAdder reservations = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
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
        this.keys = NetworkKeys.of(settings, network);
        this.settings = settings;
        this.calls = new EtcdCalls(settings);
    }

    @Override
    public String type() {
        return "etcd";
    }

    /** The key of {@code address}'s lease. */
    public String addressKey(InetAddress address) {
        return keys.lease(address);
    }

    /** What this store has met so far: reservations, races lost to other hosts, back-pressure retries. */
    public EtcdStoreCounts counts() {
        return new EtcdStoreCounts(reservations.sum(), conflicts.sum(), calls.backPressureRetries());
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

    /** A requested address: reserved if free, and made the last reserved (the cursor's position stays). */
    @Override
    public boolean reserve(Owner owner, InetAddress address, int rangeSet) {
        return reserve(owner, address, List.of(), Op.put(bytes(keys.lastReserved(rangeSet)),
                bytes(InetAddresses.text(address)), PutOption.DEFAULT));
    }

    /**
     * Reserves a free candidate after the cursor ({@link #pick}); after a lost race (another host
     * took it, or released it after the cursor was read), again from the moved cursor.
     */
    @Override
    public InetAddress reserveNext(Owner owner, int rangeSet, Function<InetAddress, Iterator<InetAddress>> walkAfter) {
        for (Reading reading = Reading.ANY_MEMBER; ; reading = Reading.LINEARIZABLE) {
            Pick pick = pick(rangeSet, walkAfter, reading);
            if (pick == null) {
                return null;
            }
            Candidate chosen = pick.candidate();
            ByteSequence released = bytes(keys.released(chosen.address()));
            if (reserve(owner, chosen.address(),
                    List.of(new Cmp(released, Cmp.Op.LESS, CmpTarget.modRevision(pick.cursorReadAt() + 1))),
                    advance(rangeSet, pick.cursor(), chosen))) {
                spread.won();
                lastSeen.put(rangeSet, new Seen(chosen.address(), pick.cursor().position() + chosen.step(),
                        pick.lead()));
                return chosen.address();
            }
            conflicts.increment();
            spread.lost();
        }
    }

    /**
     * A cursor as read, at which revision, and the free candidate after it to take. Whatever was
     * reserved before that revision lies at or before the cursor (a reservation moves it in the
     * same transaction, only forward), so a candidate after it that is free now either was never
     * taken since the cursor last went round, or was taken and released after that revision.
     */
    private record Pick(Cursor cursor, long cursorReadAt, Candidate candidate, long lead) {
    }

    /**
     * Where this store left a cursor: at its last reservation's address and position; and how many
     * steps other hosts had moved it past where this store expected it then (read that much further
     * next time, to find it in the first request).
     */
    private record Seen(InetAddress address, long position, long lead) {
        static final Seen NOWHERE = new Seen(null, 0, 0);
    }

    /**
     * How fresh a read must be. Any member's view will do for choosing a candidate: reserving it
     * checks against the current state (the address still free, not released since the cursor was
     * read), so a view a little behind only risks a lost race; after one, the leader's view, so
     * that a lagging member cannot make one allocation lose again and again.
     */
    private enum Reading {
        ANY_MEMBER(true), LINEARIZABLE(false);

        /** Reads only the number of keys (0 or 1): is a candidate held. */
        final GetOption count;
        final GetOption value;

        Reading(boolean serializable) {
            count = GetOption.builder().withCountOnly(true).withSerializable(serializable).build();
            value = GetOption.builder().withSerializable(serializable).build();
        }
    }

    /**
     * Reads the cursor and the candidates after it, a window at a time, and picks a free one
     * ({@link Spread}: the first, unless other hosts are racing for them); null if none is free. The
     * first window is read with the cursor, after where this store last saw it: one request, unless
     * another host has moved it since.
     */
    private Pick pick(int rangeSet, Function<InetAddress, Iterator<InetAddress>> walkAfter, Reading reading) {
        Seen seen = lastSeen.getOrDefault(rangeSet, Seen.NOWHERE);
        InetAddress expected = seen.address();
        CandidateWalk walk = new CandidateWalk(walkAfter.apply(expected));
        List<Candidate> window = walk.next(window(spread.lookAhead() + seen.lead()));
        Look look = look(rangeSet, window, reading);
        Cursor cursor = look.cursor();
        List<Candidate> free = look.free();
        long lead = Math.min(WINDOW, Math.max(0, cursor.position() - seen.position()));
        if (!Objects.equals(cursor.address(), expected)) {
            // another host moved it: walk on from where it is, within what was read if it lies there
            long at = window.stream().filter(c -> c.address().equals(cursor.address()))
                    .mapToLong(Candidate::step).findFirst().orElse(0);
            walk = new CandidateWalk(walkAfter.apply(cursor.address()));
            if (at > 0) {
                free = free.stream().filter(c -> c.step() > at).map(c -> c.after(at)).toList();
                walk.skip(window.size() - at);
            } else {
                free = free(walk.next(window(spread.lookAhead())), reading);
            }
        }
        while (free.size() < spread.among() && walk.hasNext()) {
            free = Stream.concat(free.stream(), free(walk.next(window(spread.lookAhead())), reading).stream()).toList();
        }
        return free.isEmpty() ? null : new Pick(cursor, look.readAt(), free.get(spread.pick(free.size())), lead);
    }

    /** {@code wanted} candidates, as many as one request may read. */
    private static int window(long wanted) {
        return (int) Math.min(WINDOW, wanted);
    }

    /** A cursor and the free candidates of a window, read at revision {@code readAt}. */
    private record Look(Cursor cursor, List<Candidate> free, long readAt) {
    }

    /** The cursor of {@code rangeSet} and the free candidates of {@code window}, in one request. */
    private Look look(int rangeSet, List<Candidate> window, Reading reading) {
        List<Op> gets = new ArrayList<>(List.of(Op.get(bytes(keys.lastReserved(rangeSet)), reading.value),
                Op.get(bytes(keys.position(rangeSet)), reading.value)));
        window.forEach(c -> gets.add(Op.get(bytes(keys.lease(c.address())), reading.count)));
        TxnResponse read = calls.await("reading the last reserved address and " + window.size() + " candidates",
                () -> kv.txn().Then(gets.toArray(Op[]::new)).commit());
        List<GetResponse> answers = read.getGetResponses();
        List<KeyValue> address = answers.get(0).getKvs();
        List<KeyValue> position = answers.get(1).getKvs();
        Cursor cursor = new Cursor(address.isEmpty() ? null : parseLastReserved(address.getFirst()),
                position.isEmpty() ? 0 : Cursor.position(text(position.getFirst().getValue())),
                position.isEmpty() ? 0 : position.getFirst().getModRevision());
        return new Look(cursor, free(window, answers.subList(2, answers.size())), read.getHeader().getRevision());
    }

    /** The candidates of {@code window} nobody holds, in walk order, read in one request. */
    private List<Candidate> free(List<Candidate> window, Reading reading) {
        if (window.isEmpty()) {
            return List.of();
        }
        TxnResponse read = calls.await("reading " + window.size() + " candidates from "
                + InetAddresses.text(window.getFirst().address()), () -> kv.txn()
                .Then(window.stream().map(c -> Op.get(bytes(keys.lease(c.address())), reading.count)).toArray(Op[]::new))
                .commit());
        return free(window, read.getGetResponses());
    }

    private static List<Candidate> free(List<Candidate> window, List<GetResponse> held) {
        List<Candidate> free = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            if (held.get(i).getCount() == 0) {
                free.add(window.get(i));
            }
        }
        return free;
    }

    /**
     * Moves the cursor of {@code rangeSet} to {@code chosen}, only forward: if its position is
     * unchanged since {@code read} (then {@code chosen} lies after it), or else is still behind.
     */
    private Op advance(int rangeSet, Cursor read, Candidate chosen) {
        ByteSequence positionKey = bytes(keys.position(rangeSet));
        ByteSequence position = bytes(Cursor.text(read.position() + chosen.step()));
        Op[] move = {Op.put(positionKey, position, PutOption.DEFAULT),
                Op.put(bytes(keys.lastReserved(rangeSet)), bytes(InetAddresses.text(chosen.address())),
                        PutOption.DEFAULT)};
        return Op.txn(new Cmp[] {new Cmp(positionKey, Cmp.Op.EQUAL, CmpTarget.modRevision(read.revision()))}, move,
                new Op[] {Op.txn(new Cmp[] {new Cmp(positionKey, Cmp.Op.LESS, CmpTarget.value(position))}, move,
                        new Op[0])});
    }

    /**
     * Creates {@code address}'s key only if it does not exist and {@code guards} hold, with its
     * index key, and runs {@code cursorMove} in the same transaction; false if not.
     */
    private boolean reserve(Owner owner, InetAddress address, List<Cmp> guards, Op cursorMove) {
        ByteSequence key = bytes(keys.lease(address));
        ByteSequence record = bytes(LeaseRecord.of(owner, settings.hostId()).text());
        PutOption bound = leaseOption();
        List<Cmp> conditions = new ArrayList<>(guards);
        conditions.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
        TxnResponse response = calls.await("reserving " + InetAddresses.text(address), () -> kv.txn()
                .If(conditions.toArray(Cmp[]::new))
                .Then(Op.put(key, record, bound),
                        Op.put(bytes(keys.index(owner.containerId(), owner.ifName(), address)),
                                bytes(InetAddresses.text(address)), bound),
                        cursorMove)
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit());
        // a retried request whose first try had committed finds its own record: that is ours
        boolean reserved = response.isSucceeded() || response.getGetResponses().stream()
                .flatMap(g -> g.getKvs().stream()).anyMatch(held -> held.getValue().equals(record));
        if (reserved) {
            reservations.increment();
            reservedByOwner.add(owner, address);
        }
        return reserved;
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
                () -> kv.get(bytes(keys.lastReserved(rangeSet)))).getKvs();
        return kvs.isEmpty() ? null : parseLastReserved(kvs.getFirst());
    }

    /** The address a last-reserved key holds, or null if it is unreadable (walk from the start). */
    private static InetAddress parseLastReserved(KeyValue kv) {
        try {
            return InetAddresses.parse("last_reserved_ip", text(kv.getValue()));
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
        ByteSequence key = bytes(keys.lease(address));
        while (true) {
            List<KeyValue> kvs = calls.await(attempt, () -> kv.get(key)).getKvs();
            if (kvs.isEmpty()) {
                return false;
            }
            KeyValue held = kvs.getFirst();
            List<Op> ops = new ArrayList<>(List.of(Op.delete(key, DeleteOption.DEFAULT), markReleased(address)));
            Lease lease = LeaseRecord.lease(address, text(held.getValue()), "lease record " + keys.lease(address));
            if (lease.isSound() && lease.ifName() != null) {
                ops.add(Op.delete(bytes(keys.index(lease.containerId(), lease.ifName(), address)),
                        DeleteOption.DEFAULT));
            }
            TxnResponse response = calls.await(attempt, () -> kv.txn()
                    .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(held.getModRevision())))
                    .Then(ops.toArray(Op[]::new))
                    .commit());
            if (response.isSucceeded()) {
                return true;
            }
        }
    }

    /**
     * Releases what {@code owner} holds in one transaction: each address only while its index key
     * exists (it and the address key are made and removed together, so the address is still the
     * owner's), then reads what is left in the owner's index, released the same way (another
     * process's allocation for the owner). Which addresses to start with: those this store
     * reserved for the owner ({@link ReservedByOwner}), else those the owner's index names.
     */
    @Override
    public List<Lease> releaseOwner(Owner owner) {
        Set<InetAddress> known = reservedByOwner.take(owner);
        List<InetAddress> addresses = known.isEmpty() ? addressesOf(owner) : List.copyOf(known);
        List<Lease> released = new ArrayList<>();
        for (int round = 0; !addresses.isEmpty() && round < RELEASE_ROUNDS; round++) {
            List<InetAddress> these = addresses;
            List<Op> ops = new ArrayList<>();
            Set<String> marks = new LinkedHashSet<>();
            for (InetAddress address : these) {
                ByteSequence index = bytes(keys.index(owner.containerId(), owner.ifName(), address));
                ops.add(Op.txn(new Cmp[] {new Cmp(index, Cmp.Op.GREATER, CmpTarget.version(0))},
                        new Op[] {Op.delete(bytes(keys.lease(address)), DeleteOption.DEFAULT),
                                Op.delete(index, DeleteOption.DEFAULT)}, new Op[0]));
                if (marks.add(keys.released(address))) {
                    ops.add(markReleased(address)); // once per slot: etcd refuses two puts of one key
                }
            }
            ops.add(Op.get(bytes(keys.ownerIndex(owner)), OWNER_INDEX));
            TxnResponse response = calls.await("releasing " + these.stream().map(InetAddresses::text).toList()
                    + " of " + owner, () -> kv.txn().Then(ops.toArray(Op[]::new)).commit());
            for (int i = 0; i < these.size(); i++) {
                if (response.getTxnResponses().get(i).isSucceeded()) {
                    released.add(new Lease(these.get(i), owner.containerId(), owner.ifName(), null));
                }
            }
            addresses = indexed(keys.ownerIndex(owner), response.getGetResponses().getFirst().getKvs());
        }
        return released;
    }

    /** Records a release in {@code address}'s slot ({@link NetworkKeys#released}). */
    private Op markReleased(InetAddress address) {
        return Op.put(bytes(keys.released(address)), bytes(InetAddresses.text(address)), PutOption.DEFAULT);
    }

    /** The leases of {@code owner}, read from its index keys alone. */
    @Override
    public List<Lease> leasesOf(Owner owner) {
        return addressesOf(owner).stream().map(a -> new Lease(a, owner.containerId(), owner.ifName(), null)).toList();
    }

    private List<InetAddress> addressesOf(Owner owner) {
        String prefix = keys.ownerIndex(owner);
        return indexed(prefix, calls.await("listing the leases of " + owner,
                () -> kv.get(bytes(prefix), OWNER_INDEX)).getKvs());
    }

    /** The addresses that index keys below {@code prefix} (an owner's) name. */
    private static List<InetAddress> indexed(String prefix, List<KeyValue> indexKeys) {
        List<InetAddress> held = new ArrayList<>();
        for (KeyValue entry : indexKeys) {
            try {
                // an id containing '/' may put another owner's keys below this prefix: theirs do not end in an address
                held.add(InetAddresses.parse("key", text(entry.getKey()).substring(prefix.length())));
            } catch (IllegalArgumentException anotherOwners) {
                // not ours
            }
        }
        return held;
    }

    @Override
    public List<Lease> leases() {
        String prefix = keys.leases();
        List<Lease> leases = new ArrayList<>();
        for (KeyValue entry : calls.await("listing leases", () -> kv.get(bytes(prefix),
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

    /** Removes every key of this network (leases, index, cursors, release marks). */
    public long deleteAll() {
        return calls.await("deleting network " + network, () -> kv.delete(bytes(keys.base()),
                DeleteOption.builder().isPrefix(true).build())).getDeleted();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
