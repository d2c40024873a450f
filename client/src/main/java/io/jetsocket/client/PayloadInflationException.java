/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.PayloadCompression;
import io.jetsocket.engine.WebSocketException;

/**
 * A binary message compressed outside RFC 7692 ({@code payloadCompression}) could not be delivered: its data was
 * not a valid, complete stream of its format, its inflated bytes were not UTF-8 where text was asked for (close
 * code 1007), or it would have inflated past {@code maxMessageSize} (1009). The client reports it in an
 * {@code error} event and closes the connection with {@link #closeCode()}; reconnection follows as usual.
 */
public class PayloadInflationException extends WebSocketException
{
    private static final long serialVersionUID = 1L;

    /** The format the message was read as. */
    private final PayloadCompression format;
    /** Its length as it arrived. */
    private final int compressedLength;
    /** The close code the connection is closed with. */
    private final int closeCode;

    /**
     * Create the exception.
     *
     * @param format           the format the message was read as ({@code AUTO} resolved).
     * @param compressedLength its length as it arrived, in bytes.
     * @param closeCode        1007 or 1009.
     * @param reason           what was wrong with it.
     */
    public PayloadInflationException(
        final PayloadCompression format, final int compressedLength, final int closeCode, final String reason)
    {
        super("cannot deliver a binary message of " + compressedLength + " bytes compressed as " + format + ": " +
            reason + " (closing with " + closeCode + ")");
        this.format = format;
        this.compressedLength = compressedLength;
        this.closeCode = closeCode;
    }

    /**
     * The format the message was read as (for {@code AUTO}, the one its first bytes told).
     *
     * @return the format.
     */
    public PayloadCompression format()
    {
        return format;
    }

    /**
     * The message's length as it arrived.
     *
     * @return bytes.
     */
    public int compressedLength()
    {
        return compressedLength;
    }

    /**
     * The close code the connection is closed with: 1007 (invalid payload) or 1009 (message too big).
     *
     * @return the code.
     */
    public int closeCode()
    {
        return closeCode;
    }
}
