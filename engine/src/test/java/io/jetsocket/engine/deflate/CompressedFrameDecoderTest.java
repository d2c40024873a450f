/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.frame.FrameHandler;
import io.jetsocket.engine.frame.Opcode;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static io.jetsocket.engine.deflate.DeflateTestSupport.compress;
import static io.jetsocket.engine.deflate.DeflateTestSupport.compressFinal;
import static io.jetsocket.engine.deflate.DeflateTestSupport.concat;
import static io.jetsocket.engine.deflate.DeflateTestSupport.frame;
import static io.jetsocket.engine.deflate.DeflateTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame decoder with permessage-deflate on (RFC 7692 §6, §7.2.2): compressed messages in one frame or many,
 * mixed with uncompressed ones, with and without context takeover, a final block, and every failure: RSV1 in the
 * wrong place (1002), corrupt or trailing deflate data (1007), inflated text that is not UTF-8 (1007), and a
 * message that inflates past the limit (1009, with the reassembly buffer bounded by the limit).
 */
class CompressedFrameDecoderTest
{
    private static final int READ_BUFFER = 64 * 1024;

    private final Deflater serverDeflater = DeflateTestSupport.rawDeflater();
    private MessageInflater inflater;
    private final DeflateTestSupport.Recorder recorder = new DeflateTestSupport.Recorder();

    @AfterEach
    void endNativeMemory()
    {
        serverDeflater.end();
        if (null != inflater)
        {
            inflater.close();
        }
    }

    private FrameDecoder decoder(final int maxMessage, final boolean noContextTakeover)
    {
        final FrameDecoder decoder = new FrameDecoder(maxMessage, maxMessage, READ_BUFFER, 1000);
        inflater = new MessageInflater(noContextTakeover);
        decoder.inflater(inflater);
        return decoder;
    }

