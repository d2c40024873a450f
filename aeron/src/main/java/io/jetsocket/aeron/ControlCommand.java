/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

/**
 * A command on the control stream ({@link FeedControl}): what a consumer process asks the feed handler to do.
 */
public enum ControlCommand
{
    /** Subscribe the channel named in the message (sent to the venue now and after every reconnect). */
    SUBSCRIBE(1),
    /** Unsubscribe the channel named in the message. */
    UNSUBSCRIBE(2),
    /**
     * A consumer wants a fresh snapshot of the channel (or of the sequenced feed's stream of that name):
     * {@link SubscriptionControl#snapshot}.
     */
    SNAPSHOT_REQUEST(3),
    /**
     * A consumer lost its place on the channel and needs its state again: {@link SubscriptionControl#recover}
     * (a RESET event for the channel on the feed stream, then a resubscribe, so the venue sends a fresh snapshot).
     */
    RECOVERY_REQUEST(4);

    private final int code;

    ControlCommand(final int code)
    {
        this.code = code;
    }

    /**
     * The value in the control message's command field.
     *
     * @return the wire code.
     */
    public int code()
    {
        return code;
    }

    /**
     * The command for a wire code.
     *
     * @param code from a control message.
     * @return the command, or null for a code this version does not know.
     */
    public static ControlCommand ofCode(final int code)
    {
        return switch (code)
        {
            case 1 -> SUBSCRIBE;
            case 2 -> UNSUBSCRIBE;
            case 3 -> SNAPSHOT_REQUEST;
            case 4 -> RECOVERY_REQUEST;
            default -> null;
        };
    }
}
