/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import java.util.List;

/**
 * A snapshot of a {@link RedundantFeed}'s counters, taken from any thread ({@link RedundantFeed#stats()}). Each
 * figure is exact for the moment it was read; the figures are not all read at one instant.
 *
 * @param legs      per leg, in the order they were added to the builder.
 * @param streams   streams seen so far.
 * @param delivered messages handed to the {@link FeedHandler}.
 * @param held      messages held back, since the start, because an id before them was missing.
 * @param filled    of those, messages delivered after another leg brought the missing ids.
 * @param heldNow   messages held back now.
 * @param gaps      gaps reported to the {@link FeedListener} (ids no leg brought in time).
 */
public record RedundantFeedStats(
    List<LegStats> legs, int streams, long delivered, long held, long filled, long heldNow, long gaps)
{
    /**
     * Copies the list of legs.
     *
     * @param legs      per leg.
     * @param streams   streams seen.
     * @param delivered messages delivered.
     * @param held      messages held back.
     * @param filled    held messages delivered after a fill.
     * @param heldNow   messages held now.
     * @param gaps      gaps reported.
     */
    public RedundantFeedStats
    {
        legs = List.copyOf(legs);
    }

    /**
     * The stats of one leg.
     *
     * @param name the leg's name.
     * @return its stats.
     * @throws IllegalArgumentException if the feed has no leg of that name.
     */
    public LegStats leg(final String name)
    {
        for (final LegStats leg : legs)
        {
            if (leg.name().equals(name))
            {
                return leg;
            }
        }
        throw new IllegalArgumentException("no leg named '" + name + "' in this feed; legs: " +
            legs.stream().map(LegStats::name).toList());
    }
}
