/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

/**
 * Which bounded buffer of a client overflowed.
 */
public enum BufferKind
{
    /** The send buffer of {@code full_buffer} replay (messages sent while disconnected). */
    SEND_BUFFER,
    /** The queue that feeds {@code recv()} and message iteration. */
    RECEIVE_QUEUE
}
