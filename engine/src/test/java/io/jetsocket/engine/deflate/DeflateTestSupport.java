/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.TestFrames;
import io.jetsocket.engine.testing.Deflation;
import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Server-side material for the permessage-deflate tests, made with the JDK's {@link Deflater} directly (not with
 * the code under test): compressed payloads and unmasked server frames.
 */
final class DeflateTestSupport
{
    private DeflateTestSupport()
    {
    }

    /**
     * Compress a message as a permessage-deflate sender does: sync flush, tail removed.
     */
    static byte[] compress(final Deflater deflater, final byte[] message)
    {
        final byte[] flushed = compressKeepingTail(deflater, message);
        final byte[] payload = new byte[flushed.length - 4];
        System.arraycopy(flushed, 0, payload, 0, payload.length);
        return payload;
    }

    /**
     * Compress part of a message with a sync flush, keeping the {@code 00 00 ff ff} tail (which only the end of
     * a message drops).
     */
    static byte[] compressKeepingTail(final Deflater deflater, final byte[] message)
    {
        deflater.setInput(message);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[8192];
        int n;
        do
        {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        }
        while (n == chunk.length);
        final byte[] flushed = out.toByteArray();
        if (flushed.length < 4 || flushed[flushed.length - 1] != (byte)0xFF)
        {
            throw new IllegalStateException("no sync flush tail");
        }
        return flushed;
    }

    /**
     * Compress with a fresh deflater whose stream ends with a final block (BFINAL set), as RFC 7692 §7.2.3.4 allows.
     */
    static byte[] compressFinal(final byte[] message)
    {
        return Deflation.finished(message, true);
    }

    static Deflater rawDeflater()
    {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }

    /**
     * An unmasked server frame.
     */
    static byte[] frame(final boolean fin, final boolean rsv1, final int opcode, final byte[] payload)
    {
        return TestFrames.frame((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode, payload);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * JSON-like text of about {@code length} bytes, compressible as market data is.
     */
    static byte[] json(final int length, final int seed)
    {
        final StringBuilder text = new StringBuilder(length + 128);
        int i = seed;
        while (text.length() < length)
        {
            text.append("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"").append(64_000 + (i * 7919) % 1000)
                .append('.').append(i % 100).append("\",\"q\":\"0.").append(i % 997).append("\",\"t\":")
                .append(1_700_000_000_000L + i).append("},");
            i++;
        }
        text.setLength(length);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Records what the decoder delivers.
     */
    static final class Recorder implements FrameHandler
    {
        final List<byte[]> messages = new ArrayList<>();
        final List<Integer> opcodes = new ArrayList<>();
        int closes;

        public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
            opcodes.add(opcode);
        }

        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            closes++;
        }
    }
}
