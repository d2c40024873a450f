/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

/**
 * One permessage-deflate offer (RFC 7692 §7.1), as the client sends it in Sec-WebSocket-Extensions. A handshake may
 * carry several, in order of preference; the server accepts at most one. Immutable; the {@code with...} methods
 * return a changed copy and validate their argument at once.
 * <ul>
 *   <li>{@code server_no_context_takeover}: ask the server to reset its compressor after every message;</li>
 *   <li>{@code client_no_context_takeover}: announce that we reset ours after every message;</li>
 *   <li>{@code server_max_window_bits=N} (8..15): ask the server to compress with a window of at most 2^N bytes;</li>
 *   <li>{@code client_max_window_bits} (bare) or {@code client_max_window_bits=N} (8..15): allow the server to
 *       limit our window (§7.1.2.2), and, with a value, promise that ours is at most 2^N bytes.</li>
 * </ul>
 * Offering {@code client_max_window_bits} costs nothing when the server leaves our window at 15 bits; when it
 * limits it, {@link MessageDeflater} keeps every back-reference inside the smaller window.
 */
public final class DeflateOffer
{
    /** Window-bits value meaning the parameter is not in the offer. */
    public static final int NOT_OFFERED = 0;
    /** {@code client_max_window_bits} value meaning the parameter is offered without a value. */
    public static final int NO_VALUE = -1;

    /** {@code permessage-deflate} with no parameter: the server may not limit our window. */
    public static final DeflateOffer PLAIN = new DeflateOffer(false, false, NOT_OFFERED, NOT_OFFERED);

    /**
     * {@code permessage-deflate; client_max_window_bits}: the default offer. Without the bare parameter a server
     * that wants to limit the client's window (e.g. Node {@code ws} with a numeric {@code clientMaxWindowBits},
     * which then refuses the whole handshake with 400, or Python websockets with
     * {@code require_client_max_window_bits}) cannot accept the offer at all.
     */
    public static final DeflateOffer DEFAULT = new DeflateOffer(false, false, NOT_OFFERED, NO_VALUE);

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;
    private final String headerValue;

    private DeflateOffer(
        final boolean serverNoContextTakeover,
        final boolean clientNoContextTakeover,
        final int serverMaxWindowBits,
        final int clientMaxWindowBits)
    {
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverMaxWindowBits = serverMaxWindowBits;
        this.clientMaxWindowBits = clientMaxWindowBits;
        this.headerValue = encode();
    }

    /**
     * A copy that asks, or not, for {@code server_no_context_takeover}.
     *
     * @param ask true to ask the server to reset its compressor after every message.
     * @return the changed offer.
     */
    public DeflateOffer withServerNoContextTakeover(final boolean ask)
    {
        return new DeflateOffer(ask, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits);
    }

    /**
     * A copy that announces, or not, {@code client_no_context_takeover}. Once accepted we reset our compressor
     * after every message, whether or not the server's response repeats the parameter.
     *
     * @param announce true to announce it.
     * @return the changed offer.
     */
    public DeflateOffer withClientNoContextTakeover(final boolean announce)
    {
        return new DeflateOffer(serverNoContextTakeover, announce, serverMaxWindowBits, clientMaxWindowBits);
    }

    /**
     * A copy that asks for {@code server_max_window_bits}.
     *
     * @param bits 8..15, or {@link #NOT_OFFERED} to leave the server's window to the server.
     * @return the changed offer.
     */
    public DeflateOffer withServerMaxWindowBits(final int bits)
    {
        if (NOT_OFFERED != bits && !isWindowBits(bits))
        {
            throw new IllegalArgumentException("server_max_window_bits must be 8..15 (or NOT_OFFERED): " + bits);
        }
        return new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, bits, clientMaxWindowBits);
    }

    /**
     * A copy with {@code client_max_window_bits}.
     *
     * @param bits 8..15 to offer it with that value, {@link #NO_VALUE} to offer it bare, {@link #NOT_OFFERED} to
     *             leave it out (then the server may not limit our window).
     * @return the changed offer.
     */
    public DeflateOffer withClientMaxWindowBits(final int bits)
    {
        if (NOT_OFFERED != bits && NO_VALUE != bits && !isWindowBits(bits))
        {
            throw new IllegalArgumentException(
                "client_max_window_bits must be 8..15 (or NO_VALUE, NOT_OFFERED): " + bits);
        }
        return new DeflateOffer(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, bits);
    }

    /**
     * Is {@code server_no_context_takeover} asked for?
     *
     * @return true when in the offer.
     */
    public boolean serverNoContextTakeover()
    {
        return serverNoContextTakeover;
    }

    /**
     * Is {@code client_no_context_takeover} announced?
     *
     * @return true when in the offer.
     */
    public boolean clientNoContextTakeover()
    {
        return clientNoContextTakeover;
    }

    /**
     * The {@code server_max_window_bits} asked for.
     *
     * @return 8..15, or {@link #NOT_OFFERED}.
     */
    public int serverMaxWindowBits()
    {
        return serverMaxWindowBits;
    }

    /**
     * The {@code client_max_window_bits} offered.
     *
     * @return 8..15, {@link #NO_VALUE} when offered bare, or {@link #NOT_OFFERED}.
     */
    public int clientMaxWindowBits()
    {
        return clientMaxWindowBits;
    }

    /**
     * Does the offer let the server put {@code client_max_window_bits} in its response?
     *
     * @return true when {@code client_max_window_bits} is offered, bare or with a value.
     */
    public boolean offersClientMaxWindowBits()
    {
        return NOT_OFFERED != clientMaxWindowBits;
    }

    /**
     * The offer as one element of Sec-WebSocket-Extensions, parameters in a fixed order.
     *
     * @return e.g. {@code permessage-deflate; client_no_context_takeover; client_max_window_bits}.
     */
    public String headerValue()
    {
        return headerValue;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return other instanceof DeflateOffer && headerValue.equals(((DeflateOffer)other).headerValue);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return headerValue.hashCode();
    }

    /**
     * The offer as sent.
     *
     * @return {@link #headerValue()}.
     */
    public String toString()
    {
        return headerValue;
    }

    static boolean isWindowBits(final int bits)
    {
        return bits >= DeflateParameters.MIN_WINDOW_BITS && bits <= DeflateParameters.MAX_WINDOW_BITS;
    }

    private String encode()
    {
        final StringBuilder offer = new StringBuilder(PerMessageDeflate.EXTENSION_NAME);
        if (serverNoContextTakeover)
        {
            offer.append("; ").append(PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover)
        {
            offer.append("; ").append(PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (NOT_OFFERED != serverMaxWindowBits)
        {
            offer.append("; ").append(PerMessageDeflate.SERVER_MAX_WINDOW_BITS).append('=').append(serverMaxWindowBits);
        }
        if (NO_VALUE == clientMaxWindowBits)
        {
            offer.append("; ").append(PerMessageDeflate.CLIENT_MAX_WINDOW_BITS);
        }
        else if (NOT_OFFERED != clientMaxWindowBits)
        {
            offer.append("; ").append(PerMessageDeflate.CLIENT_MAX_WINDOW_BITS).append('=').append(clientMaxWindowBits);
        }
        return offer.toString();
    }
}
