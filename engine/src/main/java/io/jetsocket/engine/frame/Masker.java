/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Applies the RFC 6455 §5.3 masking transform while copying, eight bytes per step.
 * <p>
 * The mask key is given as the int whose big-endian bytes are the four key bytes in wire order.
 * Longs are read and written in native order, so the key is laid out in native order once and
 * repeated in both halves of a long; because eight is a multiple of four, every long step starts on
 * key byte 0.
 */
public final class Masker
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private Masker()
    {
    }

    /**
     * Copy {@code length} bytes from {@code src} to {@code dst}, XOR-ing them with the mask key.
     * The ranges may be the same (masking in place) but must not otherwise overlap.
     *
     * @param src       bytes to mask.
     * @param srcOffset of the first byte in {@code src}.
     * @param dst       where the masked bytes go.
     * @param dstOffset of the first byte in {@code dst}.
     * @param length    of the payload.
     * @param maskKey   the four key bytes, first key byte in the most significant position.
     */
    public static void maskCopy(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length,
        final int maskKey)
    {
        final int nativeKey = NATIVE_BIG_ENDIAN ? maskKey : Integer.reverseBytes(maskKey);
        final long longKey = (nativeKey & 0xFFFF_FFFFL) | ((long)nativeKey << 32);
        int i = 0;
        final int longEnd = length & ~7;
        for (; i < longEnd; i += Long.BYTES)
        {
            dst.putLong(dstOffset + i, src.getLong(srcOffset + i) ^ longKey);
        }
        for (; i < length; i++)
        {
            final int keyByte = maskKey >>> (24 - ((i & 3) << 3));
            dst.putByte(dstOffset + i, (byte)(src.getByte(srcOffset + i) ^ keyByte));
        }
    }

    /**
     * Copy from a byte array, XOR-ing with the mask key (see
     * {@link #maskCopy(DirectBuffer, int, MutableDirectBuffer, int, int, int)}).
     *
     * @param src       bytes to mask.
     * @param srcOffset of the first byte in {@code src}.
     * @param dst       where the masked bytes go.
     * @param dstOffset of the first byte in {@code dst}.
     * @param length    of the payload.
     * @param maskKey   the four key bytes, first key byte in the most significant position.
     */
    public static void maskCopy(
        final byte[] src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length,
        final int maskKey)
    {
        dst.putBytes(dstOffset, src, srcOffset, length);
        maskCopy(dst, dstOffset, dst, dstOffset, length, maskKey);
    }
}
