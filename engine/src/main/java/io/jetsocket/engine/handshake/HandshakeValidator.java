/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_ACCEPT;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_CONNECTION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_SUBPROTOCOL;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.BAD_UPGRADE;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.DUPLICATE_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.REJECTED_STATUS;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.UNOFFERED_EXTENSION;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.UNOFFERED_SUBPROTOCOL;

/**
 * Checks a parsed response against the request that was sent, as a client must (RFC 6455 §4.1, steps 1-6 of the
 * response validation):
 * <ol>
 *   <li>the status is 101, otherwise {@link HandshakeException.Reason#REJECTED_STATUS} with the status, reason
 *       phrase and all headers;</li>
 *   <li>there is exactly one Upgrade header and it is {@code websocket} (any case);</li>
 *   <li>a Connection header holds the token {@code upgrade} (any case, in a comma-separated list, possibly in one
 *       of several Connection headers);</li>
 *   <li>there is exactly one Sec-WebSocket-Accept header and it equals the value expected for the key sent,
 *       compared in constant time;</li>
 *   <li>Sec-WebSocket-Protocol, when present, is a single value and one of the subprotocols offered
 *       (case-sensitive);</li>
 *   <li>Sec-WebSocket-Extensions, possibly in several headers, is well formed, names only extensions offered
 *       (case-sensitive), and names none twice.</li>
 * </ol>
 * The meaning of extension parameters is left to each extension's own negotiation code.
 */
public final class HandshakeValidator
{
    private HandshakeValidator()
    {
    }

    /**
     * Validate a complete response.
     *
     * @param request        the request that was sent.
     * @param expectedAccept {@link HandshakeKeys#acceptFor(String)} of the key that was sent.
     * @param response       a parser whose head is complete.
     * @return what was negotiated.
     * @throws HandshakeException    when the server rejected or did not complete the upgrade.
     * @throws IllegalStateException when the response head is not complete.
     */
    public static HandshakeResult validate(
        final HandshakeRequest request, final String expectedAccept, final HandshakeResponseParser response)
    {
        if (!response.isComplete())
        {
            throw new IllegalStateException("response head not complete");
        }
        if (null == expectedAccept)
        {
            throw new IllegalArgumentException("expectedAccept must not be null");
        }
        final HttpHeaders headers = response.headers();
        final String uri = request.uri().toString();

        if (response.statusCode() != 101)
        {
            final String reasonPhrase = response.reasonPhrase();
            throw new HandshakeException(
                REJECTED_STATUS,
                "handshake rejected: HTTP " + response.statusCode() +
                (reasonPhrase.isEmpty() ? "" : " " + HttpSyntax.printable(reasonPhrase)) +
                " from " + uri,
                response.statusCode(),
                reasonPhrase,
                headers);
        }

        checkUpgrade(uri, headers);
        checkConnection(uri, headers);
        checkAccept(uri, headers, expectedAccept);
        final String subprotocol = selectedSubprotocol(request, uri, headers);
        final List<NegotiatedExtension> extensions = acceptedExtensions(request, uri, headers);

        return new HandshakeResult(subprotocol, extensions, headers);
    }

    private static void checkUpgrade(final String uri, final HttpHeaders headers)
    {
        final List<String> upgrade = headers.all("Upgrade");
        if (upgrade.isEmpty())
        {
            throw failure(BAD_UPGRADE, "missing Upgrade header", uri, headers);
        }
        if (upgrade.size() > 1)
        {
            throw failure(BAD_UPGRADE, upgrade.size() + " Upgrade headers (expected one: websocket)", uri, headers);
        }
        if (!"websocket".equalsIgnoreCase(upgrade.get(0)))
        {
            throw failure(BAD_UPGRADE, "Upgrade header is " + HttpSyntax.quote(upgrade.get(0)) +
                ", expected websocket", uri, headers);
        }
    }

    private static void checkConnection(final String uri, final HttpHeaders headers)
    {
        final List<String> connection = headers.all("Connection");
        for (final String value : connection)
        {
            for (final String token : value.split(",", -1))
            {
                if ("upgrade".equalsIgnoreCase(token.strip()))
                {
                    return;
                }
            }
        }
        throw failure(BAD_CONNECTION, connection.isEmpty() ? "missing Connection header" :
            "Connection header " + HttpSyntax.quote(String.join(", ", connection)) + " has no upgrade token",
            uri, headers);
    }

