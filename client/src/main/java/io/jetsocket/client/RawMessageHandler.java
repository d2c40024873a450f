/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

/**
 * The zero-copy path: gets every incoming data message as a view of the engine's buffer, on the engine thread,
 * before (and without) decoding. Delivering to it allocates nothing. The view is valid only during the call, which
 * is why a raw handler runs on the engine thread even when the client has a handler executor
 * ({@code ClientConfig.Builder#handlerExecutor}): copy the bytes, or use a decoded-message handler, to run
 * slow work elsewhere.
 */
@FunctionalInterface
public interface RawMessageHandler
{
    /**
     * A message arrived.
     *
     * @param type   text (UTF-8 already validated) or binary.
     * @param buffer holding the payload; valid only during this call.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void onMessage(MessageType type, DirectBuffer buffer, int offset, int length);
}
