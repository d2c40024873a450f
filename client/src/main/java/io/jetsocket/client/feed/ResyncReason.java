/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * Why a stream resyncs from a snapshot.
 */
public enum ResyncReason
{
    /** The stream's first message (resync at subscribe). */
    FIRST_MESSAGE,
    /** A sequence gap. */
    GAP,
    /** The first delta after a snapshot did not follow it: the snapshot was too old. */
    SNAPSHOT_TOO_OLD,
    /** The checksum verifier rejected the stream's state. */
    CHECKSUM,
    /** The application asked for it. */
    REQUESTED
}
