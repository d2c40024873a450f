/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.handshake.HandshakeResponseParser.NEED_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeResponseParserTest
{
    static final String RESPONSE_101 =
        "HTTP/1.1 101 Switching Protocols\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
        "Sec-WebSocket-Protocol: chat\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_max_window_bits=10\r\n" +
        "Date: Sun, 22 Nov 2026 06:00:00 GMT\r\n" +
        "set-cookie: a=1\r\n" +
        "Server: test\r\n" +
        "Set-Cookie: b=2\r\n" +
        "\r\n";

    /** An unmasked text frame "Hello" that a server may send in the same packet as its 101. */
    private static final byte[] FRAME = {(byte)0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};

    @Test
    void shouldParseCompleteResponseInOneChunk()
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();
        final byte[] bytes = ascii(RESPONSE_101);

        assertEquals(bytes.length, parser.parse(new UnsafeBuffer(bytes), 0, bytes.length));

        assertTrue(parser.isComplete());
        assertExpected101(parser);
        assertEquals(bytes.length, parser.headLength());
    }

    @Test
    void shouldGiveSameResultForEverySplitIntoTwoChunks()
    {
        final byte[] bytes = concat(ascii(RESPONSE_101), FRAME);
        final int headLength = RESPONSE_101.length();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        for (int split = 0; split <= bytes.length; split++)
        {
            final HandshakeResponseParser parser = new HandshakeResponseParser();
            final int first = parser.parse(buffer, 0, split);
            if (split >= headLength)
            {
                assertEquals(headLength, first, "split at " + split);
            }
            else
            {
                assertEquals(NEED_MORE, first, "split at " + split);
                assertFalse(parser.isComplete());
                assertEquals(headLength - split, parser.parse(buffer, split, bytes.length - split), "split " + split);
            }
            assertExpected101(parser);
        }
    }

    @Test
    void shouldParseOneByteAtATime()
    {
        final byte[] bytes = concat(ascii(RESPONSE_101), FRAME);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final HandshakeResponseParser parser = new HandshakeResponseParser();

        int index = 0;
        while (true)
        {
            final int result = parser.parse(buffer, index, 1);
            index++;
            if (result != NEED_MORE)
            {
                assertEquals(1, result);
                break;
            }
        }

        assertEquals(RESPONSE_101.length(), index);
        assertExpected101(parser);
    }

    @Test
    void shouldReturnConsumedCountWhenFramesFollowInSameChunk()
    {
        final byte[] head = ascii(RESPONSE_101);
        final byte[] bytes = concat(concat(new byte[]{'j', 'u', 'n', 'k'}, head), FRAME);
        final HandshakeResponseParser parser = new HandshakeResponseParser();

        final int consumed = parser.parse(new UnsafeBuffer(bytes), 4, bytes.length - 4);

        assertEquals(head.length, consumed);
        assertEquals((byte)0x81, bytes[4 + consumed]);
        assertExpected101(parser);
    }

    @Test
    void shouldNeedMoreForEmptyChunk()
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();

        assertEquals(NEED_MORE, parser.parse(new UnsafeBuffer(new byte[0]), 0, 0));
        assertEquals(-1, parser.statusCode());
        assertNull(parser.reasonPhrase());
        assertThrows(IllegalStateException.class, parser::headers);
    }

    @Test
    void shouldExposeStatusBeforeHeadersComplete()
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();
        final byte[] bytes = ascii("HTTP/1.1 401 Unauthorized\r\nWWW-Auth");

        assertEquals(NEED_MORE, parser.parse(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(401, parser.statusCode());
        assertEquals("Unauthorized", parser.reasonPhrase());
        assertFalse(parser.isComplete());
    }

    @Test
    void shouldKeepRepeatedHeadersInOrderAndMatchNamesCaseInsensitively()
    {
        final HandshakeResponseParser parser = parseAll(RESPONSE_101);
        final HttpHeaders headers = parser.headers();

        assertEquals(List.of("a=1", "b=2"), headers.all("SET-COOKIE"));
        assertEquals("a=1", headers.first("Set-Cookie"));
        assertEquals("websocket", headers.first("upgrade"));
        assertEquals("Upgrade", headers.first("CONNECTION"));
        assertTrue(headers.contains("sec-websocket-accept"));
        assertFalse(headers.contains("Sec-WebSocket-Version"));
        assertNull(headers.first("Missing"));
        assertTrue(headers.all("Missing").isEmpty());
        assertEquals(9, headers.size());
        assertEquals("set-cookie", headers.name(6));
        assertEquals("Set-Cookie", headers.name(8));
        assertEquals(List.of(
            "Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
            "Date", "set-cookie", "Server"), headers.names());
        assertEquals(List.of("a=1", "b=2"), headers.asMap().get("Set-Cookie"));
        assertEquals(List.of("a=1", "b=2"), headers.asMap().get("SET-COOKIE"));
        assertEquals(8, headers.asMap().size());
    }

    @Test
    void shouldTrimOptionalWhitespaceAroundValues()
    {
        final HttpHeaders headers = parseAll(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "A:websocket\r\n" +
            "B: \t spaced \t \r\n" +
            "C:\r\n" +
            "D:   \r\n" +
            "E: inner  space\tand tab\r\n" +
            "F: \u00e9t\u00e9\r\n" +
            "\r\n").headers();

        assertEquals("websocket", headers.first("a"));
        assertEquals("spaced", headers.first("b"));
        assertEquals("", headers.first("c"));
        assertEquals("", headers.first("d"));
        assertEquals("inner  space\tand tab", headers.first("e"));
        assertEquals("\u00e9t\u00e9", headers.first("f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 101", "HTTP/1.1 101 ", "HTTP/1.1 101 Switching Protocols", "HTTP/1.1 101 a\tb"})
    void shouldParseStatusLineVariants(final String statusLine)
    {
        final HandshakeResponseParser parser = parseAll(statusLine + "\r\n\r\n");

        assertEquals(101, parser.statusCode());
        assertEquals(statusLine.length() > 13 ? statusLine.substring(13) : "", parser.reasonPhrase());
        assertTrue(parser.headers().isEmpty());
    }

    @Test
    void shouldDecodeObsTextInReasonPhrase()
    {
        final HandshakeResponseParser parser = parseAll("HTTP/1.1 403 Interdit \u00e0 vous\r\n\r\n");

        assertEquals(403, parser.statusCode());
        assertEquals("Interdit \u00e0 vous", parser.reasonPhrase());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.0 101 Switching Protocols\r\n\r\n",
        "HTTP/1.0 200 OK\r\n\r\n",
        "HTTP/2 101 Switching Protocols\r\n\r\n",
        "HTTP/1.2 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1\r\n\r\n",
        "HTTP/1.1 10\r\n\r\n",
        "HTTP/1.1 1010 Switching\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1  101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "HTTP/1.1 600 High\r\n\r\n",
        "http/1.1 101 Switching Protocols\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        " HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\rUpgrade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade : websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade\t: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUp grade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n folded\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\tfolded\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n X: y\r\n\r\n",
        "HTTP/1.1 101 Switching\0Protocols\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: web\0socket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUp\0grade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX: a\u0001b\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX: a\u007fb\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX: a\u001bb\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX\u00e9: ab\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\"X\": ab\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX(1): ab\r\n\r\n",
    })
    void shouldRejectMalformedResponses(final String response)
    {
        final HandshakeException ex = assertThrows(HandshakeException.class, () -> parseAll(response));

        assertEquals(HandshakeException.Reason.MALFORMED_RESPONSE, ex.reason());
        assertEquals(-1, ex.statusCode());
        assertNull(ex.reasonPhrase());
        assertTrue(ex.headers().isEmpty());
        assertTrue(ex.getMessage().startsWith("malformed handshake response: "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\r") || ex.getMessage().contains("\n") || ex.getMessage().contains("\0"));
    }

    @Test
    void shouldRejectHttp10()
    {
        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> parseAll("HTTP/1.0 101 Switching Protocols\r\n\r\n"));

        assertEquals(HandshakeException.Reason.MALFORMED_RESPONSE, ex.reason());
        assertTrue(ex.getMessage().contains("unsupported HTTP version"), ex.getMessage());
        assertTrue(ex.getMessage().contains("HTTP/1.0"), ex.getMessage());
    }

    @Test
    void shouldRejectBareLfWhereverItIs()
    {
        final String response = RESPONSE_101.replace("\r\n", "\n");
        final HandshakeException ex = assertThrows(HandshakeException.class, () -> parseAll(response));

        assertTrue(ex.getMessage().contains("bare LF in line 1"), ex.getMessage());
    }

    @Test
    void shouldFailOnTheChunkThatCrossesTheByteLimit()
    {
        final int limit = RESPONSE_101.length();
        final byte[] bytes = ascii(RESPONSE_101);

        final HandshakeResponseParser exact = new HandshakeResponseParser(limit, 100);
        assertEquals(limit, exact.parse(new UnsafeBuffer(bytes), 0, bytes.length));
        assertTrue(exact.lineCapacity() <= limit);

        final HandshakeResponseParser tooSmall = new HandshakeResponseParser(limit - 1, 100);
        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> tooSmall.parse(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(HandshakeException.Reason.HEADER_LIMIT_EXCEEDED, ex.reason());
        assertTrue(ex.getMessage().contains(String.valueOf(limit - 1)), ex.getMessage());
        assertTrue(tooSmall.lineCapacity() <= limit - 1);
    }

    @Test
    void shouldEnforceHeaderCountLimit()
    {
        final String headers = "X: 1\r\n".repeat(5);
        final String response = "HTTP/1.1 101 Switching Protocols\r\n" + headers + "\r\n";

        assertEquals(5, parseAll(response, new HandshakeResponseParser(1024, 5)).headers().size());

        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> parseAll(response, new HandshakeResponseParser(1024, 4)));
        assertEquals(HandshakeException.Reason.HEADER_LIMIT_EXCEEDED, ex.reason());
        assertTrue(ex.getMessage().contains("more than 4 header fields"), ex.getMessage());
    }

    @Test
    void shouldFailResponseThatNeverEndsOnceLimitIsPassed()
    {
        assertNeverEndingResponseFails("X: " + "a".repeat(1 << 20));
        assertNeverEndingResponseFails("X-Long-Header: yyyyyyyyyyyyyyyyyyyy\r\n".repeat(30_000));
        assertNeverEndingResponseFails("HTTP/1.1 101 Switching Protocols" + " reason".repeat(200_000));
    }

    @Test
    void shouldRejectParseAfterCompletionOrFailureUntilReset()
    {
        final HandshakeResponseParser parser = parseAll(RESPONSE_101);
        final UnsafeBuffer one = new UnsafeBuffer(new byte[]{'x'});

        assertThrows(IllegalStateException.class, () -> parser.parse(one, 0, 1));

        parser.reset();
        assertFalse(parser.isComplete());
        assertEquals(-1, parser.statusCode());
        assertThrows(HandshakeException.class, () -> parseAll("HTTP/1.0 200 OK\r\n\r\n", parser));
        assertThrows(IllegalStateException.class, () -> parser.parse(one, 0, 1));

        parser.reset();
        assertExpected101(parseAll(RESPONSE_101, parser));
    }

    @Test
    void shouldRejectOutOfBoundsChunk()
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);

        assertThrows(IndexOutOfBoundsException.class, () -> parser.parse(buffer, 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> parser.parse(buffer, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> parser.parse(buffer, 0, -1));
    }

    @Test
    void shouldRejectInvalidLimits()
    {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeResponseParser(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeResponseParser(10, -1));
        assertEquals(HandshakeResponseParser.MAX_HEADER_BYTES_DEFAULT, new HandshakeResponseParser().maxHeaderBytes());
        assertEquals(HandshakeResponseParser.MAX_HEADER_COUNT_DEFAULT, new HandshakeResponseParser().maxHeaderCount());
    }

    static HandshakeResponseParser parseAll(final String response)
    {
        return parseAll(response, new HandshakeResponseParser());
    }

    static HandshakeResponseParser parseAll(final String response, final HandshakeResponseParser parser)
    {
        final byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        final int consumed = parser.parse(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(bytes.length, consumed, "response head should end exactly at the end of the input");
        return parser;
    }

    private static void assertNeverEndingResponseFails(final String endless)
    {
        final byte[] bytes = ascii(endless.startsWith("HTTP/") ? endless :
            "HTTP/1.1 101 Switching Protocols\r\n" + endless);
        assertTrue(bytes.length >= 1 << 20);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final HandshakeResponseParser parser = new HandshakeResponseParser();

        int offset = 0;
        HandshakeException failure = null;
        while (offset < bytes.length && null == failure)
        {
            final int length = Math.min(4096, bytes.length - offset);
            try
            {
                assertEquals(NEED_MORE, parser.parse(buffer, offset, length));
                offset += length;
            }
            catch (final HandshakeException ex)
            {
                failure = ex;
            }
        }

        assertTrue(null != failure, "a head without end must fail");
        assertEquals(HandshakeException.Reason.HEADER_LIMIT_EXCEEDED, failure.reason(), failure.getMessage());
        assertTrue(offset <= HandshakeResponseParser.MAX_HEADER_BYTES_DEFAULT, "failed after " + offset + " bytes");
        assertTrue(parser.lineCapacity() <= HandshakeResponseParser.MAX_HEADER_BYTES_DEFAULT);
    }

    private static void assertExpected101(final HandshakeResponseParser parser)
    {
        assertTrue(parser.isComplete());
        assertEquals(101, parser.statusCode());
        assertEquals("Switching Protocols", parser.reasonPhrase());
        final HttpHeaders headers = parser.headers();
        assertEquals(9, headers.size());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", headers.first("Sec-WebSocket-Accept"));
        assertEquals(
            "permessage-deflate; server_no_context_takeover; client_max_window_bits=10",
            headers.first("sec-websocket-extensions"));
        assertEquals(List.of("a=1", "b=2"), headers.all("Set-Cookie"));
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
