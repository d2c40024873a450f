/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.MaskKeySource;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * What every connection of one engine thread shares, since only one of them runs at a time: the frame encoder and
 * its mask keys, the scratch a frame is encoded into before the socket write, the read buffers, and the scratch for
 * compression and for text encoded from a {@link CharSequence}. An idle connection owns none of it.
 */
final class EngineBuffers
{
    private static final int SCRATCH_INITIAL = 64 * 1024;
    private static final int DEFLATE_SCRATCH_RETAINED = 1024 * 1024;
    private static final int READ_BUFFERS_POOLED = 16;

    private final MaskKeySource maskKeys = new MaskKeySource();
    private final FrameEncoder encoder = new FrameEncoder(maskKeys);
    private final ByteBuffer sendScratchBytes;
    private final UnsafeBuffer sendScratch;
    private final ReadBuffers readBuffers;
    private ExpandableArrayBuffer deflateScratch;
    private ExpandableArrayBuffer textScratch;

    EngineBuffers(final EngineContext context)
    {
        sendScratchBytes = ByteBuffer.allocateDirect(context.sendBufferLength() + FrameEncoder.MAX_HEADER_LENGTH);
        sendScratch = new UnsafeBuffer(sendScratchBytes);
        readBuffers = new ReadBuffers(context.receiveBufferLength(), READ_BUFFERS_POOLED);
    }

    FrameEncoder encoder()
    {
        return encoder;
    }

    UnsafeBuffer sendScratch()
    {
        return sendScratch;
    }

    ByteBuffer sendScratchBytes()
    {
        return sendScratchBytes;
    }

    ReadBuffers readBuffers()
    {
        return readBuffers;
    }

    /**
     * Where messages are compressed before being framed. Created on the first compressed message.
     */
    ExpandableArrayBuffer deflateScratch()
    {
        if (null == deflateScratch)
        {
            deflateScratch = new ExpandableArrayBuffer(SCRATCH_INITIAL);
        }
        return deflateScratch;
    }

    /**
     * Drop the compression buffer if one huge message made it grow past what is worth keeping.
     */
    void trimDeflateScratch()
    {
        if (null != deflateScratch && deflateScratch.capacity() > DEFLATE_SCRATCH_RETAINED)
        {
            deflateScratch = null;
        }
    }

    /**
     * Where text sent from the engine thread as a {@link CharSequence} is encoded to UTF-8 before being framed.
     */
    MutableDirectBuffer textScratch(final int length)
    {
        if (null == textScratch)
        {
            textScratch = new ExpandableArrayBuffer(Math.max(SCRATCH_INITIAL, length));
        }
        textScratch.checkLimit(length);
        return textScratch;
    }

    void free()
    {
        readBuffers.free();
        maskKeys.close();
    }
}
