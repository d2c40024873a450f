/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.deflate.DeflateOffer;
import io.jetsocket.engine.handshake.HandshakeRequestEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The permessage-deflate offers of a {@link ConnectRequest}: one default offer changed by the {@code deflate...}
 * options, or a list in preference order, encoded in one Sec-WebSocket-Extensions header after any other extension.
 */
class ConnectRequestDeflateOffersTest
{
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void shouldOfferBareClientWindowBitsByDefault()
    {
        final ConnectRequest request = ConnectRequest.builder("ws://h/").compression(true).build();
        assertEquals(List.of(DeflateOffer.DEFAULT), request.deflateOffers());
        assertEquals("permessage-deflate; client_max_window_bits", extensionsHeader(request));
    }

    @Test
    void shouldOfferNoExtensionWhenCompressionIsOff()
    {
        final ConnectRequest request = ConnectRequest.builder("ws://h/").deflateServerMaxWindowBits(10).build();
        assertNull(extensionsHeader(request));
    }

    @Test
    void shouldChangeTheDefaultOfferWithEachOption()
    {
        final ConnectRequest request = ConnectRequest.builder("ws://h/").compression(true)
            .deflateServerNoContextTakeover(true).deflateClientNoContextTakeover(true)
            .deflateServerMaxWindowBits(11).deflateClientMaxWindowBits(12).build();
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; " +
            "server_max_window_bits=11; client_max_window_bits=12", extensionsHeader(request));
        assertTrue(request.deflateServerNoContextTakeover());
        assertTrue(request.deflateClientNoContextTakeover());
        assertEquals(11, request.deflateServerMaxWindowBits());

        final ConnectRequest plain = ConnectRequest.builder("ws://h/").compression(true)
            .deflateClientMaxWindowBits(DeflateOffer.NOT_OFFERED).build();
        assertEquals("permessage-deflate", extensionsHeader(plain));
        assertFalse(plain.deflateServerNoContextTakeover());
    }

    @Test
    void shouldSendOffersInOrderAfterOtherExtensions()
    {
        final List<DeflateOffer> offers = new ArrayList<>(Arrays.asList(
            DeflateOffer.DEFAULT.withClientNoContextTakeover(true).withClientMaxWindowBits(9),
            DeflateOffer.PLAIN));
        final ConnectRequest request = ConnectRequest.builder("ws://h/").compression(true)
            .extension("x-other; a=1").deflateOffers(offers).build();
        offers.clear(); // copied
        assertEquals("x-other; a=1, permessage-deflate; client_no_context_takeover; client_max_window_bits=9, " +
            "permessage-deflate", extensionsHeader(request));
        assertEquals(2, request.deflateOffers().size());
    }

    @Test
    void shouldRefuseBadOfferLists()
    {
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.builder("ws://h/").deflateOffers(null));
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.builder("ws://h/").deflateOffers(List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> ConnectRequest.builder("ws://h/").deflateOffers(Arrays.asList(DeflateOffer.PLAIN, null)));
        assertThrows(IllegalArgumentException.class, () -> ConnectRequest.builder("ws://h/").compression(true)
            .deflateServerMaxWindowBits(10).deflateOffers(List.of(DeflateOffer.PLAIN)).build());
        assertThrows(IllegalArgumentException.class,
            () -> ConnectRequest.builder("ws://h/").deflateClientMaxWindowBits(16));
        assertThrows(IllegalArgumentException.class,
            () -> ConnectRequest.builder("ws://h/").deflateServerMaxWindowBits(DeflateOffer.NO_VALUE));
    }

    private static String extensionsHeader(final ConnectRequest request)
    {
        final String head = new String(HandshakeRequestEncoder.encode(request.handshake(), KEY),
            StandardCharsets.US_ASCII);
        for (final String line : head.split("\r\n"))
        {
            if (line.startsWith("Sec-WebSocket-Extensions: "))
            {
                return line.substring("Sec-WebSocket-Extensions: ".length());
            }
        }
        return null;
    }
}
