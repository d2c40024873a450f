/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import io.jetsocket.engine.handshake.ExtensionParameter;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.NegotiatedExtension;

import java.util.List;

/**
 * permessage-deflate negotiation (RFC 7692 §7.1) on the client side: the offer we send, and the validation of the
 * server's response.
 * <p>
 * The offer never carries {@code client_max_window_bits}: the JDK {@link java.util.zip.Deflater} always compresses
 * with a 15-bit window, so we cannot honour a smaller one, and without the parameter in the offer a server may not
 * ask for one (§7.1.2.2). Our {@link java.util.zip.Inflater} accepts any server window up to 15 bits and either
 * context mode, so the server's own choices are always honoured.
 * <p>
 * The response fails the handshake ({@link HandshakeException.Reason#BAD_EXTENSION}) when it has an unknown
 * parameter, a parameter twice, a value on a flag parameter, a window-bits value that is not a decimal 8..15
 * without leading zeros (quoted or not), or {@code client_max_window_bits} below 15 (which we cannot honour).
 * {@code client_max_window_bits=15} is tolerated although we did not offer the parameter, since we honour it.
 */
public final class PerMessageDeflate
{
    /** The extension token. */
    public static final String EXTENSION_NAME = "permessage-deflate";
    /** Parameter: the server resets its context after each message. */
    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    /** Parameter: the client resets its context after each message. */
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    /** Parameter: the server's window bits. */
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    /** Parameter: the client's window bits. */
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private PerMessageDeflate()
    {
    }

    /**
     * The offer to send in Sec-WebSocket-Extensions.
     *
     * @param serverNoContextTakeover ask the server to reset its context after every message (saves the server
     *                                memory, costs compression ratio).
     * @param clientNoContextTakeover tell the server we reset ours after every message (lets it free its inflater
     *                                context between messages).
     * @param serverMaxWindowBits     ask the server for a window of at most this many bits (8..15), or 0 to
     *                                leave it to the server.
     * @return the offer, e.g. {@code permessage-deflate; server_max_window_bits=12}.
     */
    public static String offer(
        final boolean serverNoContextTakeover, final boolean clientNoContextTakeover, final int serverMaxWindowBits)
    {
        if (0 != serverMaxWindowBits && !isWindowBits(serverMaxWindowBits))
        {
            throw new IllegalArgumentException("server_max_window_bits must be 8..15: " + serverMaxWindowBits);
        }
        final StringBuilder offer = new StringBuilder(EXTENSION_NAME);
        if (serverNoContextTakeover)
        {
            offer.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover)
        {
            offer.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (0 != serverMaxWindowBits)
        {
            offer.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        return offer.toString();
    }

    /**
     * Validate the server's response to our offer.
     *
     * @param accepted the permessage-deflate element of the response.
     * @param uri      of the connection, for the error message.
     * @param headers  of the response, for the error.
     * @return the parameters in force.
     * @throws HandshakeException with {@link HandshakeException.Reason#BAD_EXTENSION} when the response is invalid
     *                            or asks for what we cannot do.
     */
    public static DeflateParameters negotiate(
        final NegotiatedExtension accepted, final String uri, final HttpHeaders headers)
    {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverMaxWindowBits = -1;
        int clientMaxWindowBits = -1;
        final List<ExtensionParameter> parameters = accepted.parameters();
        for (int i = 0, size = parameters.size(); i < size; i++)
        {
            final ExtensionParameter parameter = parameters.get(i);
            final String name = parameter.name();
            for (int j = 0; j < i; j++)
            {
                if (parameters.get(j).name().equals(name))
                {
                    throw failure("parameter " + name + " appears more than once", uri, headers);
                }
            }
            switch (name)
            {
                case SERVER_NO_CONTEXT_TAKEOVER:
                    requireNoValue(parameter, uri, headers);
                    serverNoContextTakeover = true;
                    break;

                case CLIENT_NO_CONTEXT_TAKEOVER:
                    requireNoValue(parameter, uri, headers);
                    clientNoContextTakeover = true;
                    break;

                case SERVER_MAX_WINDOW_BITS:
                    serverMaxWindowBits = windowBits(parameter, uri, headers);
                    break;

                case CLIENT_MAX_WINDOW_BITS:
                    clientMaxWindowBits = windowBits(parameter, uri, headers);
                    if (clientMaxWindowBits < DeflateParameters.MAX_WINDOW_BITS)
                    {
                        throw failure("server requires client_max_window_bits=" + clientMaxWindowBits +
                            ", but the JDK deflater always uses a 15-bit window (the parameter was not offered)",
                            uri, headers);
                    }
                    break;

                default:
                    throw failure("unknown parameter " + name, uri, headers);
            }
        }
        return new DeflateParameters(
            serverNoContextTakeover,
            clientNoContextTakeover,
            serverMaxWindowBits < 0 ? DeflateParameters.MAX_WINDOW_BITS : serverMaxWindowBits,
            clientMaxWindowBits < 0 ? DeflateParameters.MAX_WINDOW_BITS : clientMaxWindowBits);
    }

    private static void requireNoValue(final ExtensionParameter parameter, final String uri, final HttpHeaders headers)
    {
        if (null != parameter.value())
        {
            throw failure("parameter " + parameter.name() + " takes no value, got " +
                printable(parameter.value()), uri, headers);
        }
    }

    /**
     * A window-bits value: 1*DIGIT without leading zero, 8..15, parsed by hand (no NumberFormatException).
     */
    private static int windowBits(final ExtensionParameter parameter, final String uri, final HttpHeaders headers)
    {
        final String value = parameter.value();
        if (null == value)
        {
            throw failure("parameter " + parameter.name() + " needs a value in a response", uri, headers);
        }
        int bits = -1;
        if (value.length() >= 1 && value.length() <= 2 && value.charAt(0) != '0')
        {
            bits = 0;
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                if (c < '0' || c > '9')
                {
                    bits = -1;
                    break;
                }
                bits = bits * 10 + (c - '0');
            }
        }
        if (!isWindowBits(bits))
        {
            throw failure("parameter " + parameter.name() + " must be a decimal 8..15, got " + printable(value),
                uri, headers);
        }
        return bits;
    }

    private static boolean isWindowBits(final int bits)
    {
        return bits >= DeflateParameters.MIN_WINDOW_BITS && bits <= DeflateParameters.MAX_WINDOW_BITS;
    }

    private static String printable(final String value)
    {
        final String shortened = value.length() > 32 ? value.substring(0, 32) + "..." : value;
        return '"' + shortened + '"';
    }

    private static HandshakeException failure(final String problem, final String uri, final HttpHeaders headers)
    {
        return new HandshakeException(HandshakeException.Reason.BAD_EXTENSION,
            "handshake failed: permessage-deflate response rejected: " + problem + " from " + uri, -1, null, headers);
    }
}
