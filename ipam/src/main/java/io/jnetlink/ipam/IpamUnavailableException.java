package io.jnetlink.ipam;

/**
 * The store that records leases could not be reached or did not answer in time (a cluster-wide
 * store such as etcd); nothing was handed out, and the same call may succeed later. The CNI
 * plugin reports it with code 11, "try again later".
 */
public class IpamUnavailableException extends IpamException {

    public IpamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
