/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.deflate;

import io.jetsocket.engine.handshake.ExtensionParameter;
import io.jetsocket.engine.handshake.HandshakeException;
import io.jetsocket.engine.handshake.HandshakeRequest;
import io.jetsocket.engine.handshake.HttpHeaders;
import io.jetsocket.engine.handshake.NegotiatedExtension;
import io.jetsocket.engine.handshake.WebSocketUri;
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
 * permessage-deflate negotiation: offers encoded as RFC 7692 §7.1 writes them, and every malformed, unoffered or
 * out-of-range response fails with a {@link HandshakeException} (never a NumberFormatException).
 */
class PerMessageDeflateTest
{
    private static final String URI = "ws://127.0.0.1:1/x";
    private static final List<DeflateOffer> PLAIN = List.of(DeflateOffer.PLAIN);
    private static final List<DeflateOffer> DEFAULT = List.of(DeflateOffer.DEFAULT);

    @Test
    void shouldEncodePlainAndDefaultOffers()
    {
        assertEquals("permessage-deflate", DeflateOffer.PLAIN.headerValue());
        assertEquals("permessage-deflate; client_max_window_bits", DeflateOffer.DEFAULT.headerValue());
    }

    @Test
    void shouldEncodeEveryParameterCombinationAsAValidExtensionElement()
    {
        final int[] serverBits = {DeflateOffer.NOT_OFFERED, 8, 9, 10, 11, 12, 13, 14, 15};
        final int[] clientBits = {DeflateOffer.NOT_OFFERED, DeflateOffer.NO_VALUE, 8, 9, 10, 11, 12, 13, 14, 15};
        int count = 0;
        for (final boolean snct : new boolean[]{false, true})
        {
            for (final boolean cnct : new boolean[]{false, true})
            {
                for (final int smwb : serverBits)
                {
                    for (final int cmwb : clientBits)
                    {
                        final DeflateOffer offer = DeflateOffer.PLAIN.withServerNoContextTakeover(snct)
                            .withClientNoContextTakeover(cnct).withServerMaxWindowBits(smwb)
                            .withClientMaxWindowBits(cmwb);
                        final StringBuilder expected = new StringBuilder("permessage-deflate");
                        expected.append(snct ? "; server_no_context_takeover" : "")
                            .append(cnct ? "; client_no_context_takeover" : "")
                            .append(smwb > 0 ? "; server_max_window_bits=" + smwb : "")
                            .append(cmwb == DeflateOffer.NO_VALUE ? "; client_max_window_bits" : "")
                            .append(cmwb > 0 ? "; client_max_window_bits=" + cmwb : "");
                        assertEquals(expected.toString(), offer.headerValue());
                        assertEquals(cmwb != DeflateOffer.NOT_OFFERED, offer.offersClientMaxWindowBits());
                        // The handshake builder parses every offer with the RFC 6455 §9.1 grammar.
                        HandshakeRequest.builder(WebSocketUri.parse(URI)).extension(offer.headerValue()).build();
                        count++;
                    }
                }
            }
        }
        assertEquals(2 * 2 * 9 * 10, count);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 16, -1, -2, 1, 255})
    void shouldRefuseToOfferServerWindowBitsWhenOutOfRange(final int bits)
    {
        assertThrows(IllegalArgumentException.class, () -> DeflateOffer.PLAIN.withServerMaxWindowBits(bits));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 16, -2, 1, 255})
    void shouldRefuseToOfferClientWindowBitsWhenOutOfRange(final int bits)
    {
        assertThrows(IllegalArgumentException.class, () -> DeflateOffer.PLAIN.withClientMaxWindowBits(bits));
    }

    @Test
    void shouldFailHandshakeWhenClientWindowBitsAnswerAnOfferWithoutThem()
    {
        for (int bits = 8; bits <= 15; bits++)
        {
            final HandshakeException failure = assertBadExtension(PLAIN, "client_max_window_bits", "" + bits);
            assertTrue(failure.getMessage().contains("client_max_window_bits=" + bits), failure::getMessage);
        }
    }

    @Test
    void shouldHonourEveryClientWindowWhenOfferedBare()
    {
        for (int bits = 8; bits <= 15; bits++)
        {
            assertEquals(bits, negotiate(DEFAULT, "client_max_window_bits", "" + bits).clientMaxWindowBits());
        }
        assertEquals(15, negotiate(DEFAULT).clientMaxWindowBits());
    }

    @Test
    void shouldKeepTheSmallerClientWindowWhenOfferedWithAValue()
    {
        for (int offered = 8; offered <= 15; offered++)
        {
            final List<DeflateOffer> offers = List.of(DeflateOffer.PLAIN.withClientMaxWindowBits(offered));
            assertEquals(offered, negotiate(offers).clientMaxWindowBits(), "no value in the response");
            for (int answered = 8; answered <= 15; answered++)
            {
                assertEquals(Math.min(offered, answered),
                    negotiate(offers, "client_max_window_bits", "" + answered).clientMaxWindowBits());
            }
        }
    }

    @Test
    void shouldCheckServerWindowAgainstTheOfferedOne()
    {
        for (int offered = 8; offered <= 15; offered++)
        {
            final List<DeflateOffer> offers = List.of(DeflateOffer.DEFAULT.withServerMaxWindowBits(offered));
            assertEquals(15, negotiate(offers).serverMaxWindowBits(), "request not granted: tolerated");
            for (int answered = 8; answered <= 15; answered++)
            {
                if (answered <= offered)
                {
                    assertEquals(answered, negotiate(offers, "server_max_window_bits", "" + answered)
                        .serverMaxWindowBits());
                }
                else
                {
                    assertBadExtension(offers, "server_max_window_bits", "" + answered);
                }
            }
        }
    }

    @Test
    void shouldAcceptServerWindowWhenNotOffered()
    {
        for (int answered = 8; answered <= 15; answered++)
        {
            assertEquals(answered, negotiate(PLAIN, "server_max_window_bits", "" + answered).serverMaxWindowBits());
        }
    }

    @Test
    void shouldTakeContextModesFromResponseAndOurOwnFromTheOfferToo()
    {
        for (final boolean offerServer : new boolean[]{false, true})
        {
            for (final boolean offerClient : new boolean[]{false, true})
            {
                final List<DeflateOffer> offers = List.of(DeflateOffer.DEFAULT
                    .withServerNoContextTakeover(offerServer).withClientNoContextTakeover(offerClient));
                final DeflateParameters none = negotiate(offers);
                assertFalse(none.serverNoContextTakeover());
                assertEquals(offerClient, none.clientNoContextTakeover());
                final DeflateParameters both = negotiate(offers,
                    "server_no_context_takeover", null, "client_no_context_takeover", null);
                assertTrue(both.serverNoContextTakeover());
                assertTrue(both.clientNoContextTakeover());
            }
        }
    }

    @Test
    void shouldReadResponseAgainstTheFirstOfferItIsConsistentWith()
    {
        // Autobahn 13.7's offers: the response with client_max_window_bits=9 can only answer the first.
        final List<DeflateOffer> offers = List.of(
            DeflateOffer.PLAIN.withClientNoContextTakeover(true).withClientMaxWindowBits(DeflateOffer.NO_VALUE),
            DeflateOffer.PLAIN.withClientNoContextTakeover(true),
            DeflateOffer.PLAIN);
        final DeflateParameters first = negotiate(offers, "client_no_context_takeover", null,
            "client_max_window_bits", "9");
        assertEquals(9, first.clientMaxWindowBits());
        assertTrue(first.clientNoContextTakeover());

        // server window 12: above the first offer's 10, inside the second's 13.
        final List<DeflateOffer> windows = List.of(
            DeflateOffer.PLAIN.withServerMaxWindowBits(10).withClientMaxWindowBits(11),
            DeflateOffer.PLAIN.withServerMaxWindowBits(13));
        final DeflateParameters second = negotiate(windows, "server_max_window_bits", "12");
        assertEquals(12, second.serverMaxWindowBits());
        assertEquals(15, second.clientMaxWindowBits(), "the second offer promised no client window");
        assertBadExtension(windows, "server_max_window_bits", "12", "client_max_window_bits", "9");
        assertBadExtension(windows, "server_max_window_bits", "14");
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
        final DeflateParameters parameters = negotiate(DEFAULT,
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
    @ValueSource(strings = {"abc", "7", "16", "0", "08", "-9", "99999999999999999999", "9.0"})
    void shouldFailHandshakeWhenClientMaxWindowBitsIsInvalid(final String bits)
    {
        assertBadExtension(DEFAULT, "client_max_window_bits", bits);
    }

    @Test
    void shouldFailHandshakeWhenClientMaxWindowBitsHasNoValueInResponse()
    {
        assertBadExtension(DEFAULT, "client_max_window_bits", null);
    }

    @Test
    void shouldFailHandshakeWhenParameterIsDuplicated()
    {
        assertBadExtension("server_no_context_takeover", null, "server_no_context_takeover", null);
        assertBadExtension("server_max_window_bits", "10", "server_max_window_bits", "10");
        assertBadExtension("client_no_context_takeover", null, "client_no_context_takeover", null);
        assertBadExtension(DEFAULT, "client_max_window_bits", "9", "client_max_window_bits", "9");
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
        return assertBadExtension(DEFAULT, namesAndValues);
    }

    private static HandshakeException assertBadExtension(
        final List<DeflateOffer> offers, final String... namesAndValues)
    {
        final HandshakeException failure = assertThrows(HandshakeException.class,
            () -> negotiate(offers, namesAndValues));
        assertEquals(HandshakeException.Reason.BAD_EXTENSION, failure.reason());
        assertTrue(failure.getMessage().contains(URI), failure::getMessage);
        return failure;
    }

    private static DeflateParameters negotiate(final String... namesAndValues)
    {
        return negotiate(DEFAULT, namesAndValues);
    }

    private static DeflateParameters negotiate(final List<DeflateOffer> offers, final String... namesAndValues)
    {
        final List<ExtensionParameter> parameters = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            parameters.add(new ExtensionParameter(namesAndValues[i], namesAndValues[i + 1]));
        }
        return PerMessageDeflate.negotiate(
            new NegotiatedExtension(PerMessageDeflate.EXTENSION_NAME, parameters), offers, URI, HttpHeaders.EMPTY);
    }
}
