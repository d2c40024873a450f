/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.DirectBuffer;

/**
 * A client frame as written by {@link FrameEncoder}, parsed and unmasked by the test (as a server would), byte by
 * byte and independently of {@link Masker}.
 */
final class ClientFrame
{
    final int firstByte;
    final boolean masked;
    final int lengthField;
    final long payloadLength;
    final int headerLength;
    final int maskKey;
    final byte[] payload;

    private ClientFrame(
        final int firstByte,
        final boolean masked,
        final int lengthField,
        final long payloadLength,
        final int headerLength,
        final int maskKey,
        final byte[] payload)
    {
        this.firstByte = firstByte;
        this.masked = masked;
        this.lengthField = lengthField;
        this.payloadLength = payloadLength;
        this.headerLength = headerLength;
        this.maskKey = maskKey;
        this.payload = payload;
    }

    static ClientFrame parse(final DirectBuffer buffer, final int offset)
    {
        final int firstByte = buffer.getByte(offset) & 0xFF;
        final int secondByte = buffer.getByte(offset + 1) & 0xFF;
        final boolean masked = (secondByte & 0x80) != 0;
        final int lengthField = secondByte & 0x7F;
        int position = offset + 2;
        long payloadLength = lengthField;
        if (126 == lengthField || 127 == lengthField)
        {
            final int lengthBytes = 126 == lengthField ? 2 : 8;
            payloadLength = 0;
            for (int i = 0; i < lengthBytes; i++)
            {
                payloadLength = (payloadLength << 8) | (buffer.getByte(position++) & 0xFF);
            }
        }
        int maskKey = 0;
        final byte[] keyBytes = new byte[4];
        if (masked)
        {
            for (int i = 0; i < 4; i++)
            {
                keyBytes[i] = buffer.getByte(position++);
                maskKey = (maskKey << 8) | (keyBytes[i] & 0xFF);
            }
        }
        final byte[] payload = new byte[(int)payloadLength];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(buffer.getByte(position + i) ^ keyBytes[i & 3]);
        }
        return new ClientFrame(firstByte, masked, lengthField, payloadLength, position - offset, maskKey, payload);
    }

    int frameLength()
    {
        return headerLength + payload.length;
    }

    /**
     * The same frame as a server would send it: same first byte and length form, no mask.
     */
    byte[] asServerFrame()
    {
        final int form = lengthField <= 125 ? TestFrames.LENGTH_7 :
            126 == lengthField ? TestFrames.LENGTH_16 : TestFrames.LENGTH_64;
        return TestFrames.frame(firstByte, payload, form);
    }
}
