/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * What to replay after a reconnect, and how to find sequence ids in incoming messages.
 *
 * @param mode              {@link ReplayMode#NONE} (default), {@link ReplayMode#SEQUENCE_ID} or
 *                          {@link ReplayMode#FULL_BUFFER}.
 * @param sequenceExtractor returns the sequence id of a decoded incoming message (e.g. a {@code Long}), or null
 *                          when it has none; used for {@code sequence_id} replay and for de-duplication. May be
 *                          null.
 * @param onReplay          the hook of {@code sequence_id} replay; required in that mode.
 * @param <T>               type of the client's messages.
 */
public record ReplayConfig<T>(
    ReplayMode mode, Function<? super T, ?> sequenceExtractor, ReplayHandler<T> onReplay)
{
    /**
     * Validate.
     *
     * @param mode              {@link ReplayMode#NONE} (default), {@link ReplayMode#SEQUENCE_ID} or
     *                          {@link ReplayMode#FULL_BUFFER}.
     * @param sequenceExtractor returns the sequence id of a decoded incoming message (e.g. a {@code Long}), or null
     *                          when it has none; used for {@code sequence_id} replay and for de-duplication. May be
     *                          null.
     * @param onReplay          the hook of {@code sequence_id} replay; required in that mode.
     * @throws IllegalArgumentException when {@code sequence_id} mode has no hook.
     */
    public ReplayConfig
    {
        Objects.requireNonNull(mode, "mode");
        if (ReplayMode.SEQUENCE_ID == mode && null == onReplay)
        {
            throw new IllegalArgumentException("replay mode sequence_id needs an onReplay hook");
        }
        if (ReplayMode.SEQUENCE_ID == mode && null == sequenceExtractor)
        {
            throw new IllegalArgumentException("replay mode sequence_id needs a sequence extractor");
        }
    }

    private static final ReplayConfig<?> NONE = new ReplayConfig<>(ReplayMode.NONE, null, null);

    /**
     * No replay.
     *
     * @param <T> type of the client's messages.
     * @return the configuration.
     */
    @SuppressWarnings("unchecked")
    public static <T> ReplayConfig<T> none()
    {
        return (ReplayConfig<T>)NONE; // immutable and holds no T: one instance serves every client
    }

    /**
     * {@code sequence_id} replay.
     *
     * @param sequenceExtractor finds the sequence id of a message.
     * @param onReplay          asks the server to resend from the last id seen.
     * @param <T>               type of the client's messages.
     * @return the configuration.
     */
    public static <T> ReplayConfig<T> sequenceId(
        final Function<? super T, ?> sequenceExtractor, final ReplayHandler<T> onReplay)
    {
        return new ReplayConfig<>(ReplayMode.SEQUENCE_ID, sequenceExtractor, onReplay);
    }

    /**
     * {@code full_buffer} replay: what the application sends while disconnected is buffered and sent once
     * reconnected.
     *
     * @param <T> type of the client's messages.
     * @return the configuration.
     */
    public static <T> ReplayConfig<T> fullBuffer()
    {
        return new ReplayConfig<>(ReplayMode.FULL_BUFFER, null, null);
    }

    /**
     * The same configuration with a sequence extractor (e.g. for de-duplication in {@code full_buffer} mode).
     *
     * @param extractor finds the sequence id of a message.
     * @return a new configuration.
     */
    public ReplayConfig<T> withSequenceExtractor(final Function<? super T, ?> extractor)
    {
        return new ReplayConfig<>(mode, extractor, onReplay);
    }
}
