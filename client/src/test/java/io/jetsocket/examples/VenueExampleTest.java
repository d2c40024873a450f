/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import io.jetsocket.client.RawFramePeer;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.WebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VenueExampleTest
{
    @Test
    void presetExampleOverridesTheHeartbeat()
    {
        final WebSocket<Object> ws = VenueExample.preset("ws://127.0.0.1:1/");
        assertEquals(Duration.ofSeconds(5), ws.config().heartbeat().interval());
        assertEquals(Duration.ofSeconds(85_800), ws.config().maxConnectionAge());
    }

    @Test
    void venueExampleSendsEverySubscribeInOrder() throws Exception
    {
        final List<String> symbols =
            List.of("btcusdt", "ethusdt", "solusdt", "bnbusdt", "xrpusdt", "adausdt", "dogeusdt");
        try (RawFramePeer peer = RawFramePeer.start("venue-example-peer"))
        {
            final VenueExample.Result result = VenueExample.subscribe(peer.uri(), symbols);
            final List<SendStatus> statuses = result.statuses();
            assertEquals(symbols.size(), statuses.size());
            assertTrue(statuses.stream().allMatch(SendStatus::isAccepted), statuses.toString());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // hang guard only
            while (peer.frames().stream().filter((f) -> f.startsWith("text:")).count() < symbols.size() &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            final List<String> texts = peer.frames().stream().filter((f) -> f.startsWith("text:")).toList();
            assertEquals(symbols.size(), texts.size(), texts.toString());
            for (int i = 0; i < symbols.size(); i++)
            {
                // Map.of has no order of its own: compare the subscribe's stream name, in order
                assertTrue(texts.get(i).contains("\"" + symbols.get(i) + "@trade\""), texts.get(i));
            }
            assertEquals(List.of(SendStatus.QUEUED, SendStatus.QUEUED), statuses.subList(5, 7),
                "the last two waited for the window (sent from the caller's thread, all queue)");
            result.feed().close();
        }
    }
}
