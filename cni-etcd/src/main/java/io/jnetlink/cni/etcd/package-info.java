/**
 * {@code cni-etcd/target/bin/etcd}: the {@code etcd} IPAM type as a CNI IPAM plugin executable
 * ({@link io.jnetlink.cni.etcd.EtcdIpamMain}) and the build step that trains its AOT cache.
 */
package io.jnetlink.cni.etcd;
