/**
 * IPAM for CNI plugins: the {@code ipam} module's allocators as a CNI IPAM plugin
 * ({@link io.jnetlink.cni.plugins.ipam.IpamCniPlugin}), an IPAM plugin executed from {@code CNI_PATH}
 * ({@link io.jnetlink.cni.plugins.ipam.ExecIpam}), what a config asks of IPAM
 * ({@link io.jnetlink.cni.plugins.ipam.IpamRequest}) and the mapping between allocations and results
 * ({@link io.jnetlink.cni.plugins.ipam.AllocationResults}).
 */
package io.jnetlink.cni.plugins.ipam;
