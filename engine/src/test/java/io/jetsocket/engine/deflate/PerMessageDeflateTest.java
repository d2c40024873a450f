/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import io.jetsocket.engine.handshake.ExtensionParameter;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.NegotiatedExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate negotiation: the offer never asks for a client window we cannot honour, and every malformed
 * or unsupportable response fails with a {@link HandshakeException} (never a NumberFormatException).
 */
class PerMessageDeflateTest
{
    private static final String URI = "ws://127.0.0.1:1/x";

    @Test
    void shouldOfferPlainExtensionWhenNoParameterIsAsked()
    {
        assertEquals("permessage-deflate", PerMessageDeflate.offer(false, false, 0));
    }

    @Test
    void shouldOfferRequestedParametersButNeverClientMaxWindowBitsWhenAllAreAsked()
    {
        final String offer = PerMessageDeflate.offer(true, true, 10);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; " +
            "server_max_window_bits=10", offer);
        assertFalse(offer.contains("client_max_window_bits"));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 16, -1})
    void shouldRefuseToOfferWindowBitsWhenOutOfRange(final int bits)
    {
        assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.offer(false, false, bits));
    }

    @Test
    void shouldUseDefaultsWhenResponseHasNoParameter()
    {
        final DeflateParameters parameters = negotiate();
        assertFalse(parameters.serverNoContextTakeover());
        assertFalse(parameters.clientNoContextTakeover());
        assertEquals(15, parameters.serverMaxWindowBits());
        assertEquals(15, parameters.clientMaxWindowBits());
    }

    @Test
    void shouldAcceptEveryValidParameterWhenResponseHasThemAll()
    {
        final DeflateParameters parameters = negotiate(
            "server_no_context_takeover", null,
            "client_no_context_takeover", null,
            "server_max_window_bits", "9",
            "client_max_window_bits", "15");
        assertTrue(parameters.serverNoContextTakeover());
        assertTrue(parameters.clientNoContextTakeover());
        assertEquals(9, parameters.serverMaxWindowBits());
        assertEquals(15, parameters.clientMaxWindowBits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "10", "12", "15"})
    void shouldAcceptServerWindowBitsWhenInRange(final String bits)
    {
        assertEquals(Integer.parseInt(bits), negotiate("server_max_window_bits", bits).serverMaxWindowBits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "7", "16", "0", "08", "015", "99999999999999999999", "-9", "+9", "1a", "9.0"})
    void shouldFailHandshakeWhenServerMaxWindowBitsIsInvalid(final String bits)
    {
        assertBadExtension("server_max_window_bits", bits);
    }

    @Test
    void shouldFailHandshakeWhenServerMaxWindowBitsHasNoValue()
    {
        assertBadExtension("server_max_window_bits", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "10", "14"})
    void shouldFailHandshakeWhenServerDemandsClientWindowBelow15(final String bits)
    {
        final HandshakeException failure = assertBadExtension("client_max_window_bits", bits);
        assertTrue(failure.getMessage().contains("client_max_window_bits=" + bits), failure::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "7", "16"})
    void shouldFailHandshakeWhenClientMaxWindowBitsIsInvalid(final String bits)
    {
        assertBadExtension("client_max_window_bits", bits);
    }

    @Test
    void shouldFailHandshakeWhenParameterIsDuplicated()
    {
        assertBadExtension("server_no_context_takeover", null, "server_no_context_takeover", null);
        assertBadExtension("server_max_window_bits", "10", "server_max_window_bits", "10");
        assertBadExtension("client_no_context_takeover", null, "client_no_context_takeover", null);
    }

    @Test
    void shouldFailHandshakeWhenFlagParameterHasValue()
    {
        assertBadExtension("server_no_context_takeover", "1");
        assertBadExtension("client_no_context_takeover", "true");
    }

    @Test
    void shouldFailHandshakeWhenParameterIsUnknown()
    {
        assertBadExtension("mem_level", "5");
    }

    private static HandshakeException assertBadExtension(final String... namesAndValues)
    {
        final HandshakeException failure = assertThrows(HandshakeException.class, () -> negotiate(namesAndValues));
        assertEquals(HandshakeException.Reason.BAD_EXTENSION, failure.reason());
        assertTrue(failure.getMessage().contains(URI), failure::getMessage);
        return failure;
    }

    private static DeflateParameters negotiate(final String... namesAndValues)
    {
        final List<ExtensionParameter> parameters = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            parameters.add(new ExtensionParameter(namesAndValues[i], namesAndValues[i + 1]));
        }
        return PerMessageDeflate.negotiate(
            new NegotiatedExtension(PerMessageDeflate.EXTENSION_NAME, parameters), URI, HttpHeaders.EMPTY);
    }
}
