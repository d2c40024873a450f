/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadCompressionConfigTest
{
    @Test
    void shouldDeliverBinaryFramesAsTheyComeByDefault()
    {
        final PayloadCompressionConfig config = ClientConfig.builder("ws://localhost/").buildConfig()
            .payloadCompression();
        assertSame(PayloadCompressionConfig.none(), config);
        assertFalse(config.isEnabled());
    }

    @Test
    void shouldDeliverInflatedMessagesAsTextUnlessToldOtherwise()
    {
        final PayloadCompressionConfig gzip = ClientConfig.builder("ws://localhost/")
            .payloadCompression(PayloadCompression.GZIP).buildConfig().payloadCompression();
        assertEquals(new PayloadCompressionConfig(PayloadCompression.GZIP, MessageType.TEXT), gzip);
        assertTrue(gzip.isEnabled());

        final PayloadCompressionConfig binary = ClientConfig.builder("ws://localhost/")
            .payloadCompression(PayloadCompression.AUTO, MessageType.BINARY).buildConfig().payloadCompression();
        assertEquals(new PayloadCompressionConfig(PayloadCompression.AUTO, MessageType.BINARY), binary);

        assertFalse(PayloadCompressionConfig.of(PayloadCompression.NONE).isEnabled());
    }

    @Test
    void shouldRefuseNulls()
    {
        assertThrows(NullPointerException.class, () -> PayloadCompressionConfig.of(null, MessageType.TEXT));
        assertThrows(NullPointerException.class, () -> PayloadCompressionConfig.of(PayloadCompression.GZIP, null));
    }
}
