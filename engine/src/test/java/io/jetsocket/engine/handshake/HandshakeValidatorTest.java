/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_ACCEPT;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_CONNECTION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_SUBPROTOCOL;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_UPGRADE;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.DUPLICATE_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.REJECTED_STATUS;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.UNOFFERED_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.UNOFFERED_SUBPROTOCOL;
import static io.jetsocket.engine.handshake.HandshakeResponseParserTest.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeValidatorTest
{
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final String STATUS_101 = "HTTP/1.1 101 Switching Protocols\r\n";
    private static final String UPGRADE = "Upgrade: websocket\r\n";
    private static final String CONNECTION = "Connection: Upgrade\r\n";
    private static final String ACCEPT_HEADER = "Sec-WebSocket-Accept: " + ACCEPT + "\r\n";
    private static final String MINIMAL_101 = STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + "\r\n";

    private static final HandshakeRequest REQUEST = HandshakeRequest
        .builder(WebSocketUri.parse("ws://example.com:9001/path"))
        .subprotocols(List.of("chat", "superchat"))
        .extension("permessage-deflate; client_max_window_bits")
        .extension("permessage-deflate")
        .extension("x-test")
        .build();

    @Test
    void shouldAcceptMinimalResponse()
    {
        final HandshakeResult result = validate(MINIMAL_101);

        assertNull(result.subprotocol());
        assertTrue(result.extensions().isEmpty());
        assertEquals(ACCEPT, result.headers().first("sec-websocket-accept"));
    }

    @Test
    void shouldAcceptRealResponseWithSubprotocolAndExtensions()
    {
        final HandshakeResult result = validate(HandshakeResponseParserTest.RESPONSE_101);

        assertEquals("chat", result.subprotocol());
        assertEquals(1, result.extensions().size());
        final NegotiatedExtension deflate = result.extension("permessage-deflate");
        assertEquals("permessage-deflate", deflate.name());
        assertEquals(List.of(
            new ExtensionParameter("server_no_context_takeover", null),
            new ExtensionParameter("client_max_window_bits", "10")), deflate.parameters());
        assertTrue(deflate.hasParameter("server_no_context_takeover"));
        assertEquals("10", deflate.parameterValue("client_max_window_bits"));
        assertNull(result.extension("x-test"));
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=10", deflate.toString());
    }

    @Test
    void shouldUseExpectedAcceptComputedFromKey()
    {
        assertEquals(ACCEPT, HandshakeKeys.acceptFor(KEY));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "200 | OK",
        "301 | Moved Permanently",
        "401 | Unauthorized",
        "403 | Forbidden",
        "404 | Not Found",
        "429 | Too Many Requests",
        "503 | Service Unavailable",
        "100 | Continue",
    })
    void shouldRejectNon101StatusKeepingStatusReasonAndHeaders(final int status, final String reason)
    {
        final HandshakeResponseParser parser = parseAll(
            "HTTP/1.1 " + status + " " + reason + "\r\n" +
            "WWW-Authenticate: Bearer realm=\"x\"\r\n" +
            "Location: wss://other.example.com/\r\n" +
            "Retry-After: 30\r\n" +
            "Set-Cookie: a=1\r\n" +
            "Set-Cookie: b=2\r\n" +
            UPGRADE + CONNECTION + ACCEPT_HEADER +
            "\r\n");

        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> HandshakeValidator.validate(REQUEST, ACCEPT, parser));

        assertEquals(REJECTED_STATUS, ex.reason());
        assertEquals(status, ex.statusCode());
        assertEquals(reason, ex.reasonPhrase());
        assertEquals("handshake rejected: HTTP " + status + " " + reason + " from ws://example.com:9001/path",
            ex.getMessage());
        assertEquals(8, ex.headers().size());
        assertEquals("30", ex.headers().first("retry-after"));
        assertEquals("Bearer realm=\"x\"", ex.headers().first("WWW-Authenticate"));
        assertEquals("wss://other.example.com/", ex.headers().first("location"));
        assertEquals(List.of("a=1", "b=2"), ex.headers().all("set-cookie"));
    }

    @Test
    void shouldRejectStatusWithEmptyReason()
    {
        final HandshakeException ex = assertFails(REJECTED_STATUS, "HTTP/1.1 404\r\n\r\n");

        assertEquals(404, ex.statusCode());
        assertEquals("", ex.reasonPhrase());
        assertEquals("handshake rejected: HTTP 404 from ws://example.com:9001/path", ex.getMessage());
    }

    @Test
    void shouldRejectMissingAccept()
    {
        final HandshakeException ex = assertFails(BAD_ACCEPT, STATUS_101 + UPGRADE + CONNECTION + "\r\n");

        assertEquals(-1, ex.statusCode());
        assertTrue(ex.getMessage().contains("missing Sec-WebSocket-Accept"), ex.getMessage());
        assertTrue(ex.getMessage().contains("ws://example.com:9001/path"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3pPLMBiTxaQ9kYGzzhZRbK+xOo", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo==", "S3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        "dGhlIHNhbXBsZSBub25jZQ==", "", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo= x"})
    void shouldRejectWrongAccept(final String accept)
    {
        final HandshakeException ex = assertFails(
            BAD_ACCEPT, STATUS_101 + UPGRADE + CONNECTION + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");

        assertTrue(ex.getMessage().contains("does not match"), ex.getMessage());
        assertEquals(-1, ex.statusCode());
        assertEquals(3, ex.headers().size());
    }

    @Test
    void shouldRejectDuplicatedAccept()
    {
        assertFails(BAD_ACCEPT, STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + ACCEPT_HEADER + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upgrade: h2c\r\n", "Upgrade: websocket2\r\n", "Upgrade: websocket, h2c\r\n",
        "Upgrade: websocket\r\nUpgrade: websocket\r\n"})
    void shouldRejectUpgradeNotWebsocket(final String upgrade)
    {
        assertFails(BAD_UPGRADE, STATUS_101 + upgrade + CONNECTION + ACCEPT_HEADER + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upgrade: WebSocket\r\n", "upgrade:WEBSOCKET \r\n"})
    void shouldAcceptUpgradeInAnyCase(final String upgrade)
    {
        validate(STATUS_101 + upgrade + CONNECTION + ACCEPT_HEADER + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Connection: keep-alive\r\n", "Connection: upgraded\r\n", "Connection: close\r\n",
        "Connection: keep-alive upgrade\r\n", "Connection:\r\n"})
    void shouldRejectConnectionWithoutUpgrade(final String connection)
    {
        assertFails(BAD_CONNECTION, STATUS_101 + UPGRADE + connection + ACCEPT_HEADER + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection: keep-alive, Upgrade\r\n", "Connection: UPGRADE\r\n",
        "Connection: keep-alive\r\nConnection: upgrade\r\n", "Connection: ,upgrade ,\r\n",
        "Connection: keep-alive,\tUpgrade\r\n"})
    void shouldAcceptConnectionContainingUpgradeToken(final String connection)
    {
        validate(STATUS_101 + UPGRADE + connection + ACCEPT_HEADER + "\r\n");
    }

    @Test
    void shouldRejectUnofferedSubprotocol()
    {
        final HandshakeException ex = assertFails(
            UNOFFERED_SUBPROTOCOL, STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER +
            "Sec-WebSocket-Protocol: mqtt\r\n\r\n");

        assertTrue(ex.getMessage().contains("\"mqtt\""), ex.getMessage());
    }

    @Test
    void shouldMatchSubprotocolCaseSensitively()
    {
        assertFails(UNOFFERED_SUBPROTOCOL, STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER +
            "Sec-WebSocket-Protocol: Chat\r\n\r\n");
    }

    @Test
    void shouldRejectSubprotocolWhenNoneOffered()
    {
        final HandshakeRequest request = HandshakeRequest.builder(WebSocketUri.parse("ws://h/")).build();
        final HandshakeResponseParser parser = parseAll(
            STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + "Sec-WebSocket-Protocol: chat\r\n\r\n");

        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> HandshakeValidator.validate(request, ACCEPT, parser));

        assertEquals(UNOFFERED_SUBPROTOCOL, ex.reason());
        assertTrue(ex.getMessage().contains("none was offered"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sec-WebSocket-Protocol: chat, superchat\r\n",
        "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: superchat\r\n",
        "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat\r\n",
        "Sec-WebSocket-Protocol:\r\n",
        "Sec-WebSocket-Protocol: chat v2\r\n"})
    void shouldRejectTwoSubprotocolsOrMalformedOne(final String protocol)
    {
        assertFails(BAD_SUBPROTOCOL, STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + protocol + "\r\n");
    }

    @Test
    void shouldAcceptOfferedSubprotocol()
    {
        assertEquals("superchat", validate(
            STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + "Sec-WebSocket-Protocol: superchat\r\n\r\n")
            .subprotocol());
    }

    @Test
    void shouldRejectUnofferedExtension()
    {
        final HandshakeException ex = assertFails(UNOFFERED_EXTENSION, STATUS_101 + UPGRADE + CONNECTION +
            ACCEPT_HEADER + "Sec-WebSocket-Extensions: permessage-deflate, x-webkit-deflate-frame\r\n\r\n");

        assertTrue(ex.getMessage().contains("x-webkit-deflate-frame"), ex.getMessage());
    }

    @Test
    void shouldRejectExtensionWhenNoneOffered()
    {
        final HandshakeRequest request = HandshakeRequest.builder(WebSocketUri.parse("ws://h/")).build();
        final HandshakeResponseParser parser = parseAll(STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER +
            "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n");

        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> HandshakeValidator.validate(request, ACCEPT, parser));

        assertEquals(UNOFFERED_EXTENSION, ex.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate\r\n",
        "Sec-WebSocket-Extensions: permessage-deflate; a=1\r\n" +
            "Sec-WebSocket-Extensions: x-test, permessage-deflate\r\n"})
    void shouldRejectDuplicateExtension(final String extensions)
    {
        assertFails(DUPLICATE_EXTENSION, STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + extensions + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits=\"10",
        "permessage-deflate; client_max_window_bits=\"10\\",
        "permessage-deflate; client_max_window_bits=\"1 0\"",
        "permessage-deflate; client_max_window_bits=",
        "permessage-deflate; =10",
        "permessage-deflate;",
        "permessage-deflate x-test",
        "permessage-deflate; a b",
        "\"permessage-deflate\"",
        "permessage-deflate; a=1=2",
        "permessage-deflate; a=(1)",
        "; a=1",
        "permessage-deflate, ;"})
    void shouldRejectMalformedExtensionHeader(final String value)
    {
        final HandshakeException ex = assertFails(
            BAD_EXTENSION,
            STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER + "Sec-WebSocket-Extensions: " + value + "\r\n\r\n");

        assertTrue(ex.getMessage().contains("malformed Sec-WebSocket-Extensions"), ex.getMessage());
    }

    @Test
    void shouldParseExtensionsAcrossHeadersWithQuotedValuesAndOptionalWhitespace()
    {
        final HandshakeResult result = validate(STATUS_101 + UPGRADE + CONNECTION + ACCEPT_HEADER +
            "Sec-WebSocket-Extensions: x-test ; a = \"1\" ;b;c=\"d\\e\" , \r\n" +
            "Sec-WebSocket-Extensions: ,\tpermessage-deflate;server_max_window_bits=15\r\n" +
            "Sec-WebSocket-Extensions:\r\n\r\n");

        assertEquals(2, result.extensions().size());
        final NegotiatedExtension test = result.extensions().get(0);
        assertEquals("x-test", test.name());
        assertEquals(List.of(
            new ExtensionParameter("a", "1"), new ExtensionParameter("b", null), new ExtensionParameter("c", "de")),
            test.parameters());
        final NegotiatedExtension deflate = result.extensions().get(1);
        assertEquals("permessage-deflate", deflate.name());
        assertEquals("15", deflate.parameterValue("server_max_window_bits"));
        assertNull(deflate.parameterValue("client_max_window_bits"));
    }

    @Test
    void shouldRequireCompleteResponse()
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();

        assertThrows(IllegalStateException.class, () -> HandshakeValidator.validate(REQUEST, ACCEPT, parser));
    }

    private static HandshakeResult validate(final String response)
    {
        return HandshakeValidator.validate(REQUEST, ACCEPT, parseAll(response));
    }

    private static HandshakeException assertFails(final HandshakeException.Reason reason, final String response)
    {
        final HandshakeResponseParser parser = parseAll(response);
        final HandshakeException ex = assertThrows(
            HandshakeException.class, () -> HandshakeValidator.validate(REQUEST, ACCEPT, parser));
        assertEquals(reason, ex.reason(), ex.getMessage());
        if (reason != REJECTED_STATUS)
        {
            assertEquals(-1, ex.statusCode());
            assertNull(ex.reasonPhrase());
            assertTrue(ex.getMessage().startsWith("handshake failed: "), ex.getMessage());
            assertTrue(ex.getMessage().endsWith(" from ws://example.com:9001/path"), ex.getMessage());
        }
        return ex;
    }
}
