package io.jnetlink.macvlan;

import java.util.List;
import java.util.Set;

/**
 * The macvlan/macvtap settings the kernel reports for a link.
 *
 * @param mode           mode
 * @param flags          flags
 * @param sourceMacs     the source-mode MAC list
 * @param bcQueueLen     requested broadcast queue length
 * @param bcQueueLenUsed the queue length in use (the largest requested on the parent)
 * @param bcCutoff       broadcast cutoff, or null when the kernel does not report one
 */
public record MacvlanInfo(MacvlanMode mode, Set<MacvlanFlag> flags, List<MacAddress> sourceMacs, int bcQueueLen,
                          int bcQueueLenUsed, Integer bcCutoff) {
}
