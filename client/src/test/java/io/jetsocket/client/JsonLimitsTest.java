/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.codec.Codec;
import io.jetsocket.client.codec.CodecException;
import io.jetsocket.engine.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON codecs accept what {@code maxMessageSize} lets in: Jackson's own defaults (20,000,000 characters per
 * string) must not refuse a valid message the client was configured to receive.
 */
class JsonLimitsTest
{
    private static final int TWENTY_MIB = 20 * 1024 * 1024;

    /**
     * A typed message with one large field.
     *
     * @param data the field.
     */
    record Blob(String data)
    {
    }

    private static UnsafeBuffer oneLongString(final int chars)
    {
        final byte[] json = new byte[chars + 12];
        final byte[] head = "{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, json, 0, head.length);
        Arrays.fill(json, head.length, head.length + chars, (byte)'x');
        json[head.length + chars] = '"';
        json[head.length + chars + 1] = '}';
        return new UnsafeBuffer(json, 0, head.length + chars + 2);
    }

    @Test
    void shouldDecodeA20MibStringWithTheDefaultJsonCodec()
    {
        final Codec<Object> codec = WebSocket.builder("ws://127.0.0.1:1/").buildConfig().codec();
        final UnsafeBuffer message = oneLongString(TWENTY_MIB);

        final Object decoded = codec.decode(MessageType.TEXT, message, 0, message.capacity());

        assertEquals(TWENTY_MIB, ((String)((Map<?, ?>)decoded).get("data")).length());
    }

    @Test
    void shouldDecodeA20MibStringWithTheTypedCodec()
    {
        final Codec<Blob> codec = WebSocket.builder("ws://127.0.0.1:1/").messageType(Blob.class).buildConfig()
            .codec();
        final UnsafeBuffer message = oneLongString(TWENTY_MIB);

        assertEquals(TWENTY_MIB, codec.decode(MessageType.TEXT, message, 0, message.capacity()).data().length());
    }

    @Test
    void shouldStillRefuseAStringLongerThanTheMaxMessageSize()
    {
        final Codec<Object> codec = WebSocket.builder("ws://127.0.0.1:1/").maxMessageSize(1024).buildConfig()
            .codec();
        final UnsafeBuffer message = oneLongString(2048);

        final CodecException error = assertThrows(CodecException.class,
            () -> codec.decode(MessageType.TEXT, message, 0, message.capacity()));
        assertTrue(error.getMessage().contains("1024"), error.getMessage());
    }
}
