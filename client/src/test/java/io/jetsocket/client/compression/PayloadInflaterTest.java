/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.compression;

import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.client.config.PayloadCompressionConfig;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.frame.CloseCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static io.jetsocket.client.compression.Compressed.FCOMMENT;
import static io.jetsocket.client.compression.Compressed.FEXTRA;
import static io.jetsocket.client.compression.Compressed.FHCRC;
import static io.jetsocket.client.compression.Compressed.FNAME;
import static io.jetsocket.client.compression.Compressed.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadInflaterTest
{
    private static final int LIMIT = 1024 * 1024;
    private static final byte[] JSON = utf8(
        "{\"ch\":\"market.btcusdt.trade.detail\",\"ts\":1733300000000,\"tick\":{\"id\":12345,\"ts\":1733300000000," +
        "\"data\":[{\"id\":1,\"price\":64123.1,\"amount\":0.015,\"direction\":\"buy\"}]}}");

    private final PayloadInflater gzip = new PayloadInflater(PayloadCompression.GZIP, true, LIMIT);

    // ---------------------------------------------------------------- gzip

    @Test
    void shouldInflateGzipAsGzipOutputStreamWritesIt()
    {
        assertInflates(gzip, Compressed.gzipStream(JSON), JSON);
        assertSame(PayloadCompression.GZIP, gzip.lastFormat());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, FEXTRA, FNAME, FCOMMENT, FHCRC, FEXTRA | FNAME | FCOMMENT | FHCRC, 0x01 /* FTEXT */})
    void shouldInflateGzipWithEachOptionalHeaderField(final int flags)
    {
        assertInflates(gzip, Compressed.gzip(JSON, flags), JSON);
    }

    @Test
    void shouldInflateGzipMembersOneAfterTheOther()
    {
        final byte[] second = utf8("{\"more\":2}");
        final byte[] both = Compressed.concat(Compressed.gzip(JSON, FNAME), Compressed.gzipStream(second));
        assertInflates(gzip, both, Compressed.concat(JSON, second));
    }

    @Test
    void shouldRefuseGzipWhoseCrcDoesNotMatch()
    {
        final byte[] message = Compressed.gzipStream(JSON);
        message[message.length - 8] ^= 0x01;
        assertCorrupt(gzip, message, "gzip CRC-32 mismatch");
    }

    @Test
    void shouldRefuseGzipWhoseLengthDoesNotMatch()
    {
        final byte[] message = Compressed.gzipStream(JSON);
        message[message.length - 4] ^= 0x01;
        assertCorrupt(gzip, message, "gzip length mismatch");
    }

    @Test
    void shouldRefuseGzipWhoseHeaderCrcDoesNotMatch()
    {
        final byte[] message = Compressed.gzip(JSON, FNAME | FHCRC);
        message[12] ^= 0x01; // a letter of the file name
        assertCorrupt(gzip, message, "gzip header CRC-16 mismatch");
    }

    @Test
    void shouldRefuseWhatIsNotGzip()
    {
        assertCorrupt(gzip, JSON, "not gzip: starts with 7b 22");
        final byte[] method = Compressed.gzipStream(JSON);
        method[2] = 7;
        assertCorrupt(gzip, method, "gzip compression method 7");
        final byte[] reserved = Compressed.gzipStream(JSON);
        reserved[3] = (byte)0x20;
        assertCorrupt(gzip, reserved, "reserved gzip flags set: 20");
    }

    @Test
    void shouldRefuseEveryTruncationOfGzip()
    {
        final byte[] message = Compressed.gzip(JSON, FEXTRA | FNAME | FCOMMENT | FHCRC);
        for (int length = 0; length < message.length; length++)
        {
            final int result = gzip.inflate(new UnsafeBuffer(message), 0, length);
            assertEquals(PayloadInflater.CORRUPT, result, "truncated to " + length);
            assertTrue(gzip.failureReason().startsWith("truncated"), gzip.failureReason());
        }
        assertInflates(gzip, message, JSON); // and whole, after all those failures, it still works
    }

    @Test
    void shouldRefuseBytesAfterTheGzipTrailer()
    {
        final byte[] message = Compressed.concat(Compressed.gzipStream(JSON), new byte[] {0, 0, 0});
        assertCorrupt(gzip, message, "3 bytes after the gzip trailer that start no other member");
        final byte[] truncatedMember = Compressed.gzipStream(JSON);
        assertCorrupt(gzip, Compressed.concat(truncatedMember, Arrays.copyOf(truncatedMember, 8)),
            "truncated gzip header: 8 bytes");
    }

    // ---------------------------------------------------------------- raw deflate and zlib

    @Test
    void shouldInflateRawDeflate()
    {
        final PayloadInflater deflate = new PayloadInflater(PayloadCompression.DEFLATE, true, LIMIT);
        assertInflates(deflate, Compressed.deflateRaw(JSON), JSON);
        assertCorrupt(deflate, Compressed.concat(Compressed.deflateRaw(JSON), new byte[] {1, 2}),
            "2 bytes after the final deflate block");
        final byte[] message = Compressed.deflateRaw(JSON);
        assertCorrupt(deflate, Arrays.copyOf(message, message.length - 1), "truncated");
    }

    @Test
    void shouldInflateZlibAndCheckItsAdler32()
    {
        final PayloadInflater zlib = new PayloadInflater(PayloadCompression.ZLIB, true, LIMIT);
        final byte[] message = Compressed.zlib(JSON);
        assertInflates(zlib, message, JSON);
        message[message.length - 1] ^= 0x01;
        assertCorrupt(zlib, message, "zlib Adler-32 mismatch");
        assertCorrupt(zlib, Compressed.deflateRaw(JSON), "not zlib");
        assertCorrupt(zlib, Compressed.concat(Compressed.zlib(JSON), new byte[] {9}), "1 bytes after the zlib trailer");
    }

    @Test
    void shouldTellTheFormatByTheFirstBytesInAutoMode()
    {
        final PayloadInflater auto = new PayloadInflater(PayloadCompression.AUTO, true, LIMIT);
        assertInflates(auto, Compressed.gzip(JSON, FNAME), JSON);
        assertSame(PayloadCompression.GZIP, auto.lastFormat());
        assertInflates(auto, Compressed.zlib(JSON), JSON);
        assertSame(PayloadCompression.ZLIB, auto.lastFormat());
        assertInflates(auto, Compressed.deflateRaw(JSON), JSON);
        assertSame(PayloadCompression.DEFLATE, auto.lastFormat());
    }

    @Test
    void shouldNeverTakeRawDeflateFromTheJdkForZlibInAutoMode()
    {
        // Raw deflate of any data at any level starts with bits that cannot pass the zlib header test.
        final Random random = new Random(42);
        for (int i = 0; i < 2_000; i++)
        {
            final byte[] data = new byte[random.nextInt(600)];
            if (0 == i % 2)
            {
                random.nextBytes(data); // incompressible: stored blocks
            }
            else
            {
                Arrays.fill(data, (byte)('a' + i % 26));
            }
            final byte[] raw = Compressed.deflateRaw(data);
            assertSame(PayloadCompression.DEFLATE, PayloadInflater.detect(new UnsafeBuffer(raw), 0, raw.length));
        }
    }

    // ---------------------------------------------------------------- the limit

    @Test
    void shouldStopACompressionBombAtTheLimitWithBoundedMemory()
    {
        final byte[] bomb = Compressed.gzipStream(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in ~64 KiB
        final int result = gzip.inflate(new UnsafeBuffer(bomb), 0, bomb.length);

        assertEquals(PayloadInflater.TOO_BIG, result);
        assertEquals(CloseCode.MESSAGE_TOO_BIG, gzip.failureCloseCode());
        assertTrue(gzip.failureReason().contains("1048576-byte message size limit"), gzip.failureReason());
        assertTrue(gzip.capacity() <= LIMIT + 1, "output grew to " + gzip.capacity());
        assertInflates(gzip, Compressed.gzipStream(JSON), JSON); // usable again
    }

    @Test
    void shouldAcceptAMessageOfExactlyTheLimit()
    {
        final byte[] data = new byte[LIMIT];
        Arrays.fill(data, (byte)'a');
        assertInflates(gzip, Compressed.gzipStream(data), data);
        final byte[] over = Arrays.copyOf(data, LIMIT + 1);
        over[LIMIT] = 'a';
        final byte[] message = Compressed.gzipStream(over);
        assertEquals(PayloadInflater.TOO_BIG, gzip.inflate(new UnsafeBuffer(message), 0, message.length));
        assertEquals(LIMIT + 1, gzip.capacity());
    }

    @Test
    void shouldGrowPastTheInitialBufferForALargeMessage()
    {
        final byte[] large = largeJson(200_000);
        assertTrue(large.length > PayloadInflater.INITIAL_CAPACITY * 10);
        assertInflates(gzip, Compressed.gzipStream(large), large);
        assertInflates(gzip, Compressed.gzipStream(JSON), JSON); // and back to small ones in the same buffer
    }

    // ---------------------------------------------------------------- reuse and input buffers

    @Test
    void shouldReuseOneBufferAcrossManyMessages()
    {
        final DirectBuffer buffer = gzip.buffer();
        for (int i = 0; i < 2_000; i++)
        {
            final byte[] data = utf8("{\"seq\":" + i + ",\"pad\":\"" + "x".repeat(i % 300) + "\"}");
            assertInflates(gzip, Compressed.gzip(data, 0 == i % 3 ? FNAME : 0), data);
            assertSame(buffer, gzip.buffer());
        }
        assertEquals(2_000, gzip.messages());
        assertEquals(PayloadInflater.INITIAL_CAPACITY, gzip.capacity(), "small messages never grow the buffer");
    }

    @Test
    void shouldReadOffHeapInputInPiecesAndAtAnyOffset()
    {
        final byte[] large = largeJson(100_000);
        final byte[] message = Compressed.gzip(large, FEXTRA | FNAME);
        assertTrue(message.length > PayloadInflater.INPUT_CHUNK * 2, "compressed to " + message.length);
        final ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 100);
        direct.position(37);
        direct.put(message);
        final UnsafeBuffer offHeap = new UnsafeBuffer(direct);

        assertEquals(large.length, gzip.inflate(offHeap, 37, message.length));
        assertArrayEquals(large, copy(gzip.buffer(), large.length));

        final byte[] padded = new byte[message.length + 20];
        System.arraycopy(message, 0, padded, 11, message.length);
        final UnsafeBuffer slice = new UnsafeBuffer(padded, 5, message.length + 10); // wrap adjustment 5
        assertEquals(large.length, gzip.inflate(slice, 6, message.length));
        assertArrayEquals(large, copy(gzip.buffer(), large.length));
    }

    // ---------------------------------------------------------------- UTF-8

    @Test
    void shouldRefuseInvalidUtf8OnlyWhenDeliveredAsText()
    {
        final byte[] notUtf8 = {'{', (byte)0xC0, (byte)0x80, '}'};
        assertCorrupt(gzip, Compressed.gzipStream(notUtf8), "not valid UTF-8");
        final PayloadInflater binary = PayloadInflater.of(
            PayloadCompressionConfig.of(PayloadCompression.GZIP, MessageType.BINARY), LIMIT);
        assertInflates(binary, Compressed.gzipStream(notUtf8), notUtf8);
    }

    @Test
    void shouldMakeNoInflaterWhenCompressionIsOff()
    {
        assertNull(PayloadInflater.of(PayloadCompressionConfig.none(), LIMIT));
        assertThrows(IllegalArgumentException.class, () -> new PayloadInflater(PayloadCompression.NONE, true, 1));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertInflates(final PayloadInflater inflater, final byte[] message, final byte[] expected)
    {
        final int length = inflater.inflate(new UnsafeBuffer(message), 0, message.length);
        assertEquals(expected.length, length, () -> "failed: " + inflater.failureReason());
        assertArrayEquals(expected, copy(inflater.buffer(), length));
    }

    private static void assertCorrupt(final PayloadInflater inflater, final byte[] message, final String reason)
    {
        assertEquals(PayloadInflater.CORRUPT, inflater.inflate(new UnsafeBuffer(message), 0, message.length));
        assertEquals(CloseCode.INVALID_PAYLOAD, inflater.failureCloseCode());
        assertTrue(inflater.failureReason().contains(reason), inflater.failureReason());
    }

    private static byte[] copy(final DirectBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] largeJson(final int minLength)
    {
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < minLength; i++)
        {
            json.append("{\"seq\":").append(i).append(",\"price\":").append(64000 + i % 977).append("},");
        }
        json.setLength(json.length() - 1);
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
