/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The layout of a control message (version 1, little-endian), sent by consumer processes on an Aeron stream that
 * the feed handler polls with a {@link FeedControlAgent}:
 * <pre>
 *   0: version (u8) | 1: command (u8, {@link ControlCommand#code()}) | 2: reserved (u16)
 *   4: channel name, UTF-8 (the rest of the message)
 * </pre>
 * The commands, as {@link SubscriptionControl#of(io.jetsocket.client.multiplex.Multiplex, AeronFeedPublisher)}
 * carries them out:
 * <ul>
 * <li>SUBSCRIBE, UNSUBSCRIBE: the channel on the feed handler's multiplexer (kept across reconnects).</li>
 * <li>RECOVERY_REQUEST, from a consumer that lost its place (it fell behind, restarted, saw a gap it cannot fill):
 * a RESET event naming the channel goes out on the feed stream, numbered in its sequence, and the channel is
 * resubscribed, so that the venue sends a fresh snapshot. Every consumer of the stream sees the RESET: those that
 * did not ask may ignore it or rebuild too; what follows it is the channel's new state.</li>
 * <li>SNAPSHOT_REQUEST: with a sequenced feed attached, {@code SequencedFeed.resync} of the stream of that name (the
 * feed fetches a snapshot; its listener reports the reset); without one, or when the feed has no snapshot fetcher,
 * as RECOVERY_REQUEST.</li>
 * </ul>
 * A request for a channel the control stream did not subscribe is refused (and counted as rejected by the agent):
 * resubscribing it would replace the application's own handler.
 */
public final class FeedControl
{
    /** The layout version. */
    public static final int VERSION = 1;
    /** Offset of the version (u8). */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the command (u8). */
    public static final int COMMAND_OFFSET = 1;
    /** Offset of the channel name. */
    public static final int CHANNEL_OFFSET = 4;

    private FeedControl()
    {
    }

    /**
     * Write a control message.
     *
     * @param buffer  to write into.
     * @param offset  where the message starts.
     * @param command what to do.
     * @param channel which channel (as the venue names it).
     * @return the message's length, to offer.
     */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final ControlCommand command, final String channel)
    {
        buffer.putByte(offset + VERSION_OFFSET, (byte)VERSION);
        buffer.putByte(offset + COMMAND_OFFSET, (byte)command.code());
        buffer.putShort(offset + 2, (short)0);
        return CHANNEL_OFFSET + buffer.putStringWithoutLengthUtf8(offset + CHANNEL_OFFSET, channel);
    }

    /**
     * The command of a control message.
     *
     * @param buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     * @return the command, or null if the message is not a version 1 control message this version knows.
     */
    public static ControlCommand command(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < CHANNEL_OFFSET || VERSION != (buffer.getByte(offset + VERSION_OFFSET) & 0xFF))
        {
            return null;
        }
        return ControlCommand.ofCode(buffer.getByte(offset + COMMAND_OFFSET) & 0xFF);
    }

    /**
     * The channel of a control message (allocates a string: control messages are rare).
     *
     * @param buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     * @return the channel name.
     */
    public static String channel(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset + CHANNEL_OFFSET, length - CHANNEL_OFFSET);
    }
}
