/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * Recognises an application-level pong in an incoming message's bytes, before anything decodes it: the client
 * checks every message of the connection with it ahead of its raw handlers, so it must be cheap (bound the bytes
 * it reads: a pong is short) and must not allocate. A message it accepts is consumed: it answers the heartbeat's
 * ping, reaches no raw handler, is not decoded, not delivered as a {@code message} event nor to {@code recv()}.
 * Called on the engine thread; an instance may be shared by clients on different engines, so keep it stateless.
 */
@FunctionalInterface
public interface RawPongMatcher
{
    /**
     * Is this message a pong?
     *
     * @param type   frame type.
     * @param buffer holding the payload, valid during the call only.
     * @param offset of the payload.
     * @param length of the payload.
     * @return true to consume it as a pong.
     */
    boolean isPong(MessageType type, DirectBuffer buffer, int offset, int length);
}
