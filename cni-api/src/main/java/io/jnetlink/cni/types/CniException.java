package io.jnetlink.cni.types;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CNI error: the spec's code (1-99) or one of this plugin's (100 and up), a message and
 * details, printed as the spec's error JSON by the executable and thrown by the in-process API.
 */
public final class CniException extends RuntimeException {

    /** The config's CNI version is not one this plugin speaks. */
    public static final int INCOMPATIBLE_VERSION = 1;
    /** A config field's value is not supported. */
    public static final int UNSUPPORTED_FIELD = 2;
    /** The container is unknown or gone. */
    public static final int UNKNOWN_CONTAINER = 3;
    /** A {@code CNI_*} environment variable is missing or invalid; the message names it. */
    public static final int INVALID_ENVIRONMENT = 4;
    /** Reading stdin, writing a file or running a plugin failed. */
    public static final int IO_FAILURE = 5;
    /** The config (or a result) is not valid JSON of the expected shape. */
    public static final int DECODING_FAILURE = 6;
    /** The config is invalid; the message names the field and value. */
    public static final int INVALID_CONFIG = 7;
    /** Temporarily unable to do it; the runtime should retry. */
    public static final int TRY_AGAIN_LATER = 11;
    /** This plugin's: the kernel refused a link, address or route operation (errno and kernel text in the message). */
    public static final int KERNEL_REFUSED = 100;
    /** This plugin's: the master (parent) link does not exist. */
    public static final int MASTER_NOT_FOUND = 101;
    /** This plugin's: IPAM could not allocate (range exhausted, requested address taken or outside the ranges). */
    public static final int IPAM_FAILED = 102;
    /** This plugin's: CHECK found the container's interface differs from what ADD made. */
    public static final int CHECK_FAILED = 103;
    /** This plugin's: anything else that went wrong inside the plugin. */
    public static final int INTERNAL = 199;

    private final int code;
    private final String details;

    public CniException(int code, String message, String details) {
        super(message);
        this.code = code;
        this.details = details == null ? "" : details;
    }

    public CniException(int code, String message) {
        this(code, message, "");
    }

    public CniException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = "";
    }

    /** The error code. */
    public int code() {
        return code;
    }

    /** The message ({@code msg}). */
    public String msg() {
        return getMessage();
    }

    /** The details, empty if none. */
    public String details() {
        return details;
    }

    /** The spec's error object for {@code cniVersion}: {@code cniVersion}, {@code code}, {@code msg}, {@code details}. */
    public Map<String, Object> toJson(String cniVersion) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cniVersion", cniVersion);
        json.put("code", code);
        json.put("msg", getMessage());
        if (!details.isEmpty()) {
            json.put("details", details);
        }
        return json;
    }
}
