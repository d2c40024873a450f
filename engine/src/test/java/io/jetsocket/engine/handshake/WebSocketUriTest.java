/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketUriTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // uri | secure | host | port | resource | hostHeader | toString
        "ws://example.com | false | example.com | 80 | / | example.com | ws://example.com/",
        "wss://example.com | true | example.com | 443 | / | example.com | wss://example.com/",
        "WS://Example.COM/Path | false | example.com | 80 | /Path | example.com | ws://example.com/Path",
        "WsS://example.com:443/a | true | example.com | 443 | /a | example.com | wss://example.com/a",
        "ws://example.com:80/a | false | example.com | 80 | /a | example.com | ws://example.com/a",
        "ws://example.com:443/a | false | example.com | 443 | /a | example.com:443 | ws://example.com:443/a",
        "wss://example.com:80/a | true | example.com | 80 | /a | example.com:80 | wss://example.com:80/a",
        "ws://localhost:9001/f?x=1 | false | localhost | 9001 | /f?x=1 | localhost:9001 | ws://localhost:9001/f?x=1",
        "ws://h?x=1 | false | h | 80 | /?x=1 | h | ws://h/?x=1",
        "ws://h/a? | false | h | 80 | /a | h | ws://h/a",
        "ws://h/a?b?c=/d | false | h | 80 | /a?b?c=/d | h | ws://h/a?b?c=/d",
        "ws://h/%20a%2Fb | false | h | 80 | /%20a%2Fb | h | ws://h/%20a%2Fb",
        "ws://h:1/ | false | h | 1 | / | h:1 | ws://h:1/",
        "ws://h:65535/ | false | h | 65535 | / | h:65535 | ws://h:65535/",
        "ws://127.0.0.1:8080/x | false | 127.0.0.1 | 8080 | /x | 127.0.0.1:8080 | ws://127.0.0.1:8080/x",
        "ws://[::1]:9001/x | false | ::1 | 9001 | /x | [::1]:9001 | ws://[::1]:9001/x",
        "wss://[::1]/x | true | ::1 | 443 | /x | [::1] | wss://[::1]/x",
        "ws://[2001:DB8::1] | false | 2001:db8::1 | 80 | / | [2001:db8::1] | ws://[2001:db8::1]/",
        "ws://[::ffff:10.0.0.1]:81 | false | ::ffff:10.0.0.1 | 81 | / | [::ffff:10.0.0.1]:81 | " +
            "ws://[::ffff:10.0.0.1]:81/",
        "ws://[1:2:3:4:5:6:7:8]/ | false | 1:2:3:4:5:6:7:8 | 80 | / | [1:2:3:4:5:6:7:8] | ws://[1:2:3:4:5:6:7:8]/",
        "ws://my_host-1.example/ | false | my_host-1.example | 80 | / | my_host-1.example | ws://my_host-1.example/",
    })
    void shouldParseValidUris(
        final String uri,
        final boolean secure,
        final String host,
        final int port,
        final String resource,
        final String hostHeader,
        final String normalised)
    {
        final WebSocketUri parsed = WebSocketUri.parse(uri);

        assertEquals(secure, parsed.isSecure());
        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(resource, parsed.resource());
        assertEquals(hostHeader, parsed.hostHeader());
        assertEquals(normalised, parsed.toString());
        assertEquals(parsed, WebSocketUri.parse(normalised));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "http://example.com/         | unsupported scheme",
        "https://example.com/        | unsupported scheme",
        "wsx://example.com/          | unsupported scheme",
        "example.com/                | missing scheme",
        "://example.com/             | missing scheme",
        "ws:example.com              | missing '//'",
        "ws:/example.com             | missing '//'",
        "ws://                       | missing host",
        "ws:///path                  | missing host",
        "ws://:80/                   | missing host",
        "ws://?x                     | missing host",
        "ws://user@example.com/      | user-info",
        "ws://user:pw@example.com/   | user-info",
        "ws://example.com:/          | empty port",
        "ws://example.com:0/         | out of range",
        "ws://example.com:65536/     | out of range",
        "ws://example.com:123456/    | out of range",
        "ws://example.com:-1/        | not a number",
        "ws://example.com:8o/        | not a number",
        "ws://example.com:80:81/     | not a number",
        "ws://[::1/                  | unterminated IPv6",
        "ws://[::1]x/                | after IPv6",
        "ws://[]/                    | invalid IPv6",
        "ws://[1::2::3]/             | invalid IPv6",
        "ws://[1:2:3:4:5:6:7]/       | invalid IPv6",
        "ws://[12345::]/             | invalid IPv6",
        "ws://[::1%25eth0]/          | invalid IPv6",
        "ws://[::1.2.3]/             | invalid IPv6",
        "ws://::1/                   | missing host",
        "ws://exa%6Dple.com/         | in host",
        "ws://exa!mple.com/          | in host",
        "ws://example.com/#frag      | fragment",
        "ws://example.com/a?b#       | fragment",
        "'ws://example.com/a|b'      | must be percent-encoded",
        "ws://example.com/a\"b       | must be percent-encoded",
        "ws://example.com/{x}        | must be percent-encoded",
        "ws://example.com/a%2        | malformed percent-encoding",
        "ws://example.com/a%zz       | malformed percent-encoding",
        "ws://example.com/\\         | must be percent-encoded",
    })
    void shouldRejectInvalidUris(final String uri, final String expectedProblem)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> WebSocketUri.parse(uri));

        assertTrue(ex.getMessage().contains(expectedProblem), ex.getMessage());
        assertTrue(ex.getMessage().contains("invalid WebSocket URI"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ws://example.com/a\r\nX-Injected: 1",
        "ws://example.com/a\nb",
        "ws://example.com/a\rb",
        "ws://example.com/a\0b",
        "ws://exam\0ple.com/",
        "ws://example.com/a b",
        "ws://example.com/a\tb",
        " ws://example.com/",
        "ws://example.com/ ",
        "ws://example.com/\u0085",
        "ws://example.com/\u00e9",
        "ws://example.com/\u007f",
        "ws://ex\u0430mple.com/",
    })
    void shouldRejectWhitespaceControlAndNonAsciiCharacters(final String uri)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> WebSocketUri.parse(uri));

        assertTrue(ex.getMessage().matches("(?s).*(whitespace|control character|non-ASCII).*"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\r") || ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void shouldRejectFragmentInUri()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> WebSocketUri.parse("wss://example.com/chat#top"));

        assertTrue(ex.getMessage().contains("wss://example.com/chat#top"), ex.getMessage());
        assertTrue(ex.getMessage().contains("fragment"), ex.getMessage());
    }

    @Test
    void shouldRejectNull()
    {
        assertThrows(IllegalArgumentException.class, () -> WebSocketUri.parse(null));
        assertThrows(IllegalArgumentException.class, () -> WebSocketUri.of(null));
    }

    @Test
    void shouldParseJavaNetUri()
    {
        final WebSocketUri uri = WebSocketUri.of(URI.create("wss://example.com:8443/feed?x=1&y=%20"));

        assertTrue(uri.isSecure());
        assertEquals("example.com", uri.host());
        assertEquals(8443, uri.port());
        assertEquals("/feed?x=1&y=%20", uri.resource());
        assertEquals("example.com:8443", uri.hostHeader());
    }

    @Test
    void shouldCompareByNormalisedForm()
    {
        assertEquals(WebSocketUri.parse("WS://EXAMPLE.com:80"), WebSocketUri.parse("ws://example.com/"));
        assertEquals(
            WebSocketUri.parse("ws://example.com").hashCode(), WebSocketUri.parse("ws://example.com/").hashCode());
        assertNotEquals(WebSocketUri.parse("ws://example.com/"), WebSocketUri.parse("wss://example.com/"));
        assertNotEquals(WebSocketUri.parse("ws://example.com/a"), WebSocketUri.parse("ws://example.com/A"));
    }
}
