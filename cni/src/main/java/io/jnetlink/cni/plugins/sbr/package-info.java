/**
 * The CNI {@code sbr} meta plugin: {@link io.jnetlink.cni.plugins.sbr.SbrPlugin} in process,
 * {@link io.jnetlink.cni.plugins.sbr.SbrMain} as the executable; chained after macvlan, it routes
 * each address's traffic through a table of its own so that replies leave by the interface their
 * request came in on.
 */
package io.jnetlink.cni.plugins.sbr;
