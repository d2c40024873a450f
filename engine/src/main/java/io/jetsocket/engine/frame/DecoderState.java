/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

/**
 * States of {@link FrameDecoder}.
 */
public enum DecoderState
{
    /** Expecting the header of the next frame at the head of the unconsumed input. */
    FRAME_START,
    /** In the middle of a frame too large to wait for, copying its payload as it arrives. */
    STREAMING_PAYLOAD,
    /** A valid close frame was decoded; all later input is ignored. */
    CLOSED,
    /** The input violated the protocol; all later input is ignored. */
    FAILED
}
