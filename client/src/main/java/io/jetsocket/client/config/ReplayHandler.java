/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.client.MessageSender;

/**
 * The application's hook of {@link ReplayMode#SEQUENCE_ID} replay: called on the engine thread after each
 * reconnect, before subscriptions are restored and before any new incoming message is delivered, with the
 * last sequence id seen. It typically asks the server to resend from there.
 *
 * @param <T> type of the client's messages.
 */
@FunctionalInterface
public interface ReplayHandler<T>
{
    /**
     * Ask for what was missed.
     *
     * @param lastSequenceId the last sequence id seen (as returned by the sequence extractor), never null.
     * @param sender         sends on the new connection, ahead of anything the application sends meanwhile.
     */
    void onReplay(Object lastSequenceId, MessageSender<T> sender);
}
