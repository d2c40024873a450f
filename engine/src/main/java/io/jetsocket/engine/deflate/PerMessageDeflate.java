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
 * permessage-deflate negotiation (RFC 7692 §7.1) on the client side: the validation of the server's response
 * against the offers sent ({@link DeflateOffer}, in order of preference).
 * <p>
 * The response fails the handshake ({@link HandshakeException.Reason#BAD_EXTENSION}) when it has an unknown
 * parameter, a parameter twice, a value on a flag parameter, a window-bits value that is not a decimal 8..15
 * without leading zeros (quoted or not), or when no offer is consistent with it: {@code client_max_window_bits}
 * in a response to offers that all left it out (§7.1.2.2), or {@code server_max_window_bits} larger than every
 * offer that asked for one allowed (§7.1.2.1).
 * <p>
 * The response is read against the first offer it is consistent with. A request the server did not grant (our
 * {@code server_no_context_takeover} or {@code server_max_window_bits} missing from the response) is tolerated:
 * the parameters in force are the response's, and our {@link java.util.zip.Inflater} inflates any server window
 * in either context mode. Our own side takes the stricter of offer and response: we reset our context when
 * either carries {@code client_no_context_takeover}, and our window is the smaller of the value we offered and
 * the value the server answered.
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

    private static final int ABSENT = -1;

    private PerMessageDeflate()
    {
    }

    /**
     * Validate the server's response to our offers.
     *
     * @param accepted the permessage-deflate element of the response.
     * @param offers   the permessage-deflate offers sent, in order; not empty.
     * @param uri      of the connection, for the error message.
     * @param headers  of the response, for the error.
     * @return the parameters in force.
     * @throws HandshakeException with {@link HandshakeException.Reason#BAD_EXTENSION} when the response is invalid
     *                            or answers none of the offers.
     */
    public static DeflateParameters negotiate(
        final NegotiatedExtension accepted,
        final List<DeflateOffer> offers,
        final String uri,
        final HttpHeaders headers)
    {
        if (offers.isEmpty())
        {
            throw new IllegalArgumentException("no permessage-deflate offer was sent to " + uri);
        }
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverMaxWindowBits = ABSENT;
        int clientMaxWindowBits = ABSENT;
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
                    break;

                default:
                    throw failure("unknown parameter " + name, uri, headers);
            }
        }

        final DeflateOffer offer = answeredOffer(offers, serverMaxWindowBits, clientMaxWindowBits, uri, headers);
        int clientWindow = ABSENT == clientMaxWindowBits ? DeflateParameters.MAX_WINDOW_BITS : clientMaxWindowBits;
        if (offer.clientMaxWindowBits() > 0)
        {
            // We promised a window of at most this size in the offer: keep the promise whatever the response says.
            clientWindow = Math.min(clientWindow, offer.clientMaxWindowBits());
        }
        return new DeflateParameters(
            serverNoContextTakeover,
            clientNoContextTakeover || offer.clientNoContextTakeover(),
            ABSENT == serverMaxWindowBits ? DeflateParameters.MAX_WINDOW_BITS : serverMaxWindowBits,
            clientWindow);
    }

    /**
     * The first offer the response is consistent with (RFC 7692 §5: the response answers one of the offers).
     */
    private static DeflateOffer answeredOffer(
        final List<DeflateOffer> offers,
        final int serverMaxWindowBits,
        final int clientMaxWindowBits,
        final String uri,
        final HttpHeaders headers)
    {
        for (int i = 0, size = offers.size(); i < size; i++)
        {
            final DeflateOffer offer = offers.get(i);
            final boolean clientWindowAllowed = ABSENT == clientMaxWindowBits || offer.offersClientMaxWindowBits();
            final boolean serverWindowAllowed = ABSENT == serverMaxWindowBits ||
                DeflateOffer.NOT_OFFERED == offer.serverMaxWindowBits() ||
                serverMaxWindowBits <= offer.serverMaxWindowBits();
            if (clientWindowAllowed && serverWindowAllowed)
            {
                return offer;
            }
        }
        if (ABSENT != clientMaxWindowBits && !anyOffersClientWindow(offers))
        {
            throw failure("client_max_window_bits=" + clientMaxWindowBits + " in the response, but no offer " +
                "carried client_max_window_bits (RFC 7692 §7.1.2.2; offered " + offers + ")", uri, headers);
        }
        throw failure("server_max_window_bits=" + serverMaxWindowBits + " is larger than the offers allow " +
            "(RFC 7692 §7.1.2.1; offered " + offers + ")" + (ABSENT == clientMaxWindowBits ? "" :
            " or client_max_window_bits was not offered with it"), uri, headers);
    }

    private static boolean anyOffersClientWindow(final List<DeflateOffer> offers)
    {
        for (int i = 0, size = offers.size(); i < size; i++)
        {
            if (offers.get(i).offersClientMaxWindowBits())
            {
                return true;
            }
        }
        return false;
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
        if (!DeflateOffer.isWindowBits(bits))
        {
            throw failure("parameter " + parameter.name() + " must be a decimal 8..15, got " + printable(value),
                uri, headers);
        }
        return bits;
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
