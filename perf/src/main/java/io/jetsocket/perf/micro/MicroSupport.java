/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.frame.Opcode;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Inputs shared by the microbenchmarks: payloads of an exact size and unmasked server frames, all built
 * during setup, never in a measured method.
 */
final class MicroSupport
{
    /**
     * Agrona 2 reaches {@code jdk.internal.misc.Unsafe}: every forked JVM needs this flag. A
     * {@code -jvmArgsAppend} given on the command line replaces it, so such a command line must repeat it.
     */
    static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** A small message, the typical size of a market-data update. */
    static final int SMALL = 128;

    /** A large message. */
    static final int LARGE = 64 * 1024;

    /** Mixed 2-, 3- and 4-byte UTF-8 text, with some ASCII between the words. */
    private static final String MULTI_BYTE_SOURCE =
        "Привет, мир! Ελληνικά κείμενα. 市场数据更新，价格上涨。 こんにちは世界 🚀📈💹 Grüße aus Zürich, ça va? ";

    private MicroSupport()
    {
    }

    /**
     * Valid JSON of exactly {@code length} bytes, pure ASCII: an array of trade records like those of a
     * crypto exchange's stream, padded with insignificant spaces before the closing bracket.
     *
     * @param length of the result, at least 110.
     * @return the UTF-8 (ASCII) bytes.
     */
    static byte[] marketDataJson(final int length)
    {
        final StringBuilder json = new StringBuilder(length).append('[');
        long tradeId = 4_123_456_789L;
        for (int i = 0; ; i++)
        {
            final String record = (0 == i ? "" : ",") +
                "{\"e\":\"trade\",\"E\":" + (1_732_262_400_123L + i) + ",\"s\":\"BTCUSDT\",\"t\":" + tradeId++ +
                ",\"p\":\"" + (64_231 + (i % 97)) + "." + (10 + (i % 90)) + "\",\"q\":\"0.0" + (1000 + i % 9000) +
                "\",\"m\":" + (0 == (i & 1)) + "}";
            if (json.length() + record.length() + 1 > length)
            {
                if (0 == i)
                {
                    throw new IllegalArgumentException("too short for one record: " + length);
                }
                break;
            }
            json.append(record);
        }
        while (json.length() < length - 1)
        {
            json.append(' ');
        }
        json.append(']');
        return checkedLength(json.toString().getBytes(StandardCharsets.US_ASCII), length);
    }

    /**
     * Valid UTF-8 text of exactly {@code length} bytes, mostly 2-, 3- and 4-byte characters, never
     * ending inside a character (padded with ASCII spaces when the next character would not fit).
     *
     * @param length of the result.
     * @return the UTF-8 bytes.
     */
    static byte[] multiByteText(final int length)
    {
        final byte[] text = new byte[length];
        int position = 0;
        int index = 0;
        while (true)
        {
            final int codePoint = MULTI_BYTE_SOURCE.codePointAt(index);
            final byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (position + encoded.length > length)
            {
                break;
            }
            System.arraycopy(encoded, 0, text, position, encoded.length);
            position += encoded.length;
            index = (index + Character.charCount(codePoint)) % MULTI_BYTE_SOURCE.length();
        }
        while (position < length)
        {
            text[position++] = ' ';
        }
        return text;
    }

    /**
     * A direct buffer, as the engine's read and send buffers are.
     *
     * @param capacity in bytes.
     * @return a buffer over a new direct {@link ByteBuffer}.
     */
    static UnsafeBuffer directBuffer(final int capacity)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    /**
     * A direct buffer holding {@code bytes} at offset 0 and nothing else.
     *
     * @param bytes to copy in.
     * @return a buffer of exactly {@code bytes.length} capacity.
     */
    static UnsafeBuffer directBufferOf(final byte[] bytes)
    {
        final UnsafeBuffer buffer = directBuffer(bytes.length);
        buffer.putBytes(0, bytes);
        return buffer;
    }

    /**
     * Length of an unmasked server frame carrying {@code payloadLength} bytes.
     *
     * @param payloadLength of the frame.
     * @return header plus payload length.
     */
    static int serverFrameLength(final int payloadLength)
    {
        return serverHeaderLength(payloadLength) + payloadLength;
    }

    /**
     * Write a final, unmasked server frame (RFC 6455 §5.2) with the shortest length encoding.
     *
     * @param dst     where to write.
     * @param offset  of the frame in {@code dst}.
     * @param opcode  of the frame.
     * @param payload of the frame.
     * @return the frame length.
     */
    static int writeServerFrame(final MutableDirectBuffer dst, final int offset, final int opcode, final byte[] payload)
    {
        final int length = payload.length;
        dst.putByte(offset, (byte)(Opcode.FIN_BIT | opcode));
        if (length <= 125)
        {
            dst.putByte(offset + 1, (byte)length);
        }
        else if (length <= 0xFFFF)
        {
            dst.putByte(offset + 1, (byte)126);
            dst.putShort(offset + 2, (short)length, ByteOrder.BIG_ENDIAN);
        }
        else
        {
            dst.putByte(offset + 1, (byte)127);
            dst.putLong(offset + 2, length, ByteOrder.BIG_ENDIAN);
        }
        final int headerLength = serverHeaderLength(length);
        dst.putBytes(offset + headerLength, payload);
        return headerLength + length;
    }

    /**
     * A direct buffer holding {@code count} back-to-back copies of one unmasked server frame and nothing else.
     *
     * @param opcode  of the frames.
     * @param payload of each frame.
     * @param count   of frames.
     * @return a buffer of exactly the frames' total length.
     */
    static UnsafeBuffer serverFrames(final int opcode, final byte[] payload, final int count)
    {
        final UnsafeBuffer buffer = directBuffer(serverFrameLength(payload.length) * count);
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            offset += writeServerFrame(buffer, offset, opcode, payload);
        }
        return buffer;
    }

    private static int serverHeaderLength(final int payloadLength)
    {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static byte[] checkedLength(final byte[] bytes, final int length)
    {
        if (bytes.length != length)
        {
            throw new IllegalStateException("built " + bytes.length + " bytes instead of " + length);
        }
        return bytes;
    }
}
