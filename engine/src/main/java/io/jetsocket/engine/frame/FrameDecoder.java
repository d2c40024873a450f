/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import io.jetsocket.engine.deflate.MessageInflater;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Decodes server-to-client frames (RFC 6455 §5) in place, from the connection's read buffer.
 * <p>
 * The caller hands over the unconsumed bytes; the decoder consumes whole frames and returns how many
 * bytes it used, leaving a partial frame for the caller to keep (compacting its buffer) and offer
 * again with more bytes behind it. A single-frame message whose frame is complete in the buffer is
 * delivered as a view of the read buffer itself: no copy. Fragmented messages, and frames too large to
 * wait for in the read buffer, are copied once into a reassembly buffer as their bytes arrive.
 * <p>
 * Every check is decided from the frame header before any payload is buffered, and text is
 * validated as it arrives (even while a frame is still incomplete), so invalid UTF-8 fails at its
 * first byte. Once failed or closed, the decoder ignores all input. Not thread safe.
 * <p>
 * With permessage-deflate ({@link #inflater(MessageInflater)}), a message whose first frame has RSV1 set is
 * compressed: its payload bytes are inflated as they arrive (in place or streamed) into the reassembly buffer, in
 * bounded chunks; the size limit applies to the inflated bytes (1009 as soon as it is passed, never a truncated
 * message), the compressed bytes of one message may not exceed it either, and the UTF-8 check runs on the
 * inflated text. Invalid deflate data fails with 1007 (invalid payload), as it makes the message's content
 * inconsistent, whatever its type.
 */
public final class FrameDecoder
{
    /** Reassembly buffers that grew past this are released after their message, not kept. */
    private static final int RETAINED_REASSEMBLY_CAPACITY = 256 * 1024;
    private static final int INITIAL_REASSEMBLY_CAPACITY = 4096;

    private final long maxFrameLength;
    private final long maxMessageLength;
    private final int maxBufferedFrameLength;
    private final Utf8Validator utf8 = new Utf8Validator();

    private DecoderState state = DecoderState.FRAME_START;
    private int allowedRsvBits;

    private int messageOpcode;
    private ExpandableArrayBuffer reassembly;
    private int reassembledLength;
    private int fragmentCount;
    private final int maxFragments;

    private int streamRemaining;
    private boolean streamFin;
    private int headFrameValidated;

    private MessageInflater inflater;
    private boolean frameCompressed;
    private boolean messageCompressed;
    /** Whether the message now handed to {@link FrameHandler#onMessage} arrived compressed (RSV1) and was inflated. */
    private boolean deliveringInflated;
    private long compressedLength;

    private int failureCode;
    private String failureReason;

    /**
     * A decoder with the given limits.
     *
     * @param maxFrameLength         largest data frame payload accepted; larger frames fail with 1009.
     * @param maxMessageLength       largest message accepted; larger messages fail with 1009.
     * @param maxBufferedFrameLength the capacity of the caller's read buffer: a single-frame message
     *                               up to this size (header included) is waited for and delivered in
     *                               place; a larger one is streamed into the reassembly buffer.
     * @param maxFragments           largest number of frames in one message; more fail with 1009.
     */
    public FrameDecoder(
        final long maxFrameLength,
        final long maxMessageLength,
        final int maxBufferedFrameLength,
        final int maxFragments)
    {
        if (maxBufferedFrameLength < Opcode.MAX_CONTROL_PAYLOAD + FrameEncoder.MAX_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("maxBufferedFrameLength must hold a control frame: " +
                maxBufferedFrameLength);
        }
        if (maxMessageLength > Integer.MAX_VALUE - 8 || maxMessageLength < 0 || maxFrameLength < 0)
        {
            throw new IllegalArgumentException("limits must be between 0 and 2^31-9: frame=" + maxFrameLength +
                " message=" + maxMessageLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.maxMessageLength = maxMessageLength;
        this.maxBufferedFrameLength = maxBufferedFrameLength;
        this.maxFragments = maxFragments;
    }

    /**
     * Forget all state (after a reconnect, say), keeping the limits.
     */
    public void reset()
    {
        state = DecoderState.FRAME_START;
        allowedRsvBits = 0;
        messageOpcode = 0;
        reassembledLength = 0;
        fragmentCount = 0;
        streamRemaining = 0;
        headFrameValidated = 0;
        failureCode = 0;
        failureReason = null;
        frameCompressed = false;
        messageCompressed = false;
        compressedLength = 0;
        if (null != inflater)
        {
            inflater.reset();
        }
    }

    /**
     * Turn permessage-deflate on (RFC 7692): RSV1 is allowed on the first frame of data messages and marks them as
     * compressed. The decoder does not own the inflater: the caller ends it.
     *
     * @param inflater for compressed messages, or null to turn decompression off.
     */
    public void inflater(final MessageInflater inflater)
    {
        this.inflater = inflater;
        allowedRsvBits = null == inflater ? allowedRsvBits & ~Opcode.RSV1_BIT : allowedRsvBits | Opcode.RSV1_BIT;
    }

    /**
     * Allow RSV bits on the first frame of data messages, as a negotiated extension requires.
     *
     * @param rsvBits mask of {@link Opcode#RSV1_BIT}, {@link Opcode#RSV2_BIT}, {@link Opcode#RSV3_BIT}.
     */
    public void allowedRsvBits(final int rsvBits)
    {
        this.allowedRsvBits = rsvBits & Opcode.RSV_BITS;
    }

    /**
     * The current state.
     *
     * @return the decoder's state.
     */
    public DecoderState state()
    {
        return state;
    }

    /**
     * The close code to send after a failure: 1002, 1007 or 1009.
     *
     * @return the close code, or 0 when the decoder has not failed.
     */
    public int failureCode()
    {
        return failureCode;
    }

    /**
     * What was wrong with the input, for the close reason and the error report.
     *
     * @return a short description, or null when the decoder has not failed.
     */
    public String failureReason()
    {
        return failureReason;
    }

    /**
     * Whether the message being handed to {@link FrameHandler#onMessage} now arrived compressed (permessage-deflate,
     * RSV1 on its first frame) and is delivered inflated. Valid during that call.
     *
     * @return true for an inflated message, false for one that came as it is delivered.
     */
    public boolean isDeliveringInflated()
    {
        return deliveringInflated;
    }

    /**
     * Is a fragmented message open (started, not finished)?
     *
     * @return true between the first and the final frame of a fragmented message.
     */
    public boolean isMessageOpen()
    {
        return 0 != messageOpcode;
    }

    /**
     * Decode as many whole frames as the bytes hold.
     *
     * @param buffer  holding the unconsumed input.
     * @param offset  of the first unconsumed byte.
     * @param length  of the unconsumed input.
     * @param handler to receive messages and control frames.
     * @return how many bytes were consumed; the rest is an incomplete frame to offer again with more
     * bytes. After a failure or a close, all bytes count as consumed.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            final int consumed;
            if (DecoderState.STREAMING_PAYLOAD == state)
            {
                consumed = streamPayload(buffer, position, end - position, handler);
            }
            else if (DecoderState.FRAME_START == state)
            {
                consumed = decodeFrame(buffer, position, end - position, handler);
            }
            else
            {
                break;
            }

            if (0 == consumed)
            {
                break;
            }
            position += consumed;
        }

        return DecoderState.CLOSED == state || DecoderState.FAILED == state ? length : position - offset;
    }

    private int decodeFrame(
        final DirectBuffer buffer, final int offset, final int available, final FrameHandler handler)
    {
        if (available < 2)
        {
            return 0;
        }
        final int b0 = buffer.getByte(offset) & 0xFF;
        final int b1 = buffer.getByte(offset + 1) & 0xFF;
        final boolean fin = (b0 & Opcode.FIN_BIT) != 0;
        final int opcode = b0 & Opcode.OPCODE_MASK;
        final int lengthField = b1 & 0x7F;

        if (!checkFirstTwoBytes(b0, b1, opcode, fin, lengthField))
        {
            return 0;
        }
        // Only the first frame of a data message can get here with RSV1 (checkFirstTwoBytes).
        frameCompressed = null != inflater && (b0 & Opcode.RSV1_BIT) != 0;

        final int headerLength = 126 == lengthField ? 4 : 127 == lengthField ? 10 : 2;
        if (available < headerLength)
        {
            return 0;
        }
        final long payloadLength;
        if (126 == lengthField)
        {
            payloadLength = buffer.getShort(offset + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        else if (127 == lengthField)
        {
            payloadLength = buffer.getLong(offset + 2, ByteOrder.BIG_ENDIAN);
        }
        else
        {
            payloadLength = lengthField;
        }
        // Lengths not minimally encoded (e.g. 5 in the 16-bit form) are accepted: RFC 6455 §5.2 binds
        // the sender, and rejecting them buys nothing.
        if (!checkLength(opcode, payloadLength))
        {
            return 0;
        }

        final int payloadOffset = offset + headerLength;
        // A long: with limits near 2^31 the header plus payload can exceed Integer.MAX_VALUE.
        final long frameLength = headerLength + payloadLength;
        if (available >= frameLength)
        {
            onCompleteFrame(opcode, fin, buffer, payloadOffset, (int)payloadLength, handler);
            headFrameValidated = 0;
            return (int)frameLength;
        }

        final boolean singleFrameMessage = fin && Opcode.CONTINUATION != opcode;
        if (Opcode.isControl(opcode) || (singleFrameMessage && frameLength <= maxBufferedFrameLength))
        {
            if (Opcode.TEXT == opcode && !frameCompressed)
            {
                validateHeadFrame(buffer, payloadOffset, available - headerLength);
            }
            return 0;
        }

        if (Opcode.CONTINUATION != opcode)
        {
            beginMessage(opcode);
            messageCompressed = frameCompressed;
        }
        fragmentCount++;
        streamRemaining = (int)payloadLength;
        streamFin = fin;
        state = DecoderState.STREAMING_PAYLOAD;
        return headerLength;
    }

    private boolean checkFirstTwoBytes(
        final int b0, final int b1, final int opcode, final boolean fin, final int lengthField)
    {
        final int rsv = b0 & Opcode.RSV_BITS;
        if (!Opcode.isDefined(opcode))
        {
            return fail(CloseCode.PROTOCOL_ERROR, "reserved opcode");
        }
        if ((b1 & Opcode.MASK_BIT) != 0)
        {
            return fail(CloseCode.PROTOCOL_ERROR, "masked frame from server"); // RFC 6455 §5.1
        }
        if (Opcode.isControl(opcode))
        {
            if (!fin)
            {
                return fail(CloseCode.PROTOCOL_ERROR, "fragmented control frame"); // §5.5
            }
            if (lengthField > Opcode.MAX_CONTROL_PAYLOAD)
            {
                return fail(CloseCode.PROTOCOL_ERROR, "control frame payload over 125 bytes"); // §5.5
            }
            if (0 != rsv)
            {
                return fail(CloseCode.PROTOCOL_ERROR, "RSV bit set on a control frame");
            }
        }
        else if (Opcode.CONTINUATION == opcode)
        {
            if (0 == messageOpcode)
            {
                return fail(CloseCode.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            if (0 != rsv)
            {
                // Extensions defined so far (RFC 7692) set RSV bits on the first frame only.
                return fail(CloseCode.PROTOCOL_ERROR, "RSV bit set on a continuation frame");
            }
        }
        else
        {
            if (0 != messageOpcode)
            {
                return fail(CloseCode.PROTOCOL_ERROR, "new data frame inside a fragmented message"); // §5.4
            }
            if (0 != (rsv & ~allowedRsvBits))
            {
                return fail(CloseCode.PROTOCOL_ERROR, "RSV bit set without a negotiated extension"); // §5.2
            }
        }
        return true;
    }

    private boolean checkLength(final int opcode, final long payloadLength)
    {
        if (payloadLength < 0)
        {
            return fail(CloseCode.PROTOCOL_ERROR, "64-bit payload length with the most significant bit set");
        }
        if (Opcode.isControl(opcode))
        {
            return true;
        }
        if (payloadLength > maxFrameLength)
        {
            return fail(CloseCode.MESSAGE_TOO_BIG, "frame larger than the frame size limit");
        }
        final long messageSoFar = messageCompressed ? compressedLength : reassembledLength;
        final long messageLength = (Opcode.CONTINUATION == opcode ? messageSoFar : 0) + payloadLength;
        if (messageLength > maxMessageLength)
        {
            return fail(CloseCode.MESSAGE_TOO_BIG, "message larger than the message size limit");
        }
        if (Opcode.CONTINUATION == opcode && fragmentCount >= maxFragments)
        {
            return fail(CloseCode.MESSAGE_TOO_BIG, "message has more fragments than the limit");
        }
        return true;
    }

    private void onCompleteFrame(
        final int opcode,
        final boolean fin,
        final DirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final FrameHandler handler)
    {
        switch (opcode)
        {
            case Opcode.TEXT:
            case Opcode.BINARY:
                if (fin && !frameCompressed)
                {
                    deliverSingleFrame(opcode, buffer, payloadOffset, payloadLength, handler);
                }
                else
                {
                    beginMessage(opcode);
                    messageCompressed = frameCompressed;
                    fragmentCount = 1;
                    if (append(buffer, payloadOffset, payloadLength) && fin)
                    {
                        finishMessage(handler);
                    }
                }
                break;

            case Opcode.CONTINUATION:
                fragmentCount++;
                if (append(buffer, payloadOffset, payloadLength) && fin)
                {
                    finishMessage(handler);
                }
                break;

            case Opcode.PING:
                handler.onPing(buffer, payloadOffset, payloadLength);
                break;

            case Opcode.PONG:
                handler.onPong(buffer, payloadOffset, payloadLength);
                break;

            default:
                onClose(buffer, payloadOffset, payloadLength, handler);
                break;
        }
    }

    private void deliverSingleFrame(
        final int opcode,
        final DirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final FrameHandler handler)
    {
        if (Opcode.TEXT == opcode)
        {
            if (0 == headFrameValidated)
            {
                utf8.reset();
            }
            if (!utf8.update(buffer, payloadOffset + headFrameValidated, payloadLength - headFrameValidated) ||
                !utf8.isComplete())
            {
                fail(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message");
                return;
            }
        }
        deliveringInflated = false;
        handler.onMessage(opcode, buffer, payloadOffset, payloadLength);
    }

    /**
     * Validate the part of an incomplete single-frame text message that has arrived, so that bad UTF-8
     * fails now rather than when the frame completes. Remembers how far it got; the frame's bytes stay
     * at the head of the caller's input until the frame is complete.
     */
    private void validateHeadFrame(final DirectBuffer buffer, final int payloadOffset, final int availablePayload)
    {
        if (0 == headFrameValidated)
        {
            utf8.reset();
        }
        if (!utf8.update(buffer, payloadOffset + headFrameValidated, availablePayload - headFrameValidated))
        {
            fail(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message");
            return;
        }
        headFrameValidated = availablePayload;
    }

    private int streamPayload(
        final DirectBuffer buffer, final int offset, final int available, final FrameHandler handler)
    {
        final int length = Math.min(streamRemaining, available);
        if (!append(buffer, offset, length))
        {
            return 0;
        }
        streamRemaining -= length;
        if (0 == streamRemaining)
        {
            state = DecoderState.FRAME_START;
            if (streamFin)
            {
                finishMessage(handler);
            }
        }
        return length;
    }

    private void beginMessage(final int opcode)
    {
        messageOpcode = opcode;
        reassembledLength = 0;
        fragmentCount = 0;
        messageCompressed = false;
        compressedLength = 0;
        utf8.reset();
        if (null == reassembly)
        {
            reassembly = new ExpandableArrayBuffer(INITIAL_REASSEMBLY_CAPACITY);
        }
    }

    private boolean append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (messageCompressed)
        {
            compressedLength += length;
            return onInflated(inflater.inflate(
                buffer, offset, length, reassembly, reassembledLength, (int)(maxMessageLength - reassembledLength)));
        }
        if (Opcode.TEXT == messageOpcode && !utf8.update(buffer, offset, length))
        {
            return fail(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message");
        }
        reassembly.putBytes(reassembledLength, buffer, offset, length);
        reassembledLength += length;
        return true;
    }

    /**
     * Account for bytes the inflater put in the reassembly buffer, or fail on its error code.
     */
    private boolean onInflated(final int produced)
    {
        if (MessageInflater.TOO_BIG == produced)
        {
            return fail(CloseCode.MESSAGE_TOO_BIG, "inflated message larger than the message size limit");
        }
        if (produced < 0)
        {
            return fail(CloseCode.INVALID_PAYLOAD, "invalid compressed message: " + inflater.failureReason());
        }
        if (Opcode.TEXT == messageOpcode && !utf8.update(reassembly, reassembledLength, produced))
        {
            return fail(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message");
        }
        reassembledLength += produced;
        return true;
    }

    private void finishMessage(final FrameHandler handler)
    {
        if (messageCompressed && !onInflated(inflater.finishMessage(
            reassembly, reassembledLength, (int)(maxMessageLength - reassembledLength))))
        {
            return;
        }
        if (Opcode.TEXT == messageOpcode && !utf8.isComplete())
        {
            fail(CloseCode.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            return;
        }
        final int opcode = messageOpcode;
        final int length = reassembledLength;
        messageOpcode = 0;
        reassembledLength = 0;
        fragmentCount = 0;
        deliveringInflated = messageCompressed;
        messageCompressed = false;
        handler.onMessage(opcode, reassembly, 0, length);
        if (reassembly.capacity() > RETAINED_REASSEMBLY_CAPACITY)
        {
            reassembly = null;
        }
    }

    private void onClose(
        final DirectBuffer buffer, final int payloadOffset, final int payloadLength, final FrameHandler handler)
    {
        if (0 == payloadLength)
        {
            state = DecoderState.CLOSED;
            handler.onClose(CloseCode.NO_STATUS, buffer, payloadOffset, 0);
            return;
        }
        if (1 == payloadLength)
        {
            fail(CloseCode.PROTOCOL_ERROR, "close frame with a one-byte payload"); // §5.5.1
            return;
        }
        final int code = buffer.getShort(payloadOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (!CloseCode.isValidOnWire(code))
        {
            fail(CloseCode.PROTOCOL_ERROR, "invalid close code"); // §7.4
            return;
        }
        if (!Utf8Validator.isValid(buffer, payloadOffset + 2, payloadLength - 2))
        {
            fail(CloseCode.INVALID_PAYLOAD, "close reason is not valid UTF-8"); // §5.5.1
            return;
        }
        state = DecoderState.CLOSED;
        handler.onClose(code, buffer, payloadOffset + 2, payloadLength - 2);
    }

    private boolean fail(final int code, final String reason)
    {
        if (messageCompressed)
        {
            inflater.reset(); // never left half-way through a stream
        }
        state = DecoderState.FAILED;
        failureCode = code;
        failureReason = reason;
        reassembly = null; // a failed decoder delivers nothing more: hold no message-sized memory
        return false;
    }

    /**
     * Memory the decoder holds for a message in reassembly (0 when none is kept).
     *
     * @return capacity of the reassembly buffer.
     */
    public int retainedBytes()
    {
        return null == reassembly ? 0 : reassembly.capacity();
    }

    /**
     * Drop the reassembly buffer (the connection ended): a closed connection the application keeps a reference to
     * must not pin up to a message's worth of memory.
     */
    public void release()
    {
        reassembly = null;
        reassembledLength = 0;
    }
}
