package io.jnetlink.core.rtnl;

/**
 * Neighbour attributes ({@code NDA_*} of {@code <linux/neighbour.h>}) and the extended flags
 * that {@code NDA_FLAGS_EXT} carries.
 */
public final class Nda {

    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    /** {@code struct nda_cacheinfo}: four u32, confirmed, used, updated (in {@code USER_HZ} ticks ago), refcnt. */
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_VLAN = 5;
    public static final int NDA_PORT = 6;
    public static final int NDA_VNI = 7;
    /** In a dump request, the only link whose entries to dump. */
    public static final int NDA_IFINDEX = 8;
    /** In a dump request, the master whose ports' entries to dump. */
    public static final int NDA_MASTER = 9;
    public static final int NDA_LINK_NETNSID = 10;
    public static final int NDA_SRC_VNI = 11;
    public static final int NDA_PROTOCOL = 12;
    public static final int NDA_NH_ID = 13;
    public static final int NDA_FDB_EXT_ATTRS = 14;
    /** A u32 of {@code NTF_EXT_*} flags, the ones that do not fit {@code ndm_flags}. */
    public static final int NDA_FLAGS_EXT = 15;

    /** Size of {@code struct nda_cacheinfo}. */
    public static final int NDA_CACHEINFO_SIZE = 16;

    /** {@code NDA_FLAGS_EXT}: the kernel keeps the entry resolved on behalf of a control plane. */
    public static final int NTF_EXT_MANAGED = 1 << 0;
    /** {@code NDA_FLAGS_EXT}: a bridge FDB entry locked to an unauthenticated host. */
    public static final int NTF_EXT_LOCKED = 1 << 1;
    /** {@code NDA_FLAGS_EXT}: externally validated, never removed or invalidated by the kernel (Linux 6.16+). */
    public static final int NTF_EXT_EXT_VALIDATED = 1 << 2;

    private Nda() {
    }
}
