/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import org.agrona.BufferUtil;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Inflater;

import static io.jetsocket.engine.deflate.DeflateTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sending half: output a peer's inflater (the JDK's, used directly) reads back once the tail is restored,
 * with and without context takeover, from heap arrays, direct buffers and raw addresses; the deflater is created
 * on first use and ended by close().
 */
class MessageDeflaterTest
{
    private static final byte[] TAIL = {0, 0, (byte)0xFF, (byte)0xFF};

    @Test
    void shouldProduceWhatPeerInflatesWhenContextIsTakenOver() throws Exception
    {
        try (MessageDeflater deflater = new MessageDeflater(-1, false))
        {
            final Inflater peer = new Inflater(true);
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
            final int[] lengths = new int[5];
            for (int i = 0; i < lengths.length; i++)
            {
                final byte[] message = json(4000, 1); // the same message: later ones refer back to the first
                lengths[i] = deflater.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
                assertArrayEquals(message, inflate(peer, out, lengths[i]));
            }
            assertTrue(lengths[4] * 4 < lengths[0], "context takeover should shrink a repeated message: " +
                java.util.Arrays.toString(lengths));
            peer.end();
        }
    }

    @Test
    void shouldStartFreshStreamEachMessageWhenNoContextTakeover() throws Exception
    {
        try (MessageDeflater deflater = new MessageDeflater(-1, true))
        {
            final byte[] message = json(4000, 1);
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
            for (int i = 0; i < 3; i++)
            {
                final int length = deflater.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
                final Inflater fresh = new Inflater(true); // a peer without context must read every message
                assertArrayEquals(message, inflate(fresh, out, length));
                fresh.end();
            }
        }
    }

    @Test
    void shouldReadInputFromDirectBufferAndRawAddress() throws Exception
    {
        final byte[] message = json(50_000, 5);
        final ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 10);
        try (MessageDeflater deflater = new MessageDeflater(1, true))
        {
            final UnsafeBuffer viaByteBuffer = new UnsafeBuffer(direct);
            viaByteBuffer.putBytes(10, message);
            final UnsafeBuffer viaAddress = new UnsafeBuffer(BufferUtil.address(direct), direct.capacity());
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
            for (final UnsafeBuffer source : new UnsafeBuffer[]{viaByteBuffer, viaAddress})
            {
                final int length = deflater.deflate(source, 10, message.length, out, 3);
                final Inflater peer = new Inflater(true);
                final ExpandableArrayBuffer shifted = new ExpandableArrayBuffer(length);
                shifted.putBytes(0, out, 3, length);
                assertArrayEquals(message, inflate(peer, shifted, length));
                peer.end();
            }
        }
        finally
        {
            BufferUtil.free(direct);
        }
    }

    @Test
    void shouldAllocateDeflaterOnlyOnFirstMessageAndEndItOnClose()
    {
        final MessageDeflater deflater = new MessageDeflater(-1, false);
        assertFalse(deflater.isAllocated());
        final byte[] message = json(500, 1);
        deflater.deflate(new UnsafeBuffer(message), 0, message.length, new ExpandableArrayBuffer(64), 0);
        assertTrue(deflater.isAllocated());
        deflater.close();
        deflater.close();
        assertFalse(deflater.isAllocated());
        assertThrows(IllegalStateException.class, () ->
            deflater.deflate(new UnsafeBuffer(message), 0, message.length, new ExpandableArrayBuffer(64), 0));
    }

    @Test
    void shouldProduceOneStreamPeerInflatesWhenWindowIsReduced() throws Exception
    {
        // The reference check that no distance exceeds the window is ReducedWindowReferenceInflaterTest (zlib
        // limited to the window); here: every path (dictionary, Huffman-only, heap, direct) yields the bytes sent.
        final int[] sizes = {100, 300, 512, 513, 2000, 100, 50_000, 200, 511};
        final ByteBuffer direct = ByteBuffer.allocateDirect(60_000);
        try (MessageDeflater deflater = new MessageDeflater(-1, false, 9))
        {
            final Inflater peer = new Inflater(true);
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
            for (int i = 0; i < sizes.length; i++)
            {
                final byte[] message = json(sizes[i], i);
                final UnsafeBuffer source = 0 == i % 2 ? new UnsafeBuffer(message) : new UnsafeBuffer(direct);
                source.putBytes(0, message);
                final int length = deflater.deflate(source, 0, message.length, out, 0);
                assertTrue(length < message.length, "JSON compresses: message " + i);
                assertArrayEquals(message, inflate(peer, out, length), "message " + i);
            }
            peer.end();
        }
        finally
        {
            BufferUtil.free(direct);
        }
    }

    @Test
    void shouldUseEarlierMessagesInsideTheWindowAsDictionary()
    {
        final byte[] message = json(200, 1);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
        try (MessageDeflater withContext = new MessageDeflater(-1, false, 10);
            MessageDeflater withoutContext = new MessageDeflater(-1, true, 10))
        {
            final int first = withContext.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
            final int second = withContext.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
            withoutContext.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
            final int secondWithout = withoutContext.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
            assertTrue(second * 4 < first, "a repeat refers back to the first message: " + first + " -> " + second);
            assertEquals(first, secondWithout, "client_no_context_takeover: no dictionary");
        }
    }

    @Test
    void shouldLeaveMessagesSentUncompressedOutOfTheDictionary() throws Exception
    {
        // The caller sends noise uncompressed (compressed it is not shorter): the server's inflater never sees it,
        // so the next message, which repeats the noise, must not refer back to it.
        final byte[] first = json(150, 1);
        final byte[] noise = new byte[120];
        new java.util.Random(7).nextBytes(noise);
        final byte[] third = new byte[noise.length + 150];
        System.arraycopy(noise, 0, third, 0, noise.length);
        System.arraycopy(json(150, 2), 0, third, noise.length, 150);
        try (MessageDeflater deflater = new MessageDeflater(-1, false, 9))
        {
            final Inflater peer = new Inflater(true);
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
            final int firstLength = deflater.deflate(new UnsafeBuffer(first), 0, first.length, out, 0);
            assertArrayEquals(first, inflate(peer, out, firstLength));
            final int noiseLength = deflater.deflate(new UnsafeBuffer(noise), 0, noise.length, out, 0);
            assertTrue(noiseLength >= noise.length, "random bytes do not compress");
            deflater.resetContext();
            final int thirdLength = deflater.deflate(new UnsafeBuffer(third), 0, third.length, out, 0);
            assertArrayEquals(third, inflate(peer, out, thirdLength));
            peer.end();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 16, 0, -1})
    void shouldRefuseWindowBitsOutOfRange(final int bits)
    {
        assertThrows(IllegalArgumentException.class, () -> new MessageDeflater(-1, false, bits));
    }

    @Test
    void shouldEndInflaterOnCloseWhenConnectionIsReleased()
    {
        final MessageInflater inflater = new MessageInflater(false);
        assertFalse(inflater.isClosed());
        inflater.close();
        inflater.close();
        assertTrue(inflater.isClosed());
    }

    private static byte[] inflate(final Inflater peer, final ExpandableArrayBuffer compressed, final int length)
        throws Exception
    {
        final byte[] input = new byte[length + 4];
        compressed.getBytes(0, input, 0, length);
        System.arraycopy(TAIL, 0, input, length, 4);
        peer.setInput(input);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        int n;
        while ((n = peer.inflate(chunk)) > 0)
        {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