    /**
     * Offer the bytes as a connection would: appended to a buffer, the unconsumed tail kept and offered again.
     */
    private static void feed(final FrameDecoder decoder, final byte[] bytes, final int chunk,
        final FrameHandler recorder)
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(Math.max(READ_BUFFER, bytes.length));
        final UnsafeBuffer buffer = new UnsafeBuffer(direct);
        try
        {
            int start = 0;
            int limit = 0;
            for (int fed = 0; fed < bytes.length; )
            {
                final int n = Math.min(chunk, bytes.length - fed);
                if (limit + n > buffer.capacity())
                {
                    buffer.putBytes(0, buffer, start, limit - start);
                    limit -= start;
                    start = 0;
                }
                buffer.putBytes(limit, bytes, fed, n);
                limit += n;
                fed += n;
                start += decoder.decode(buffer, start, limit - start, recorder);
            }
        }
        finally
        {
            BufferUtil.free(direct);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100, 65536})
    void shouldInflateSingleFrameMessagesWhenSplitAtAnyBoundary(final int chunk)
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] first = json(3000, 1);
        final byte[] second = json(5000, 2);
        final byte[] wire = concat(
            frame(true, true, Opcode.TEXT, compress(serverDeflater, first)),
            frame(true, true, Opcode.BINARY, compress(serverDeflater, second)));

        feed(decoder, wire, chunk, recorder);

        assertEquals(DecoderState.FRAME_START, decoder.state(), decoder::failureReason);
        assertEquals(2, recorder.messages.size());
        assertArrayEquals(first, recorder.messages.get(0));
        assertArrayEquals(second, recorder.messages.get(1));
        assertEquals(Opcode.TEXT, recorder.opcodes.get(0));
        assertEquals(Opcode.BINARY, recorder.opcodes.get(1));
    }

    @Test
    void shouldInflateFragmentedMessageWhenRsv1IsOnFirstFrameOnly()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] message = json(20_000, 3);
        final byte[] compressed = compress(serverDeflater, message);
        final int third = compressed.length / 3;
        final byte[] wire = concat(
            frame(false, true, Opcode.TEXT, java.util.Arrays.copyOfRange(compressed, 0, third)),
            frame(true, false, Opcode.PING, new byte[]{1, 2}),
            frame(false, false, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(compressed, third, 2 * third)),
            frame(true, false, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(compressed, 2 * third,
            compressed.length)));

        feed(decoder, wire, 1000, recorder);

        assertEquals(1, recorder.messages.size(), decoder::failureReason);
        assertArrayEquals(message, recorder.messages.get(0));
    }

    @Test
    void shouldDecodeMixedMessagesWhenContextIsTakenOver()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[][] messages = new byte[20][];
        final byte[][] frames = new byte[20][];
        for (int i = 0; i < messages.length; i++)
        {
            messages[i] = json(i % 3 == 0 ? 20 : 400 + i * 10, i);
            // Small messages go uncompressed (RSV1 off); the others share one deflate context.
            frames[i] = i % 3 == 0 ? frame(true, false, Opcode.TEXT, messages[i]) :
                frame(true, true, Opcode.TEXT, compress(serverDeflater, messages[i]));
        }

        feed(decoder, concat(frames), 777, recorder);

        assertEquals(messages.length, recorder.messages.size(), decoder::failureReason);
        for (int i = 0; i < messages.length; i++)
        {
            assertArrayEquals(messages[i], recorder.messages.get(i), "message " + i);
        }
    }

    /**
     * The decoder tells the handler, during each delivery, whether that message came compressed: whole and
     * fragmented ones of both kinds, interleaved, so a stale flag from the message before would show.
     */
    @Test
    void shouldTellDuringEachDeliveryWhetherTheMessageWasInflated()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] small = json(20, 1);
        final byte[] large = json(900, 2);
        final byte[] first = compress(serverDeflater, large);
        final byte[] second = compress(serverDeflater, large); // the same deflate context: shorter
        final int half = second.length / 2;
        final byte[] wire = concat(
            frame(true, true, Opcode.TEXT, first),
            frame(true, false, Opcode.TEXT, small),
            frame(false, true, Opcode.TEXT, Arrays.copyOfRange(second, 0, half)),
            frame(true, false, Opcode.CONTINUATION, Arrays.copyOfRange(second, half, second.length)),
            frame(false, false, Opcode.TEXT, Arrays.copyOfRange(small, 0, 5)),
            frame(true, false, Opcode.CONTINUATION, Arrays.copyOfRange(small, 5, small.length)));
        final List<Boolean> inflated = new ArrayList<>();
        final FrameHandler handler = new FrameHandler()
        {
            public void onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
            {
                inflated.add(decoder.isDeliveringInflated());
                recorder.onMessage(opcode, buffer, offset, length);
            }

            public void onPing(final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onPong(final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onClose(final int code, final DirectBuffer buffer, final int offset, final int length)
            {
            }
        };

        feed(decoder, wire, 64, handler);

        assertEquals(List.of(true, false, true, false), inflated, decoder::failureReason);
        assertArrayEquals(large, recorder.messages.get(0));
        assertArrayEquals(small, recorder.messages.get(1));
        assertArrayEquals(large, recorder.messages.get(2));
        assertArrayEquals(small, recorder.messages.get(3));
    }

    @Test
    void shouldResetInflaterWhenServerHasNoContextTakeover()
    {
        final FrameDecoder decoder = decoder(1 << 20, true);
        final byte[] message = json(2000, 9);
        final byte[] compressed = compress(serverDeflater, message);
        serverDeflater.reset();
        // The same bytes twice only decode if the inflater starts afresh for the second message.
        final byte[] wire = concat(frame(true, true, Opcode.TEXT, compressed), frame(true, true, Opcode.TEXT,
            compress(serverDeflater, message)));

        feed(decoder, wire, 65536, recorder);

        assertEquals(2, recorder.messages.size(), decoder::failureReason);
        assertArrayEquals(message, recorder.messages.get(1));
    }

    @Test
    void shouldAcceptMessagesWhoseDeflateStreamEndsWithFinalBlock()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] first = json(1000, 1);
        final byte[] second = json(1500, 2);
        final byte[] wire = concat(frame(true, true, Opcode.TEXT, compressFinal(first)),
            frame(true, true, Opcode.TEXT, compressFinal(second)));

        feed(decoder, wire, 65536, recorder);

        assertEquals(2, recorder.messages.size(), decoder::failureReason);
        assertArrayEquals(first, recorder.messages.get(0));
        assertArrayEquals(second, recorder.messages.get(1));
    }

    @Test
    void shouldFailWith1007WhenDataFollowsFinalBlock()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] payload = concat(compressFinal(json(500, 1)), new byte[]{0x12, 0x34, 0x56});

        feed(decoder, frame(true, true, Opcode.TEXT, payload), 65536, recorder);

        assertFailed(decoder, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldFailWith1007WhenFinalBlockIsMidMessage()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] payload = compressFinal(json(500, 1));
        final byte[] wire = concat(frame(false, true, Opcode.TEXT, payload),
            frame(true, false, Opcode.CONTINUATION, compress(serverDeflater, json(100, 2))));

        feed(decoder, wire, 65536, recorder);

        assertFailed(decoder, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldFailWith1007WhenDeflateDataIsCorrupt()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] payload = {(byte)0xFF, (byte)0xFF, (byte)0xFF, 0x00, 0x11, 0x22};

        feed(decoder, frame(true, true, Opcode.BINARY, payload), 65536, recorder);

        assertFailed(decoder, CloseCode.INVALID_PAYLOAD);
        assertTrue(decoder.failureReason().contains("invalid compressed message"), decoder::failureReason);
    }

    @Test
    void shouldFailWith1007WhenInflatedTextIsNotUtf8()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] text = concat("price: ".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte)0xC0, (byte)0xAF});

        feed(decoder, frame(true, true, Opcode.TEXT, compress(serverDeflater, text)), 65536, recorder);

        assertFailed(decoder, CloseCode.INVALID_PAYLOAD);
        assertTrue(decoder.failureReason().contains("UTF-8"), decoder::failureReason);
    }

    @Test
    void shouldFailWith1002WhenRsv1IsOnContinuationFrame()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);
        final byte[] compressed = compress(serverDeflater, json(1000, 1));
        final byte[] wire = concat(frame(false, true, Opcode.TEXT, java.util.Arrays.copyOf(compressed, 10)),
            frame(true, true, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(compressed, 10, compressed.length)));

        feed(decoder, wire, 65536, recorder);

        assertFailed(decoder, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldFailWith1002WhenRsv1IsOnControlFrame()
    {
        final FrameDecoder decoder = decoder(1 << 20, false);

        feed(decoder, frame(true, true, Opcode.PING, new byte[]{1}), 65536, recorder);

        assertFailed(decoder, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldFailWith1002WhenRsv1ArrivesWithoutDeflate()
    {
        final FrameDecoder decoder = new FrameDecoder(1 << 20, 1 << 20, READ_BUFFER, 1000);

        feed(decoder, frame(true, true, Opcode.TEXT, compress(serverDeflater, json(100, 1))), 65536, recorder);

        assertFailed(decoder, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldDeliverMessageWhenInflatedSizeIsExactlyTheLimit()
    {
        final int limit = 100_000;
        final FrameDecoder decoder = decoder(limit, false);
        final byte[] message = json(limit, 4);

        feed(decoder, frame(true, true, Opcode.TEXT, compress(serverDeflater, message)), 4096, recorder);

        assertEquals(1, recorder.messages.size(), decoder::failureReason);
        assertArrayEquals(message, recorder.messages.get(0));
    }

    @Test
    void shouldFailWith1009WhenInflatedSizeIsOneOverTheLimit()
    {
        final int limit = 100_000;
        final FrameDecoder decoder = decoder(limit, false);

        feed(decoder, frame(true, true, Opcode.TEXT, compress(serverDeflater, json(limit + 1, 4))), 4096, recorder);

        assertFailed(decoder, CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    void shouldFailWith1009EarlyAndStayBoundedWhenMessageIsDecompressionBomb()
    {
        final int limit = 1 << 20;
        final FrameDecoder decoder = decoder(limit, false);
        // 1 GiB of zeros deflates to about 1 MiB: stream it in 16 KiB frames of one fragmented message.
        final Deflater bomb = new Deflater(Deflater.BEST_COMPRESSION, true);
        final byte[] zeros = new byte[1 << 20];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        try
        {
            int frames = 0;
            long compressedBytes = 0;
            for (int i = 0; i < 1024 && DecoderState.FAILED != decoder.state(); i++)
            {
                final byte[] part = DeflateTestSupport.compressKeepingTail(bomb, zeros);
                compressedBytes += part.length;
                feed(decoder, frame(false, 0 == i, 0 == i ? Opcode.BINARY : Opcode.CONTINUATION, part), 16384,
                    recorder);
                frames++;
            }
            assertFailed(decoder, CloseCode.MESSAGE_TOO_BIG);
            assertTrue(frames <= 2, "failed only after " + frames + " frames, " + compressedBytes + " bytes");
            // The reassembly buffer grows to about the limit, never towards the 1 GiB the bomb inflates to.
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
            assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes");
        }
        finally
        {
            bomb.end();
        }
    }

    @Test
    void shouldKeepDecodingWhenRandomMessagesRoundTrip()
    {
        final FrameDecoder decoder = decoder(1 << 22, false);
        final Random random = new Random(11);
        final byte[][] messages = new byte[200][];
        final byte[][] frames = new byte[200][];
        for (int i = 0; i < messages.length; i++)
        {
            final byte[] message = new byte[random.nextInt(70_000)];
            for (int j = 0; j < message.length; j++)
            {
                message[j] = (byte)(random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(3));
            }
            messages[i] = message;
            frames[i] = frame(true, true, Opcode.BINARY, compress(serverDeflater, message));
        }

        feed(decoder, concat(frames), 1 + random.nextInt(20_000), recorder);

        assertEquals(messages.length, recorder.messages.size(), decoder::failureReason);
        for (int i = 0; i < messages.length; i++)
        {
            assertArrayEquals(messages[i], recorder.messages.get(i), "message " + i);
        }
    }

    private void assertFailed(final FrameDecoder decoder, final int code)
    {
        assertEquals(DecoderState.FAILED, decoder.state());
        assertEquals(code, decoder.failureCode(), decoder::failureReason);
        assertEquals(0, recorder.messages.size());
    }
}
