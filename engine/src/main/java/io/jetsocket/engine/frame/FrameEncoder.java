/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes client frames (RFC 6455 §5.2): header, mask key and the masked payload, in one pass into the
 * destination buffer. Client frames are always masked (§5.3). Stateless apart from the key source.
 */
public final class FrameEncoder
{
    /** Longest client frame header: 2 bytes, 8 bytes of extended length and a 4-byte mask key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private final MaskKeySource maskKeys;

    /**
     * An encoder drawing mask keys from the given source.
     *
     * @param maskKeys to draw one key per frame from.
     */
    public FrameEncoder(final MaskKeySource maskKeys)
    {
        this.maskKeys = maskKeys;
    }

    /**
     * Length of the header (including the mask key) of a client frame with this payload length.
     *
     * @param payloadLength of the frame.
     * @return 6, 8 or 14.
     */
    public static int headerLength(final int payloadLength)
    {
        if (payloadLength <= 125)
        {
            return 6;
        }
        return payloadLength <= 0xFFFF ? 8 : MAX_HEADER_LENGTH;
    }

    /**
     * Length of a whole encoded client frame.
     *
     * @param payloadLength of the frame.
     * @return header plus payload length.
     */
    public static int frameLength(final int payloadLength)
    {
        return headerLength(payloadLength) + payloadLength;
    }

    /**
     * Length of a whole client frame this encoder wrote, read back from its header: lets a sender find frame
     * boundaries in bytes it has queued.
     *
     * @param buffer holding the encoded frame.
     * @param offset of the frame's first byte.
     * @return header plus payload length.
     */
    public static int encodedFrameLength(final DirectBuffer buffer, final int offset)
    {
        final int length7 = buffer.getByte(offset + 1) & 0x7F;
        if (length7 <= 125)
        {
            return 6 + length7;
        }
        if (126 == length7)
        {
            return 8 + (buffer.getShort(offset + 2, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF);
        }
        return MAX_HEADER_LENGTH + (int)buffer.getLong(offset + 2, java.nio.ByteOrder.BIG_ENDIAN);
    }

    /**
     * Header length (mask key included) of a client frame this encoder wrote, read back from the frame.
     *
     * @param buffer holding the encoded frame.
     * @param offset of the frame's first byte.
     * @return 6, 8 or 14.
     */
    public static int encodedHeaderLength(final DirectBuffer buffer, final int offset)
    {
        final int length7 = buffer.getByte(offset + 1) & 0x7F;
        return length7 <= 125 ? 6 : 126 == length7 ? 8 : MAX_HEADER_LENGTH;
    }

    /**
     * Encode a frame whose payload is in a buffer. The destination must have
     * {@link #frameLength(int)} bytes of room at {@code dstOffset}.
     *
     * @param firstByte     FIN, RSV and opcode bits of the first header byte.
     * @param payload       buffer holding the payload.
     * @param payloadOffset of the payload.
     * @param payloadLength of the payload.
     * @param dst           destination buffer.
     * @param dstOffset     where the frame starts.
     * @return the number of bytes written.
     */
    public int encode(
        final int firstByte,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        final int maskKey = maskKeys.nextKey();
        final int headerLength = writeHeader(firstByte, payloadLength, maskKey, dst, dstOffset);
        Masker.maskCopy(payload, payloadOffset, dst, dstOffset + headerLength, payloadLength, maskKey);
        return headerLength + payloadLength;
    }

    /**
     * Encode a frame whose payload is in a byte array.
     *
     * @param firstByte     FIN, RSV and opcode bits of the first header byte.
     * @param payload       array holding the payload.
     * @param payloadOffset of the payload.
     * @param payloadLength of the payload.
     * @param dst           destination buffer.
     * @param dstOffset     where the frame starts.
     * @return the number of bytes written.
     */
    public int encode(
        final int firstByte,
        final byte[] payload,
        final int payloadOffset,
        final int payloadLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        final int maskKey = maskKeys.nextKey();
        final int headerLength = writeHeader(firstByte, payloadLength, maskKey, dst, dstOffset);
        Masker.maskCopy(payload, payloadOffset, dst, dstOffset + headerLength, payloadLength, maskKey);
        return headerLength + payloadLength;
    }

    /**
     * Encode a close frame with a status code and a UTF-8 reason (RFC 6455 §5.5.1).
     *
     * @param code      close status code, or {@link CloseCode#NO_STATUS} for an empty body.
     * @param reason    UTF-8 bytes of the reason (may be empty); at most 123 bytes.
     * @param dst       destination buffer.
     * @param dstOffset where the frame starts.
     * @return the number of bytes written.
     */
    public int encodeClose(final int code, final byte[] reason, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int maskKey = maskKeys.nextKey();
        final int firstByte = Opcode.FIN_BIT | Opcode.CLOSE;
        if (CloseCode.NO_STATUS == code)
        {
            return writeHeader(firstByte, 0, maskKey, dst, dstOffset);
        }
        final int payloadLength = 2 + reason.length;
        final int headerLength = writeHeader(firstByte, payloadLength, maskKey, dst, dstOffset);
        final int payloadOffset = dstOffset + headerLength;
        dst.putByte(payloadOffset, (byte)(code >>> 8));
        dst.putByte(payloadOffset + 1, (byte)code);
        dst.putBytes(payloadOffset + 2, reason);
        Masker.maskCopy(dst, payloadOffset, dst, payloadOffset, payloadLength, maskKey);
        return headerLength + payloadLength;
    }

    private static int writeHeader(
        final int firstByte,
        final int payloadLength,
        final int maskKey,
        final MutableDirectBuffer dst,
        final int offset)
    {
        dst.putByte(offset, (byte)firstByte);
        final int keyOffset;
        if (payloadLength <= 125)
        {
            dst.putByte(offset + 1, (byte)(Opcode.MASK_BIT | payloadLength));
            keyOffset = offset + 2;
        }
        else if (payloadLength <= 0xFFFF)
        {
            dst.putByte(offset + 1, (byte)(Opcode.MASK_BIT | 126));
            dst.putByte(offset + 2, (byte)(payloadLength >>> 8));
            dst.putByte(offset + 3, (byte)payloadLength);
            keyOffset = offset + 4;
        }
        else
        {
            dst.putByte(offset + 1, (byte)(Opcode.MASK_BIT | 127));
            dst.putLong(offset + 2, payloadLength, java.nio.ByteOrder.BIG_ENDIAN);
            keyOffset = offset + 10;
        }
        dst.putInt(keyOffset, maskKey, java.nio.ByteOrder.BIG_ENDIAN);
        return keyOffset + 4 - offset;
    }
}
