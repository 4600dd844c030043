/** Not API: the JFR event and log line of every CNI call, plugin side and runtime side. */
package io.jnetlink.cni.internal;
