/** Not API: the plugins' shared error mapping, and the build steps that write the executables' launchers and train their AOT caches. */
package io.jnetlink.cni.plugins;
