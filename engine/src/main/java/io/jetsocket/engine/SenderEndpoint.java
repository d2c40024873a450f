/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.transport.Transport;
import io.jetsocket.engine.deflate.MessageDeflater;
import io.jetsocket.engine.frame.FrameEncoder;
import io.jetsocket.engine.frame.Masker;
import io.jetsocket.engine.frame.Opcode;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The sending side of one connection (engine thread only): frames messages (compressing them when
 * permessage-deflate is on), writes them straight from the engine's scratch buffer when nothing is queued, keeps
 * what the socket does not take, and writes control frames ({@link ControlFrames}) at the next frame boundary ahead
 * of queued data. Bytes that can no longer be sent are handed back to the {@link UnsentReporter}, never freed
 * silently.
 */
final class SenderEndpoint
{
    private final WebSocketConnection handle;
    private final EngineBuffers buffers;
    private final EngineCounters counters;
    private final int maxOutboundBytes;
    private final OutboundBuffer outbound;
    private final ControlFrames control = new ControlFrames();
    private final UnsentReporter reporter;
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);
    private final OutboundBuffer.FrameVisitor onUnsentFrame = this::onUnsentFrame;
    private Transport transport;
    private MessageDeflater deflater;
    private int compressionThreshold;
    private boolean shutdownOutputWhenFlushed;
    private int discardedFrames;
    private long discardedBytes;

    SenderEndpoint(
        final WebSocketConnection handle,
        final EngineBuffers buffers,
        final EngineCounters counters,
        final int maxOutboundBytes,
        final int extraRoom,
        final UnsentReporter reporter)
    {
        this.handle = handle;
        this.buffers = buffers;
        this.counters = counters;
        this.maxOutboundBytes = maxOutboundBytes;
        // Room beyond the cap for what must go out whatever the backlog: the handshake request and the close frame.
        this.outbound = new OutboundBuffer(maxOutboundBytes + extraRoom);
        this.reporter = reporter;
    }

    void transport(final Transport transport)
    {
        this.transport = transport;
    }

    void deflater(final MessageDeflater deflater, final int compressionThreshold)
    {
        this.deflater = deflater;
        this.compressionThreshold = compressionThreshold;
    }

    /**
     * Is there room for a message from the engine thread (sends from other threads reserved theirs already)?
     *
     * @return {@link SendResult#OK}, {@link SendResult#TOO_LARGE} or {@link SendResult#BACK_PRESSURED}.
     */
    int roomFor(final int payloadLength)
    {
        final int frameLength = FrameEncoder.frameLength(payloadLength);
        if (frameLength > maxOutboundBytes)
        {
            return SendResult.TOO_LARGE;
        }
        if (!outbound.isEmpty() && outbound.size() + handle.queuedBytes() + frameLength > maxOutboundBytes)
        {
            return SendResult.BACK_PRESSURED;
        }
        return SendResult.OK;
    }

    /**
     * One whole message (or a ping or pong from the user): compressed when permessage-deflate is on, the message is
     * data and not below the threshold, and compression makes it shorter.
     */
    void writeMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        throws IOException
    {
        if (null != deflater && length >= compressionThreshold && !Opcode.isControl(opcode))
        {
            final ExpandableArrayBuffer compressed = buffers.deflateScratch();
            final int compressedLength = deflater.deflate(buffer, offset, length, compressed, 0);
            if (compressedLength < length)
            {
                writeFrame(Opcode.FIN_BIT | Opcode.RSV1_BIT | opcode, compressed, 0, compressedLength);
                buffers.trimDeflateScratch();
                return;
            }
            // Incompressible: send it as it is, and restart the deflate stream, since the server's inflater never
            // sees these bytes and our next message must not refer back to them.
            deflater.resetContext();
            buffers.trimDeflateScratch();
        }
        writeFrame(Opcode.FIN_BIT | opcode, buffer, offset, length);
    }

    /**
     * Bytes of the opening handshake (proxy request, upgrade request): one unit, written before anything else.
     */
    void writeRaw(final byte[] bytes) throws IOException
    {
        arrayView.wrap(bytes);
        outbound.appendUnit(arrayView, 0, bytes.length);
        arrayView.wrap(0, 0); // keep no reference to the request bytes
        flush();
        if (outbound.isEmpty())
        {
            // Handshake bytes went out at once (the usual case): hold no outbound memory while idle.
            outbound.release();
        }
    }

    /**
     * Answer a ping: now when nothing waits, else at the next frame boundary ahead of queued data.
     */
    void pong(final DirectBuffer buffer, final int offset, final int length) throws IOException
    {
        if (outbound.isEmpty() && control.isEmpty())
        {
            writeFrame(Opcode.FIN_BIT | Opcode.PONG, buffer, offset, length);
        }
        else
        {
            control.pong(buffer, offset, length);
            flush();
        }
    }

    /**
     * The application's close: after the messages it sent before.
     */
    void closeAfterData(final int code, final byte[] reason) throws IOException
    {
        final UnsafeBuffer scratch = buffers.sendScratch();
        final int length = buffers.encoder().encodeClose(code, reason, scratch, 0);
        if (outbound.isEmpty() && control.isEmpty())
        {
            writeFromScratch(length);
        }
        else
        {
            outbound.appendFrame(scratch, 0, length);
            handle.unsentBytes(outbound.size());
        }
    }

    /**
     * A close that must not wait behind data (the echo of the server's close, or the close that fails the
     * connection): written at the next frame boundary; the data queued behind it is never sent and is handed back.
     */
    void closeFirst(final int code, final byte[] reason) throws IOException
    {
        control.close(code, reason);
        flush();
    }

    /**
     * Half-close once everything queued is written (failing the connection: the peer sees our close, then FIN).
     */
    void shutdownOutputWhenFlushed() throws IOException
    {
        shutdownOutputWhenFlushed = true;
        flush();
    }

    /**
     * Write what waits, in order: the rest of a started control frame, data up to the next frame boundary when a
     * control frame waits, the control frames, then the data.
     *
     * @return bytes written.
     */
    int flush() throws IOException
    {
        int written = transport.flushPending();
        if (!transport.hasPendingOutput())
        {
            written += writeInOrder();
        }
        counters.onBytesWritten(written);
        handle.unsentBytes(outbound.size());
        if (shutdownOutputWhenFlushed && !wantsWrite())
        {
            shutdownOutputWhenFlushed = false;
            transport.shutdownOutput();
        }
        return written;
    }

    /**
     * Does anything wait for the socket (so the connection needs OP_WRITE)?
     */
    boolean wantsWrite()
    {
        return !outbound.isEmpty() || !control.isEmpty() || (null != transport && transport.hasPendingOutput());
    }

    /**
     * The connection ended: hand back what was accepted but never written (whole messages through the reporter,
     * the rest counted), then free the memory.
     */
    void discardUnsent()
    {
        final int partial = outbound.drainUnsent(onUnsentFrame);
        if (partial > 0)
        {
            discardedFrames++;
            discardedBytes += partial;
        }
        reportDiscarded();
        handle.unsentBytes(0);
    }

    /**
     * Memory held for bytes not yet written.
     */
    int retainedBytes()
    {
        return outbound.capacity();
    }

    void release()
    {
        outbound.release();
        control.release();
        handle.unsentBytes(0);
    }

    private int writeInOrder() throws IOException
    {
        int written = control.flushPartial(transport);
        if (control.hasPartial())
        {
            return written;
        }
        if (control.hasWaiting())
        {
            if (outbound.bytesToFrameBoundary() > 0)
            {
                written += outbound.flushTo(transport, outbound.bytesToFrameBoundary());
                if (outbound.bytesToFrameBoundary() > 0)
                {
                    return written;
                }
            }
            final boolean closing = control.closeWaiting();
            written += control.writeWaiting(transport, buffers.encoder(), buffers.sendScratch(),
                buffers.sendScratchBytes());
            if (closing)
            {
                // Nothing may follow a close frame (RFC 6455 §5.5.1): the data behind it goes back to the application.
                outbound.drainUnsent(onUnsentFrame);
                reportDiscarded();
            }
            if (control.hasPartial())
            {
                return written;
            }
        }
        return written + outbound.flushTo(transport);
    }

    private void writeFrame(final int firstByte, final DirectBuffer buffer, final int offset, final int length)
        throws IOException
    {
        final int frameLength = FrameEncoder.frameLength(length);
        final UnsafeBuffer scratch = buffers.sendScratch();
        if (outbound.isEmpty() && control.isEmpty() && frameLength <= scratch.capacity())
        {
            writeFromScratch(buffers.encoder().encode(firstByte, buffer, offset, length, scratch, 0));
        }
        else
        {
            final boolean wasEmpty = outbound.isEmpty();
            final int at = outbound.claim(frameLength);
            outbound.commit(buffers.encoder().encode(firstByte, buffer, offset, length, outbound.buffer(), at));
            if (wasEmpty && control.isEmpty())
            {
                flush();
            }
            else
            {
                handle.unsentBytes(outbound.size());
            }
        }
    }

    /**
     * Write a frame encoded in the engine's scratch; keep what the socket did not take.
     */
    private void writeFromScratch(final int encoded) throws IOException
    {
        final ByteBuffer scratchBytes = buffers.sendScratchBytes();
        scratchBytes.limit(encoded).position(0);
        final int written = transport.write(scratchBytes);
        counters.onBytesWritten(written);
        if (written < encoded)
        {
            outbound.appendUnit(buffers.sendScratch(), written, encoded - written);
            handle.unsentBytes(outbound.size());
        }
    }

    private void onUnsentFrame(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final int headerLength = FrameEncoder.encodedHeaderLength(buffer, offset);
        final int payloadOffset = offset + headerLength;
        final int payloadLength = length - headerLength;
        final int firstByte = buffer.getByte(offset) & 0xFF;
        final int opcode = firstByte & Opcode.OPCODE_MASK;
        final boolean whole = (firstByte & Opcode.FIN_BIT) != 0 && (firstByte & Opcode.RSV1_BIT) == 0;
        if (whole && (Opcode.TEXT == opcode || Opcode.BINARY == opcode))
        {
            final int maskKey = buffer.getInt(payloadOffset - 4, ByteOrder.BIG_ENDIAN);
            Masker.maskCopy(buffer, payloadOffset, buffer, payloadOffset, payloadLength, maskKey); // unmask in place
            reporter.onUnsentMessage(Opcode.TEXT == opcode ? MessageType.TEXT : MessageType.BINARY,
                buffer, payloadOffset, payloadLength);
        }
        else if (!Opcode.isControl(opcode))
        {
            // Compressed with context takeover, it cannot be inflated on its own: counted, not handed back.
            discardedFrames++;
            discardedBytes += payloadLength;
        }
    }

    private void reportDiscarded()
    {
        if (discardedFrames > 0)
        {
            final int frames = discardedFrames;
            final long bytes = discardedBytes;
            discardedFrames = 0;
            discardedBytes = 0;
            reporter.onUnsentDiscarded(frames, bytes);
        }
    }

    /**
     * Receives what a connection accepted but could not send.
     */
    interface UnsentReporter
    {
        /**
         * A whole message that never left: the same as a dropped queued send.
         *
         * @param type   of the message.
         * @param buffer holding its payload (valid during the call).
         * @param offset of the payload.
         * @param length of the payload.
         */
        void onUnsentMessage(MessageType type, DirectBuffer buffer, int offset, int length);

        /**
         * Messages that cannot be handed back whole (partly written, or compressed).
         *
         * @param messages how many.
         * @param bytes    their payload bytes not written.
         */
        void onUnsentDiscarded(int messages, long bytes);
    }
}
