/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import io.jetsocket.engine.deflate.DeflateOffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CaseOffersTest
{
    @Test
    void shouldOfferWhatA13CaseDescribes()
    {
        final String info = "{\"id\": \"13.7.18\", \"description\": \"Send 1000 compressed messages each of payload " +
            "size 131072, auto-fragment to 32768 octets. Use permessage-deflate client offers " +
            "(requestNoContextTakeover, requestMaxWindowBits): [(True, 9), (True, 0), (False, 0)]\"}";

        final List<DeflateOffer> offers = CaseOffers.forCase(info);

        assertEquals(List.of(
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=9; client_max_window_bits",
            "permessage-deflate; server_no_context_takeover; client_max_window_bits",
            "permessage-deflate; client_max_window_bits"), offers.stream().map(DeflateOffer::headerValue).toList());
    }

    @Test
    void shouldOfferTheDefaultForOtherCases()
    {
        assertEquals(List.of(DeflateOffer.DEFAULT), CaseOffers.forCase(null));
        assertEquals(List.of(DeflateOffer.DEFAULT), CaseOffers.forCase("{\"id\": \"12.1.1\", \"description\": " +
            "\"Send 1000 compressed messages each of payload size 16, auto-fragment to 0 octets. Use default " +
            "permessage-deflate offer.\"}"));
        assertEquals(List.of(DeflateOffer.DEFAULT), CaseOffers.forCase("{\"id\": \"1.1.1\"}"));
        assertEquals(List.of(DeflateOffer.DEFAULT), CaseOffers.forCase(
            "client offers (requestNoContextTakeover, requestMaxWindowBits): []"));
    }

    @Test
    void shouldReadTheSingleOfferOfCase13Point3()
    {
        final List<DeflateOffer> offers = CaseOffers.forCase("Use permessage-deflate client offers " +
            "(requestNoContextTakeover, requestMaxWindowBits): [(False, 9)]");
        assertEquals(List.of(DeflateOffer.DEFAULT.withServerMaxWindowBits(9)), offers);
    }
}
