/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeKeysTest
{
    @Test
    void shouldComputeRfc6455SampleAccept()
    {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", HandshakeKeys.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void shouldGenerateFreshKeysOf16Bytes()
    {
        final String first = HandshakeKeys.newKey();
        final String second = HandshakeKeys.newKey();

        assertNotEquals(first, second);
        assertEquals(16, Base64.getDecoder().decode(first).length);
        assertEquals(16, Base64.getDecoder().decode(second).length);
        assertEquals(HandshakeKeys.KEY_LENGTH, first.length());
        assertTrue(HandshakeKeys.isValidKey(first));
    }

    @Test
    void shouldNotRepeatKeys()
    {
        final Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++)
        {
            assertTrue(keys.add(HandshakeKeys.newKey()));
        }
    }

    @Test
    void shouldValidateKeyShape()
    {
        assertTrue(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertFalse(HandshakeKeys.isValidKey(null));
        assertFalse(HandshakeKeys.isValidKey(""));
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ="));
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ=A"));
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25j\r\n=="));
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ==x"));
    }

    @Test
    void shouldRejectNullKeyForAccept()
    {
        assertThrows(IllegalArgumentException.class, () -> HandshakeKeys.acceptFor(null));
    }
}
