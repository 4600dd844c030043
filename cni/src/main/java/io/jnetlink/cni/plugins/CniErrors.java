package io.jnetlink.cni.plugins;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.core.ErrnoException;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.macvlan.LinkNotFoundException;

import java.util.concurrent.Callable;

/** The library's failures as CNI errors: the spec's codes where it has one, ours for the rest. */
public final class CniErrors {

    private CniErrors() {
    }

    /** Runs {@code work}; what it throws comes out as a {@link CniException} with its message kept. */
    public static <T> T guarded(Callable<T> work) {
        try {
            return work.call();
        } catch (CniException e) {
            throw e;
        } catch (LinkNotFoundException e) { // the library's "parent" is the CNI config's "master"
            throw new CniException(CniException.MASTER_NOT_FOUND,
                    ("parent".equals(e.operation()) ? e.withOperation("master") : e).getMessage());
        } catch (IpamUnavailableException e) {
            throw new CniException(CniException.TRY_AGAIN_LATER, e.getMessage());
        } catch (IpamException e) {
            throw new CniException(CniException.IPAM_FAILED, e.getMessage());
        } catch (ErrnoException e) { // the kernel's refusals, NetlinkErrorException with extended-ACK text among them
            throw new CniException(CniException.KERNEL_REFUSED, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CniException(CniException.INVALID_CONFIG, e.getMessage());
        } catch (Exception e) {
            throw new CniException(CniException.INTERNAL, String.valueOf(e.getMessage()), e);
        }
    }
}
