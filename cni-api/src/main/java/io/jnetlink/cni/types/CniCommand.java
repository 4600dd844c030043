package io.jnetlink.cni.types;

/** The spec's commands, as {@code CNI_COMMAND} names them. */
public enum CniCommand {
    /** Attach the container to the network. */
    ADD,
    /** Detach it; repeatable. */
    DEL,
    /** Check that an attachment is still as ADD made it (spec 0.4.0 on). */
    CHECK,
    /** Whether the plugin is ready to serve ADDs (spec 1.1.0). */
    STATUS,
    /** Release what no listed attachment holds (spec 1.1.0). */
    GC,
    /** Which spec versions the plugin speaks. */
    VERSION;

    /** {@code CNI_COMMAND}'s value; code 4 naming the variable if it is none of the commands. */
    public static CniCommand parse(String text) {
        for (CniCommand command : values()) {
            if (command.name().equals(text)) {
                return command;
            }
        }
        throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_COMMAND: unknown command \"" + text + "\"",
                "one of ADD, DEL, CHECK, STATUS, GC, VERSION");
    }

    /** True for the commands about one attachment (ADD, DEL, CHECK): they need a container and an interface. */
    public boolean perAttachment() {
        return this == ADD || this == DEL || this == CHECK;
    }
}
