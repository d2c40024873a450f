/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.ScriptServer;
import io.jetsocket.client.WebSocket;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sequenced feed scripted by a server nobody here wrote: Python {@code websockets}
 * ({@code client/src/test/python/sequenced_feed.py}) sends two streams of Binance-like depth updates with ids
 * skipped, swapped and repeated at random, and says what a sequencer must count. The feed, reading the ids from the
 * JSON bytes with {@link JsonSequenceExtractor}, must deliver each stream in order, once each, and count exactly the
 * gaps, missed ids, duplicates and late arrivals the script injected. The same again with the ids as the last element
 * of Bitfinex-like arrays ({@code [101, [64000.5, 3, "0.5,]"], 17]}, heartbeats {@code [101, "hb", 18]}), the channel
 * id first naming the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SequencedFeedPythonTest
{
    private static final int IDS = 2_000;

    @Test
    void shouldCountEveryInjectedFaultAndDeliverTheRestInOrder() throws Exception
    {
        runFeed("object", JsonSequenceExtractor.builder().stream("stream").sequence("data.u").build(), "s1", "s2");
    }

    @Test
    void shouldReadIdsAtTheEndOfArrayMessages() throws Exception
    {
        runFeed("array", JsonSequenceExtractor.builder().stream("[0]").sequence("[-1]").build(), "101", "102");
    }

    private static void runFeed(
        final String shape, final JsonSequenceExtractor extractor, final String... streams) throws Exception
    {
        final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("feed-python-engine"));
        try (ScriptServer python = ScriptServer.startPython("sequenced_feed.py", Integer.toString(IDS), "7", shape);
            WebSocket<Object> ws = WebSocket.builder(python.uri("/")).engine(engine).build())
        {
            final List<String> problems = new CopyOnWriteArrayList<>();
            final Map<String, Long> last = new HashMap<>();
            final List<String> gaps = new CopyOnWriteArrayList<>();
            final SequencedFeed feed = SequencedFeed.builder(ws)
                .extractor(extractor)
                .handler((stream, type, buffer, offset, length, fields) ->
                {
                    final long previous = last.getOrDefault(stream, 0L);
                    if (fields.last() <= previous)
                    {
                        problems.add(stream + ": " + fields.last() + " delivered after " + previous);
                    }
                    last.put(stream, fields.last());
                })
                .listener(FeedListener.onGaps((stream, from, to) -> gaps.add(stream + " " + from + ".." + to)))
                .build();
            ws.connect().get(10, TimeUnit.SECONDS);

            final Map<String, String> expected = new HashMap<>();
            for (String line; !"DONE".equals(line = python.lines().poll(30, TimeUnit.SECONDS)); )
            {
                assertTrue(null != line && line.startsWith("EXPECT "), String.valueOf(line));
                final String[] words = line.split(" ", 3);
                expected.put(words[1], words[2]);
            }
            assertEquals(Set.of(streams), expected.keySet());
            for (final String stream : streams)
            {
                final Map<String, Long> counts = counts(expected.get(stream));
                awaitDelivered(feed, stream, counts.get("delivered"));
                final StreamStats stats = feed.stats(stream);
                assertEquals(counts, Map.of("delivered", stats.delivered(), "gaps", stats.gaps(),
                    "missed", stats.missed(), "duplicates", stats.duplicates(), "outOfOrder", stats.outOfOrder()),
                    stream + " " + stats);
                assertEquals(IDS, stats.lastSequence(), stream);
            }
            assertEquals(List.of(), problems);
            assertTrue(gaps.size() > 0, "the script injected no gap at all: change its seed");
            feed.close();
        }
        finally
        {
            engine.close();
        }
    }

    private static Map<String, Long> counts(final String expectation)
    {
        final Map<String, Long> counts = new HashMap<>();
        for (final String pair : expectation.split(" "))
        {
            final String[] keyValue = pair.split("=");
            counts.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return counts;
    }

    private static void awaitDelivered(final SequencedFeed feed, final String stream, final long delivered)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (null == feed.stats(stream) || feed.stats(stream).delivered() < delivered)
        {
            assertTrue(System.nanoTime() - deadline < 0, stream + ": " + feed.stats(stream));
            Thread.sleep(5);
        }
    }
}
