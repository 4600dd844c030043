/**
 * The few POSIX and Linux calls the jnetlink modules share, made once: reading a file without
 * following a symbolic link ({@link io.jnetlink.core.posix.Posix#readNoFollow}), an exclusive
 * {@code flock(2)} ({@link io.jnetlink.core.posix.FileLock}), files by name in an open directory,
 * written whole or not at all ({@link io.jnetlink.core.posix.Directory}: {@code openat},
 * {@code O_TMPFILE}, {@code linkat}, {@code getdents64}), deleting a directory tree without
 * following links ({@link io.jnetlink.core.posix.Posix#deleteRecursively}), whether this process
 * holds a capability ({@link io.jnetlink.core.posix.Capability}), a unix stream socket server
 * that knows its peers' pids ({@link io.jnetlink.core.posix.UnixListener}, {@code SO_PEERCRED}),
 * and datagrams on one interface of the caller's namespace, as a DHCP client needs them: whole IP
 * packets ({@link io.jnetlink.core.posix.PacketSocket}, {@code AF_PACKET}) and UDP
 * ({@link io.jnetlink.core.posix.UdpSocket}, {@code SO_BINDTODEVICE}).
 * Failures of the calls name the errno as {@link io.jnetlink.core.Errno} does ({@code ELOOP},
 * {@code EWOULDBLOCK}).
 */
package io.jnetlink.core.posix;
