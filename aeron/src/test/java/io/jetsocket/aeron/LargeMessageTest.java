/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages longer than one Aeron frame go out with a two-part offer and come back whole through the subscriber's
 * assembler; messages longer than the publication allows are counted and dropped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargeMessageTest
{
    @Test
    void shouldFragmentAndReassembleLongMessagesAndDropTooLongOnes() throws Exception
    {
        try (EmbeddedAeron aeron = new EmbeddedAeron();
            Subscription subscription = aeron.aeron().addSubscription("aeron:ipc?term-length=64k", 4004);
            Publication publication = aeron.aeron().addExclusivePublication("aeron:ipc?term-length=64k", 4004))
        {
            final WebSocketEngine engine = WebSocketEngine.embedded(new EngineContext());
            try
            {
                while (!publication.isConnected())
                {
                    Thread.yield();
                }
                final AeronFeedPublisher publisher = new AeronFeedPublisher(publication, engine,
                    PublisherOptions.builder().streamId(9).build(), PublisherCounters.local("large"));
                final int longLength = publication.maxPayloadLength() * 4;
                final byte[] bytes = new byte[longLength];
                for (int i = 0; i < bytes.length; i++)
                {
                    bytes[i] = (byte)(i * 31);
                }
                publisher.onMessage(MessageType.BINARY, new UnsafeBuffer(bytes), 0, bytes.length);
                final byte[] tooLong = new byte[publication.maxMessageLength()];
                publisher.onMessage(MessageType.BINARY, new UnsafeBuffer(tooLong), 0, tooLong.length);
                publisher.onMessage(MessageType.BINARY, new UnsafeBuffer(bytes), 0, 10);

                final List<byte[]> received = new ArrayList<>();
                final List<Long> sequences = new ArrayList<>();
                final List<Integer> flags = new ArrayList<>();
                final FeedMessageHandler handler = (FeedHeader header, DirectBuffer buffer, int offset, int length) ->
                {
                    final byte[] copy = new byte[length];
                    buffer.getBytes(offset, copy);
                    received.add(copy);
                    sequences.add(header.sequence());
                    flags.add(header.flags());
                };
                final io.aeron.logbuffer.FragmentHandler fragments =
                    AeronFeedSubscriber.fragmentHandler(handler, FeedEventHandler.NONE);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (received.size() < 2 && System.nanoTime() - deadline < 0)
                {
                    subscription.poll(fragments, 16);
                }

                assertEquals(2, received.size());
                assertArrayEquals(bytes, received.get(0));
                assertEquals(List.of(1L, 2L), sequences);
                assertEquals(0, flags.get(0) & FeedHeader.FLAG_TEXT, "binary");
                assertTrue((flags.get(1) & FeedHeader.FLAG_DROPPED_BEFORE) != 0, "the too-long one was dropped");
                assertEquals(1, publisher.counters().get(PublisherOutcome.TOO_LONG));
                assertEquals(1, publisher.counters().get(PublisherOutcome.DROPPED));
            }
            finally
            {
                CloseHelper.close(engine);
            }
        }
    }
}
