/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An application-level ping a venue defines, written and matched on bytes, without the client's codec: the
 * heartbeat writes it into a buffer the client reuses, and recognises its pong among the raw incoming messages
 * ({@link RawPongMatcher}), so no message is decoded for the heartbeat's sake. Ready-made ones are in
 * {@link VenuePings}. Stateless (it may serve several clients at once): what a pong must echo (a timestamp) is
 * passed in by the client that sent the ping.
 */
public interface VenuePing extends RawPongMatcher
{
    /**
     * The frame type of the ping.
     *
     * @return {@link MessageType#TEXT} or {@link MessageType#BINARY}.
     */
    MessageType pingType();

    /**
     * Write the ping (engine thread, no allocation).
     *
     * @param out     the client's reused buffer; it may grow.
     * @param offset  where to write.
     * @param epochMs the epoch time now (milliseconds), for pings that carry it.
     * @return the ping's length in bytes.
     */
    int writePing(MutableDirectBuffer out, int offset, long epochMs);

    /**
     * Does a message {@link #isPong} accepted answer the ping written at {@code pingEpochMs}? A pong that does
     * not (the late answer to an earlier ping) is still consumed, but does not count as an answer.
     *
     * @param type        frame type.
     * @param buffer      holding the payload.
     * @param offset      of the payload.
     * @param length      of the payload.
     * @param pingEpochMs the {@code epochMs} the outstanding ping was written with.
     * @return true by default: the pong of a ping without a timestamp answers the outstanding ping.
     */
    default boolean answers(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length, final long pingEpochMs)
    {
        return true;
    }
}
