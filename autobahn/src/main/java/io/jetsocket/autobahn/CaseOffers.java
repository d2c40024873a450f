/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import io.jetsocket.engine.deflate.DeflateOffer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permessage-deflate offers to send for one Autobahn case, read from the case's description as
 * {@code /getCaseInfo} returns it. The 13.x cases describe the offers of the suite's own client, e.g.
 * {@code client offers (requestNoContextTakeover, requestMaxWindowBits): [(True, 9), (True, 0), (False, 0)]}: in
 * the suite, a request is about the server's side, so each pair becomes one offer asking for
 * {@code server_no_context_takeover} and {@code server_max_window_bits=N} (none when 0), in that order; every offer
 * also carries a bare {@code client_max_window_bits} and so lets the suite limit our window as the case's server
 * side wants. Sending the described offers makes the suite's server compress under the window and context mode the
 * case names, and its 13.7 case answer the first of three offers. Any other case gets {@link DeflateOffer#DEFAULT}.
 */
final class CaseOffers
{
    private static final Pattern OFFER_LIST = Pattern.compile(
        "client offers \\(requestNoContextTakeover, requestMaxWindowBits\\): \\[([^\\]]*)\\]");
    private static final Pattern OFFER = Pattern.compile("\\((True|False), *(\\d+)\\)");

    private CaseOffers()
    {
    }

    /**
     * The offers for a case.
     *
     * @param caseInfo the JSON text {@code /getCaseInfo} sent, or null when unknown.
     * @return the offers, in order of preference; never empty.
     */
    static List<DeflateOffer> forCase(final String caseInfo)
    {
        if (null == caseInfo)
        {
            return List.of(DeflateOffer.DEFAULT);
        }
        final Matcher list = OFFER_LIST.matcher(caseInfo);
        if (!list.find())
        {
            return List.of(DeflateOffer.DEFAULT);
        }
        final List<DeflateOffer> offers = new ArrayList<>();
        final Matcher offer = OFFER.matcher(list.group(1));
        while (offer.find())
        {
            final int bits = Integer.parseInt(offer.group(2));
            offers.add(DeflateOffer.DEFAULT
                .withServerNoContextTakeover("True".equals(offer.group(1)))
                .withServerMaxWindowBits(0 == bits ? DeflateOffer.NOT_OFFERED : bits));
        }
        return offers.isEmpty() ? List.of(DeflateOffer.DEFAULT) : offers;
    }
}
