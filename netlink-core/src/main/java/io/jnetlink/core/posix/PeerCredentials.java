package io.jnetlink.core.posix;

/**
 * The process at the other end of a unix socket as the kernel recorded it when it connected
 * ({@code SO_PEERCRED}'s {@code struct ucred}): not what the peer says of itself.
 *
 * @param pid the peer's process id (in this process's pid namespace)
 * @param uid its effective user id
 * @param gid its effective group id
 */
public record PeerCredentials(long pid, int uid, int gid) {
}
