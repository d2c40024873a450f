/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import io.jetsocket.engine.MessageType;

import java.util.function.Function;

/**
 * The built-in codecs.
 */
public final class Codecs
{
    private Codecs()
    {
    }

    /**
     * JSON to and from plain values (maps, lists, strings, numbers, booleans, null): the default.
     *
     * @return the JSON codec.
     */
    public static Codec<Object> json()
    {
        return JsonCodec.INSTANCE;
    }

    /**
     * Strings as text frames.
     *
     * @return the string codec.
     */
    public static Codec<String> string()
    {
        return StringCodec.INSTANCE;
    }

    /**
     * Byte arrays as binary frames.
     *
     * @return the bytes codec.
     */
    public static Codec<byte[]> bytes()
    {
        return BytesCodec.INSTANCE;
    }

    /**
     * Typed JSON messages bound to a record or class with Jackson Databind (optional dependency).
     *
     * @param type the message class.
     * @param <T>  the message type.
     * @return the codec.
     * @throws IllegalStateException if Jackson Databind is not on the class path.
     */
    public static <T> Codec<T> typed(final Class<T> type)
    {
        try
        {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, Codecs.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("typed messages need Jackson Databind: add the dependency " +
                "com.fasterxml.jackson.core:jackson-databind", ex);
        }
        return new TypedJsonCodec<>(type);
    }

    /**
     * A codec from a pair of functions between messages and bytes; messages are sent as text frames. Allocates a
     * {@code byte[]} per message each way.
     *
     * @param serializer   message to bytes.
     * @param deserializer bytes to message.
     * @param <T>          the message type.
     * @return the codec.
     */
    public static <T> Codec<T> of(
        final Function<? super T, byte[]> serializer, final Function<byte[], ? extends T> deserializer)
    {
        return new FunctionCodec<>(serializer, deserializer, MessageType.TEXT);
    }
}
