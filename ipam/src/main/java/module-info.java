/** IP address management: allocator SPI, host-local and static allocators. */
module io.jnetlink.ipam {
}