    private static void checkAccept(final String uri, final HttpHeaders headers, final String expectedAccept)
    {
        final List<String> accept = headers.all("Sec-WebSocket-Accept");
        if (accept.isEmpty())
        {
            throw failure(BAD_ACCEPT, "missing Sec-WebSocket-Accept header", uri, headers);
        }
        if (accept.size() > 1)
        {
            throw failure(BAD_ACCEPT, accept.size() + " Sec-WebSocket-Accept headers (expected one)", uri, headers);
        }
        final byte[] actual = accept.get(0).getBytes(StandardCharsets.ISO_8859_1);
        final byte[] expected = expectedAccept.getBytes(StandardCharsets.ISO_8859_1);
        if (!MessageDigest.isEqual(actual, expected))
        {
            throw failure(BAD_ACCEPT, "Sec-WebSocket-Accept " + HttpSyntax.quote(accept.get(0)) +
                " does not match the key sent (expected " + expectedAccept + ")", uri, headers);
        }
    }

    private static String selectedSubprotocol(
        final HandshakeRequest request, final String uri, final HttpHeaders headers)
    {
        final List<String> protocol = headers.all("Sec-WebSocket-Protocol");
        if (protocol.isEmpty())
        {
            return null;
        }
        if (protocol.size() > 1)
        {
            throw failure(BAD_SUBPROTOCOL, protocol.size() + " Sec-WebSocket-Protocol headers (expected at most one)",
                uri, headers);
        }
        final String selected = protocol.get(0);
        if (selected.indexOf(',') >= 0)
        {
            throw failure(BAD_SUBPROTOCOL, "Sec-WebSocket-Protocol " + HttpSyntax.quote(selected) +
                " selects more than one subprotocol", uri, headers);
        }
        if (!HttpSyntax.isToken(selected))
        {
            throw failure(BAD_SUBPROTOCOL, "Sec-WebSocket-Protocol " + HttpSyntax.quote(selected) +
                " is not a token", uri, headers);
        }
        if (!request.subprotocols().contains(selected))
        {
            throw failure(UNOFFERED_SUBPROTOCOL, "server selected subprotocol " + HttpSyntax.quote(selected) +
                (request.subprotocols().isEmpty() ? " but none was offered" :
                " which was not offered (offered " + request.subprotocols() + ")"), uri, headers);
        }
        return selected;
    }

    private static List<NegotiatedExtension> acceptedExtensions(
        final HandshakeRequest request, final String uri, final HttpHeaders headers)
    {
        final List<String> values = headers.all("Sec-WebSocket-Extensions");
        final List<NegotiatedExtension> extensions = new ArrayList<>(values.isEmpty() ? 0 : 2);
        for (final String value : values)
        {
            try
            {
                ExtensionHeaderParser.parseList(value, extensions);
            }
            catch (final IllegalArgumentException ex)
            {
                throw failure(BAD_EXTENSION, "malformed Sec-WebSocket-Extensions: " + ex.getMessage(), uri, headers);
            }
        }

        final List<String> offered = request.extensionNames();
        for (int i = 0, size = extensions.size(); i < size; i++)
        {
            final String name = extensions.get(i).name();
            if (!offered.contains(name))
            {
                throw failure(UNOFFERED_EXTENSION, "server accepted extension " + HttpSyntax.quote(name) +
                    (offered.isEmpty() ? " but none was offered" : " which was not offered (offered " + offered + ")"),
                    uri, headers);
            }
            for (int j = 0; j < i; j++)
            {
                if (extensions.get(j).name().equals(name))
                {
                    throw failure(DUPLICATE_EXTENSION, "server accepted extension " + HttpSyntax.quote(name) +
                        " more than once", uri, headers);
                }
            }
        }
        return extensions;
    }

    private static HandshakeException failure(
        final HandshakeException.Reason reason, final String problem, final String uri, final HttpHeaders headers)
    {
        return new HandshakeException(reason, "handshake failed: " + problem + " from " + uri, -1, null, headers);
    }
}
