/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

/**
 * What the publisher counts ({@link PublisherCounters}). The {@code *_ATTEMPTS} outcomes count failed
 * {@code tryClaim}/{@code offer} calls (a bounded spin adds one per try); the others count messages.
 */
public enum PublisherOutcome
{
    /** Messages (data and events) that went into the publication. */
    PUBLISHED("published"),
    /** Failed attempts: the slowest consumer was behind. */
    BACK_PRESSURED("back-pressured attempts"),
    /** Failed attempts: no consumer connected; the message is not published (nobody could miss it). */
    NOT_CONNECTED("not-connected attempts"),
    /** Failed attempts: the log rotated or a status message was being processed (retried once). */
    ADMIN_ACTION("admin-action attempts"),
    /** Failed attempts: the publication is closed. */
    CLOSED("closed attempts"),
    /** Failed attempts: the publication reached its maximum position. */
    MAX_POSITION_EXCEEDED("max-position-exceeded attempts"),
    /** Messages lost to back-pressure, a full conflation table, a closed publication or an eviction. */
    DROPPED("dropped"),
    /** Messages held in the conflation table. */
    CONFLATED("conflated"),
    /** Held messages replaced by a later message of the same key before they went out. */
    SUPERSEDED("superseded"),
    /** Messages longer than the publication's maximum message length (dropped). */
    TOO_LONG("too long"),
    /** Times {@link BackPressurePolicy#DISCONNECT_SLOW_CONSUMER} closed the publication. */
    SLOW_CONSUMER_DISCONNECTS("slow-consumer disconnects");

    private final String label;

    PublisherOutcome(final String label)
    {
        this.label = label;
    }

    /**
     * The counter's label suffix.
     *
     * @return a short description.
     */
    public String label()
    {
        return label;
    }
}
