/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.client.time.LatencySummary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimingExampleTest
{
    @Test
    void exampleConfiguresTheExtractorAndReadsEmptyFiguresBeforeAnyMessage()
    {
        final TimingExample.Result result = TimingExample.exchangeTime("ws://127.0.0.1:1/");
        assertNotNull(result.ws().config().exchangeTimestamps());
        assertEquals(LatencySummary.EMPTY, result.exchange());
        assertNull(result.offset());
        assertEquals(0, result.arrival()[0]);
    }
}
