/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Answers a venue's application-level ping (Huobi's {@code {"ping":1492420473027}}, a text {@code ping}) with the
 * pong it expects, on bytes: the client checks every incoming message with it ahead of its raw handlers, writes the
 * answer into a buffer it reuses and sends it through its send path (rate limit included: venues count these
 * pongs toward their message limits). Ready-made ones are in {@link ServerPings}. Engine thread, no allocation,
 * cheap (a ping is short: bound the bytes read); stateless, as one instance may serve several clients.
 */
@FunctionalInterface
public interface ServerPingResponder
{
    /**
     * The answer to a message, when it is the server's ping.
     *
     * @param type   frame type.
     * @param buffer holding the payload, valid during the call only.
     * @param offset of the payload.
     * @param length of the payload.
     * @param out    where to write the answer, from index 0; it may grow.
     * @return the answer's length, sent as a frame of the ping's type; or -1 when the message is not a ping.
     */
    int answer(MessageType type, DirectBuffer buffer, int offset, int length, MutableDirectBuffer out);
}
