/**
 * The CNI spec's model, as libcni's {@code pkg/types}: a call's runtime arguments
 * ({@link io.jnetlink.cni.types.CniArgs}) and command ({@link io.jnetlink.cni.types.CniCommand}),
 * results in every spec version ({@link io.jnetlink.cni.types.CniResult}), errors with the spec's
 * codes ({@link io.jnetlink.cni.types.CniException}), versions, the naming rules
 * ({@link io.jnetlink.cni.types.CniNames}) and JSON in and out.
 */
package io.jnetlink.cni.types;
