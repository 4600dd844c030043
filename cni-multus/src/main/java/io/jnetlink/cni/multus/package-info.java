/**
 * Pods on more networks, as Multus: {@link io.jnetlink.cni.multus.Multus} reads the
 * {@code k8s.v1.cni.cncf.io/networks} and default-network annotations into
 * {@link io.jnetlink.cni.multus.NetworkSelection}s, resolves them against
 * {@link io.jnetlink.cni.multus.NetworkAttachmentDefinition}s, attaches and detaches the pod through
 * the CNI runtime and builds the network-status annotation.
 */
package io.jnetlink.cni.multus;
