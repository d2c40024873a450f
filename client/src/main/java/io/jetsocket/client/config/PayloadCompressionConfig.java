/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;

import java.util.Objects;

/**
 * Messages a venue compresses outside RFC 7692 ({@link PayloadCompression}): how its binary frames are compressed,
 * and as what kind of frame their inflated bytes are delivered. Venues that compress (Huobi/HTX, OKX) send JSON, so
 * the default delivery is {@link MessageType#TEXT}: the inflated bytes are checked to be UTF-8 (close code 1007 if
 * not) and every handler, the codec included, sees a text message, as if the venue had sent the JSON uncompressed.
 *
 * @param format    how every binary frame is compressed; {@link PayloadCompression#NONE} to deliver them as they
 *                  come.
 * @param deliverAs {@link MessageType#TEXT} (validated UTF-8) or {@link MessageType#BINARY} (as inflated).
 */
public record PayloadCompressionConfig(PayloadCompression format, MessageType deliverAs)
{
    private static final PayloadCompressionConfig NONE =
        new PayloadCompressionConfig(PayloadCompression.NONE, MessageType.BINARY);

    /**
     * Validate.
     *
     * @param format    how every binary frame is compressed.
     * @param deliverAs {@link MessageType#TEXT} or {@link MessageType#BINARY}.
     */
    public PayloadCompressionConfig
    {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(deliverAs, "deliverAs");
    }

    /**
     * Binary frames delivered as they come (the default).
     *
     * @return the configuration.
     */
    public static PayloadCompressionConfig none()
    {
        return NONE;
    }

    /**
     * Binary frames in this format, delivered as text (validated UTF-8).
     *
     * @param format how every binary frame is compressed.
     * @return the configuration.
     */
    public static PayloadCompressionConfig of(final PayloadCompression format)
    {
        return PayloadCompression.NONE == format ? NONE : new PayloadCompressionConfig(format, MessageType.TEXT);
    }

    /**
     * Binary frames in this format, delivered as the given type.
     *
     * @param format    how every binary frame is compressed.
     * @param deliverAs {@link MessageType#TEXT} (validated UTF-8) or {@link MessageType#BINARY}.
     * @return the configuration.
     */
    public static PayloadCompressionConfig of(final PayloadCompression format, final MessageType deliverAs)
    {
        return new PayloadCompressionConfig(format, deliverAs);
    }

    /**
     * Are binary frames inflated?
     *
     * @return false for {@link PayloadCompression#NONE}.
     */
    public boolean isEnabled()
    {
        return PayloadCompression.NONE != format;
    }
}
