package io.jnetlink.ipam.etcd;

/**
 * What one {@link EtcdLeaseStore} has met so far, for benchmarks and monitoring.
 *
 * @param reservations        addresses reserved (one per range set of each allocation)
 * @param conflicts           reservation transactions that lost a race: another host took the
 *                            address between this store's read and its write
 * @param backPressureRetries requests etcd refused as too many ("etcdserver: too many
 *                            requests") and that were sent again after a pause
 */
public record EtcdStoreCounts(long reservations, long conflicts, long backPressureRetries) {

    /** Lost races per reservation; 0 before the first reservation. */
    public double conflictsPerReservation() {
        return reservations == 0 ? 0 : (double) conflicts / reservations;
    }
}
