/**
 * The netlink wire format without copies: {@link io.jnetlink.core.codec.NetlinkWriter} writes
 * messages and nested attributes in place into a caller-owned memory segment, and
 * {@link io.jnetlink.core.codec.MessageCursor} and {@link io.jnetlink.core.codec.AttributeCursor}
 * read received bytes as flyweights. Malformed input raises only
 * {@link io.jnetlink.core.codec.MalformedMessageException}.
 */
package io.jnetlink.core.codec;
