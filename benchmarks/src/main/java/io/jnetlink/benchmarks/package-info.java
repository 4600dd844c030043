/**
 * JMH benchmarks (codec, request overhead, link throughput) and the side-by-side programs that
 * measure jnetlink beside {@code ip}, the reference CNI plugin and host-local.
 */
package io.jnetlink.benchmarks;
