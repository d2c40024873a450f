/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeRequestTest
{
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final WebSocketUri URI = WebSocketUri.parse("ws://server.example.com/chat");

    @Test
    void shouldEncodeExactBytesOfSimpleRequest()
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).build();

        final String expected =
            "GET /chat HTTP/1.1\r\n" +
            "Host: server.example.com\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "\r\n";

        assertEquals(expected, ascii(HandshakeRequestEncoder.encode(request, KEY)));
        assertEquals(expected.length(), request.encodedLength());
        assertEquals(expected.length(), HandshakeRequestEncoder.encodedLength(request));
        assertNull(request.origin());
        assertTrue(request.subprotocols().isEmpty());
        assertTrue(request.extensions().isEmpty());
        assertTrue(request.headers().isEmpty());
    }

    @Test
    void shouldEncodeAllOptionsInOrder()
    {
        final HandshakeRequest request = HandshakeRequest.builder(WebSocketUri.parse("wss://[::1]:8443/feed?x=1"))
            .origin("https://example.com")
            .subprotocols(List.of("chat", "superchat"))
            .subprotocol("v3.json")
            .extension("permessage-deflate; client_max_window_bits")
            .extension("  permessage-deflate  ")
            .extension("x-custom; a=\"b\"; c=1")
            .header("Authorization", "Bearer abc.def")
            .header("X-Trace", "1")
            .header("x-trace", "\t2 3 ")
            .build();

        final String expected =
            "GET /feed?x=1 HTTP/1.1\r\n" +
            "Host: [::1]:8443\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "Origin: https://example.com\r\n" +
            "Sec-WebSocket-Protocol: chat, superchat, v3.json\r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, permessage-deflate, " +
            "x-custom; a=\"b\"; c=1\r\n" +
            "Authorization: Bearer abc.def\r\n" +
            "X-Trace: 1\r\n" +
            "x-trace: \t2 3 \r\n" +
            "\r\n";

        assertEquals(expected, ascii(HandshakeRequestEncoder.encode(request, KEY)));
        assertEquals(List.of("permessage-deflate", "x-custom"), request.extensionNames());
        assertEquals(List.of("chat", "superchat", "v3.json"), request.subprotocols());
        assertEquals(List.of("1", "\t2 3 "), request.headers().all("X-TRACE"));
    }

    @Test
    void shouldEncodeIntoBufferAtOffset()
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).origin("null").build();
        final byte[] expected = HandshakeRequestEncoder.encode(request, KEY);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[expected.length + 10]);

        final int length = HandshakeRequestEncoder.encode(request, KEY, buffer, 7);

        assertEquals(expected.length, length);
        final byte[] written = new byte[length];
        buffer.getBytes(7, written);
        assertArrayEquals(expected, written);
        assertEquals(0, buffer.getByte(6));
    }

    @Test
    void shouldEncodeIntoExpandableBuffer()
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).build();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4);

        final int length = HandshakeRequestEncoder.encode(request, KEY, buffer, 3);

        assertEquals(request.encodedLength(), length);
        assertEquals("GET /chat", buffer.getStringWithoutLengthAscii(3, 9));
    }

    @Test
    void shouldRefuseBufferTooSmallWithoutWriting()
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).build();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[request.encodedLength()]);

        assertThrows(IllegalArgumentException.class, () -> HandshakeRequestEncoder.encode(request, KEY, buffer, 1));
        assertThrows(IllegalArgumentException.class, () -> HandshakeRequestEncoder.encode(request, KEY, buffer, -1));
        assertEquals(0, buffer.getByte(1));
        assertEquals(request.encodedLength(), HandshakeRequestEncoder.encode(request, KEY, buffer, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "dGhlIHNhbXBsZSBub25j\r\n==", "dGhlIHNhbXBsZSBub25jZQ==\r\nX: y"})
    void shouldRejectMalformedKey(final String key)
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).build();

        assertThrows(IllegalArgumentException.class, () -> HandshakeRequestEncoder.encode(request, key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n", "\0", "\u0001", "\u007f", "\u00e9", "\u2028"})
    void shouldRejectInjectionInEveryUserSuppliedValue(final String bad)
    {
        final String payload = "a" + bad + "X-Injected: 1";

        assertRejected(b -> WebSocketUri.parse("ws://example.com/" + payload), "control|non-ASCII|whitespace");
        assertRejected(b -> b.header("X-" + payload, "v"), "not a token");
        assertRejected(b -> b.header("X-Test", payload), "contains");
        assertRejected(b -> b.subprotocol(payload), "not a token");
        assertRejected(b -> b.subprotocols(List.of("ok", payload)), "not a token");
        assertRejected(b -> b.origin("https://" + payload), "contains");
        assertRejected(b -> b.extension("permessage-deflate; x=" + payload), "contains");
        assertRejected(b -> b.extension(payload), "contains");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Host", "host", "Upgrade", "CONNECTION", "Sec-WebSocket-Key", "sec-websocket-version", "Sec-WebSocket-Accept",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin", "Content-Length", "Transfer-Encoding"})
    void shouldRefuseHeadersOwnedByTheHandshake(final String name)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> HandshakeRequest.builder(URI).header(name, "x"));

        assertTrue(ex.getMessage().contains(name), ex.getMessage());
        assertTrue(ex.getMessage().contains("cannot be added as an extra header"), ex.getMessage());
    }

    @Test
    void shouldPointToDedicatedOptions()
    {
        assertRejected(b -> b.header("sec-websocket-protocol", "chat"), "subprotocol\\(String\\)");
        assertRejected(b -> b.header("Sec-WebSocket-Extensions", "x"), "extension\\(String\\)");
        assertRejected(b -> b.header("Origin", "x"), "origin\\(String\\)");
    }

    @Test
    void shouldRejectInvalidTokensAndDuplicates()
    {
        assertRejected(b -> b.header("", "v"), "empty");
        assertRejected(b -> b.header(null, "v"), "not a token");
        assertRejected(b -> b.header("X Test", "v"), "not a token");
        assertRejected(b -> b.header("X:Test", "v"), "not a token");
        assertRejected(b -> b.header("X-Test", null), "must not be null");
        assertRejected(b -> b.subprotocol(""), "not a token");
        assertRejected(b -> b.subprotocol("chat,superchat"), "not a token");
        assertRejected(b -> b.subprotocol("chat v2"), "not a token");
        assertRejected(b -> b.subprotocol("chat").subprotocol("chat"), "offered twice");
        assertRejected(b -> b.subprotocols(List.of("a", "b", "a")), "offered twice");
        assertRejected(b -> b.subprotocols(null), "must not be null");
        assertRejected(b -> b.origin(""), "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "permessage deflate", "permessage-deflate,x-other", "permessage-deflate;", "x; =1", "x; a=",
        "x; a=\"unterminated", "x; a=\"not a token\"", "x; a=b c", "\"x\"", "x;; a", "x; a=\"\""})
    void shouldRejectMalformedExtensionOffers(final String offer)
    {
        assertRejected(b -> b.extension(offer), "invalid extension offer");
    }

    @Test
    void shouldRejectRequestLargerThanLimit()
    {
        final HandshakeRequest.Builder builder = HandshakeRequest.builder(URI).header("X-Big", "a".repeat(15_000));
        assertTrue(builder.build().encodedLength() <= HandshakeRequest.MAX_ENCODED_LENGTH);

        builder.header("X-Big-2", "b".repeat(2_000));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("16384"), ex.getMessage());
        assertTrue(ex.getMessage().contains("ws://server.example.com/chat"), ex.getMessage());
    }

    @Test
    void shouldAcceptRequestOfExactlyTheLimit()
    {
        final int fixed = HandshakeRequest.builder(URI).header("X-Pad", "").build().encodedLength();
        final HandshakeRequest request = HandshakeRequest.builder(URI)
            .header("X-Pad", "p".repeat(HandshakeRequest.MAX_ENCODED_LENGTH - fixed))
            .build();

        assertEquals(HandshakeRequest.MAX_ENCODED_LENGTH, request.encodedLength());
        assertEquals(HandshakeRequest.MAX_ENCODED_LENGTH, HandshakeRequestEncoder.encode(request, KEY).length);
    }

    @Test
    void shouldEncodeDistinctKeysPerAttempt()
    {
        final HandshakeRequest request = HandshakeRequest.builder(URI).build();
        final String first = ascii(HandshakeRequestEncoder.encode(request, HandshakeKeys.newKey()));
        final String second = ascii(HandshakeRequestEncoder.encode(request, HandshakeKeys.newKey()));

        assertEquals(first.length(), second.length());
        assertNotEquals(first, second);
    }

    private static void assertRejected(final Consumer<HandshakeRequest.Builder> action, final String messageRegex)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> action.accept(HandshakeRequest.builder(URI)));
        assertTrue(ex.getMessage().matches("(?s).*(" + messageRegex + ").*"), ex.getMessage());
    }

    private static String ascii(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
