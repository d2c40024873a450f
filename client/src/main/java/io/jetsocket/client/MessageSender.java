/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

/**
 * Something that sends messages on a connection: the client itself, or the sender handed to a replay hook.
 *
 * @param <T> type of the messages encoded by the client's codec.
 */
public interface MessageSender<T>
{
    /**
     * Encode a message with the client's codec and send it.
     *
     * @param message to send.
     * @return the outcome.
     */
    SendStatus send(T message);

    /**
     * Send a text message as is.
     *
     * @param text to send.
     * @return the outcome.
     */
    SendStatus sendText(String text);

    /**
     * Send a binary message as is.
     *
     * @param bytes to send.
     * @return the outcome.
     */
    SendStatus sendBinary(byte[] bytes);
}
