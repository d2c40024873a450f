/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

/**
 * What a permessage-deflate negotiation settled (RFC 7692 §7.1): whether each side resets its compression context
 * after every message, and the window sizes. Immutable.
 */
public final class DeflateParameters
{
    /** The largest (and default) LZ77 window, 2^15 bytes. */
    public static final int MAX_WINDOW_BITS = 15;
    /** The smallest window RFC 7692 allows, 2^8 bytes. */
    public static final int MIN_WINDOW_BITS = 8;

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;

    /**
     * Create parameters.
     *
     * @param serverNoContextTakeover the server resets its compressor after every message.
     * @param clientNoContextTakeover the client resets its compressor after every message.
     * @param serverMaxWindowBits     the server's window, 8..15.
     * @param clientMaxWindowBits     the client's window, 8..15.
     * @throws IllegalArgumentException when a window is out of range.
     */
    public DeflateParameters(
        final boolean serverNoContextTakeover,
        final boolean clientNoContextTakeover,
        final int serverMaxWindowBits,
        final int clientMaxWindowBits)
    {
        if (!DeflateOffer.isWindowBits(serverMaxWindowBits) || !DeflateOffer.isWindowBits(clientMaxWindowBits))
        {
            throw new IllegalArgumentException("window bits must be 8..15: server " + serverMaxWindowBits +
                ", client " + clientMaxWindowBits);
        }
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverMaxWindowBits = serverMaxWindowBits;
        this.clientMaxWindowBits = clientMaxWindowBits;
    }

    /**
     * Does the server reset its compression context after every message?
     *
     * @return true when {@code server_no_context_takeover} was negotiated.
     */
    public boolean serverNoContextTakeover()
    {
        return serverNoContextTakeover;
    }

    /**
     * Does the client reset its compression context after every message?
     *
     * @return true when {@code client_no_context_takeover} was negotiated.
     */
    public boolean clientNoContextTakeover()
    {
        return clientNoContextTakeover;
    }

    /**
     * The server's LZ77 window.
     *
     * @return window bits, 8..15 (15 when not negotiated).
     */
    public int serverMaxWindowBits()
    {
        return serverMaxWindowBits;
    }

    /**
     * The client's LZ77 window: the smaller of the {@code client_max_window_bits} offered and answered. Below 15,
     * {@link MessageDeflater} keeps its back-references inside it although the JDK deflater's own window is fixed.
     *
     * @return window bits, 8..15 (15 when not negotiated).
     */
    public int clientMaxWindowBits()
    {
        return clientMaxWindowBits;
    }

    /**
     * The parameters as a response would carry them.
     *
     * @return e.g. {@code permessage-deflate; server_no_context_takeover; server_max_window_bits=10}.
     */
    public String toString()
    {
        return PerMessageDeflate.EXTENSION_NAME +
            (serverNoContextTakeover ? "; server_no_context_takeover" : "") +
            (clientNoContextTakeover ? "; client_no_context_takeover" : "") +
            (serverMaxWindowBits != MAX_WINDOW_BITS ? "; server_max_window_bits=" + serverMaxWindowBits : "") +
            (clientMaxWindowBits != MAX_WINDOW_BITS ? "; client_max_window_bits=" + clientMaxWindowBits : "");
    }
}
