/** The {@code static} IPAM type: hands out the addresses, routes and DNS settings its configuration lists. */
package io.jnetlink.ipam.staticip;
