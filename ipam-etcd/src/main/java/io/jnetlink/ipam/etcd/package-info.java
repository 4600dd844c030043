/**
 * The {@code etcd} IPAM type: one address space for many hosts, leases kept in etcd
 * ({@link io.jnetlink.ipam.etcd.EtcdIpamPlugin}, {@link io.jnetlink.ipam.etcd.EtcdLeaseStore}).
 * <p>
 * jetcd has no module names and splits packages, so this jar is no named module: it declares
 * {@code Automatic-Module-Name: io.jnetlink.ipam.etcd}. Put the jnetlink jars on the module path
 * and jetcd with its dependencies on the class path; a module then {@code requires io.jnetlink.ipam.etcd}.
 */
package io.jnetlink.ipam.etcd;
