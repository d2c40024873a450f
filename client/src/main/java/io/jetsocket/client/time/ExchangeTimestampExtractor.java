/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.time;

import io.jetsocket.client.feed.JsonFieldPath;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Reads the exchange's timestamp of a message (when the venue says it made or sent it: Binance's {@code "E"} event
 * time, a trade's {@code "T"}, a µs or ns field) straight from the raw bytes, on the engine thread, without
 * allocating. Set one with {@code ClientConfig.Builder#exchangeTimestamps}: the client then records, per message
 * that has one, the exchange-to-receive latency (receive epoch time minus this) and the clock offset estimate in
 * its statistics.
 * <p>
 * Implementations must not allocate, block or keep the buffer; one instance may serve several clients of one engine
 * (the engine thread calls it), so keep no per-message state in fields shared across engines.
 */
@FunctionalInterface
public interface ExchangeTimestampExtractor
{
    /** What {@link #extractEpochNanos} returns for a message without a timestamp (acks, pongs, snapshots). */
    long NONE = Long.MIN_VALUE;

    /**
     * The exchange's timestamp of a message.
     *
     * @param type   text or binary.
     * @param buffer holding the payload, valid during the call only.
     * @param offset of the payload.
     * @param length of the payload.
     * @return nanoseconds since the epoch, or {@link #NONE} when the message carries no timestamp.
     */
    long extractEpochNanos(MessageType type, DirectBuffer buffer, int offset, int length);

    /**
     * The number in a top-level field of a JSON object message, in a given unit: an integer
     * ({@code "E":1700000000123}), a decimal ({@code "ts":1700000000.123456} in seconds) or either one quoted
     * ({@code "T":"1700000000123"}). Members before the field are skipped, not parsed; nested fields are not looked
     * at (see {@link #jsonPath} for those). Messages that are not text, not an object, or have no such field (or not a
     * number in it) have no timestamp. The key is taken whole: {@code "a.b"} is one key with a dot in it.
     *
     * @param key  the top-level key, e.g. {@code "E"}.
     * @param unit of the number: {@link TimeUnit#SECONDS}, {@link TimeUnit#MILLISECONDS},
     *             {@link TimeUnit#MICROSECONDS} or {@link TimeUnit#NANOSECONDS}.
     * @return the extractor.
     * @throws IllegalArgumentException if the key is empty or has quotes or backslashes, or for another unit.
     */
    static ExchangeTimestampExtractor jsonField(final String key, final TimeUnit unit)
    {
        return new JsonTimestampField(key, unit);
    }

    /**
     * The number at a path of keys and array indices of a JSON message ({@link JsonFieldPath#of}: {@code "data.E"},
     * {@code "[-1]"} for the last element of an array message, as Bitfinex appends its timestamp), in a given unit,
     * written as {@link #jsonField} reads it. Messages that are not text, or have no number at the path, have no
     * timestamp.
     *
     * @param path the path, e.g. {@code "data.E"} or {@code "[-1]"}.
     * @param unit of the number: {@link TimeUnit#SECONDS}, {@link TimeUnit#MILLISECONDS},
     *             {@link TimeUnit#MICROSECONDS} or {@link TimeUnit#NANOSECONDS}.
     * @return the extractor.
     * @throws IllegalArgumentException if the path is not a valid {@link JsonFieldPath#of path}, or for another unit.
     */
    static ExchangeTimestampExtractor jsonPath(final String path, final TimeUnit unit)
    {
        return new JsonTimestampField(JsonFieldPath.of(path), unit);
    }
}
