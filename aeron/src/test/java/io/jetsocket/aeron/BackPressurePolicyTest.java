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
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each back-pressure policy against a consumer that stops polling, on an IPC publication with 64 KiB terms (a
 * publication window of 32 KiB): the publisher is driven by hand, as the engine thread would drive it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackPressurePolicyTest
{
    private static final String CHANNEL = "aeron:ipc?term-length=64k";
    private static final int STREAM = 1001;
    private static final int MESSAGES = 2_000;
    private static final int PAYLOAD = 200;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[PAYLOAD]);
    private EmbeddedAeron aeron;
    private WebSocketEngine engine;
    private Publication publication;
    private Subscription stalled;

    @BeforeEach
    void setUp() throws Exception
    {
        aeron = new EmbeddedAeron();
        engine = WebSocketEngine.embedded(new EngineContext());
        publication = aeron.aeron().addExclusivePublication(CHANNEL, STREAM);
        stalled = aeron.aeron().addSubscription(CHANNEL, STREAM);
        while (!publication.isConnected())
        {
            Thread.yield();
        }
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(stalled, publication, engine, aeron);
    }

    @Test
    void dropAndCountShouldDropWhatDoesNotFitCountItAndFlagTheNextMessage()
    {
        final AeronFeedPublisher publisher = publisher(PublisherOptions.builder().streamId(3)
            .policy(BackPressurePolicy.DROP_AND_COUNT).build());
        publishMany(publisher, 'A', MESSAGES);

        final PublisherCounters counters = publisher.counters();
        final long published = counters.get(PublisherOutcome.PUBLISHED);
        final long dropped = counters.get(PublisherOutcome.DROPPED);
        assertTrue(published > 0 && published < MESSAGES, counters.toString());
        assertEquals(MESSAGES, published + dropped, counters.toString());
        assertEquals(dropped, counters.get(PublisherOutcome.BACK_PRESSURED), "one try per message: " + counters);

        final Received consumer = drain();
        publishOne(publisher, 'B', 0);
        drainInto(consumer);

        final List<Long> sequences = consumer.sequences();
        assertEquals(published + 1, sequences.size());
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous on the stream");
        }
        final Received.Message last = consumer.messages.get(sequences.size() - 1);
        assertTrue((last.flags() & FeedHeader.FLAG_DROPPED_BEFORE) != 0, "flags " + last.flags());
        assertTrue((consumer.messages.get(0).flags() & FeedHeader.FLAG_DROPPED_BEFORE) == 0);
    }

    @Test
    void boundedSpinShouldRetryAtMostTheLimitThenDrop()
    {
        final AeronFeedPublisher publisher = publisher(PublisherOptions.builder()
            .policy(BackPressurePolicy.BOUNDED_SPIN).spinLimit(5).build());
        publishMany(publisher, 'A', MESSAGES);

        final PublisherCounters counters = publisher.counters();
        final long dropped = counters.get(PublisherOutcome.DROPPED);
        assertTrue(dropped > 0, counters.toString());
        assertEquals(MESSAGES, counters.get(PublisherOutcome.PUBLISHED) + dropped, counters.toString());
        assertEquals(dropped * 6, counters.get(PublisherOutcome.BACK_PRESSURED), "1 try + 5 retries: " + counters);
    }

    @Test
    void conflateShouldKeepTheLatestPerKeyInBoundedMemoryAndSendItWhenTheConsumerCatchesUp()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder().conflationTable(3, 512));
        // fill the window, then 3 keys cycle: only the latest of each is held
        fillUntilConflating(publisher);
        for (int i = 0; i < 300; i++)
        {
            publishOne(publisher, (char)('A' + i % 3), i);
        }
        assertEquals(3, publisher.heldCount());
        publishOne(publisher, 'D', 0); // a fourth key does not fit: dropped, memory stays bounded
        assertEquals(3, publisher.heldCount());
        assertEquals(1, publisher.counters().get(PublisherOutcome.DROPPED));
        assertEquals(0, publisher.doWork(), "still back-pressured: nothing goes out");

        final Received consumer = drain();
        final int before = consumer.messages.size();
        assertEquals(3, publisher.doWork(), "the duty cycle sends what is held once there is room");
        drainInto(consumer);

        final List<Received.Message> flushed = consumer.messages.subList(before, consumer.messages.size());
        assertEquals(3, flushed.size());
        // the key first held (the message that hit the window was an 'A') goes first, each with its latest value
        assertEquals(List.of("A-297", "B-298", "C-299"),
            flushed.stream().map((m) -> m.payload().substring(0, 5)).toList());
        for (final Received.Message held : flushed)
        {
            assertTrue((held.flags() & FeedHeader.FLAG_CONFLATED) != 0);
        }
        assertTrue((flushed.get(0).flags() & FeedHeader.FLAG_DROPPED_BEFORE) != 0, "the 'D' was dropped");
        final List<Long> sequences = consumer.sequences();
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous on the stream");
        }
        final PublisherCounters counters = publisher.counters();
        assertEquals(counters.get(PublisherOutcome.CONFLATED) - 3, counters.get(PublisherOutcome.SUPERSEDED));
    }

    @Test
    void conflateShouldSendWhatIsHeldBeforeTheNextMessage()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        fillUntilConflating(publisher);
        publishOne(publisher, 'B', 1);
        assertEquals(2, publisher.heldCount());

        final Received consumer = drain();
        final int before = consumer.messages.size();
        publishOne(publisher, 'E', 2); // no duty cycle in between: the held ones go first, then this one
        drainInto(consumer);

        final List<Received.Message> after = consumer.messages.subList(before, consumer.messages.size());
        assertEquals(List.of("A", "B", "E"), after.stream().map((m) -> m.payload().substring(0, 1)).toList());
        assertEquals(List.of(true, true, false),
            after.stream().map((m) -> (m.flags() & FeedHeader.FLAG_CONFLATED) != 0).toList());
        assertEquals(0, publisher.heldCount());
    }

    @Test
    void conflateShouldFlagTheFirstDataMessageOfTheNewConnectionNotOneHeldFromTheOldOne()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        publisher.onConnected();
        fillUntilConflating(publisher);
        publishOne(publisher, 'B', 1);
        // the connection drops and comes back while the consumer is stalled: everything queues behind the held
        publisher.onDisconnected();
        publisher.onConnected();
        publishOne(publisher, 'C', 2);
        assertEquals(5, publisher.heldCount(), "A, B, DISCONNECTED, CONNECTED, C");

        final Received consumer = drain();
        final int before = consumer.messages.size();
        assertEquals(5, publisher.doWork());
        publishOne(publisher, 'E', 3);
        drainInto(consumer);

        final List<Received.Message> after = consumer.messages.subList(before, consumer.messages.size());
        assertEquals(List.of("DATA/1/A", "DATA/1/B", "DISCONNECTED/1/", "CONNECTED/2/", "DATA/2/C", "DATA/2/E"),
            after.stream().map((m) -> m.type() + "/" + m.connectionId() + "/" +
                (FeedMessageType.DATA == m.type() ? m.payload().substring(0, 1) : "")).toList());
        // the held messages of the old connection keep its id and are not "first after reconnect": only C is
        assertEquals(List.of(false, false, false, false, true, false),
            after.stream().map((m) -> (m.flags() & FeedHeader.FLAG_FIRST_AFTER_RECONNECT) != 0).toList());
        final List<Long> sequences = consumer.sequences();
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous on the stream");
        }
    }

    @Test
    void conflateShouldFlagTheFirstDataMessageOfEachConnectionHeldAcrossTwoReconnects()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        publisher.onConnected();
        fillUntilConflating(publisher);
        publisher.onDisconnected();
        publisher.onConnected();
        publishOne(publisher, 'C', 2); // connection 2's first, still held when connection 3 comes
        publisher.onDisconnected();
        publisher.onConnected();
        publishOne(publisher, 'D', 3);

        final Received consumer = drain();
        final int before = consumer.messages.size();
        assertEquals(7, publisher.doWork());
        drainInto(consumer);

        final List<String> flagged = new ArrayList<>();
        for (final Received.Message m : consumer.messages.subList(before, consumer.messages.size()))
        {
            if ((m.flags() & FeedHeader.FLAG_FIRST_AFTER_RECONNECT) != 0)
            {
                flagged.add(m.connectionId() + "/" + m.payload().substring(0, 1));
            }
        }
        assertEquals(List.of("2/C", "3/D"), flagged);
    }

    @Test
    void conflateShouldNotMoveAMessageAheadOfALifecycleEventDroppedForWantOfASlot()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder().conflationTable(3, 512));
        publisher.onConnected();
        fillUntilConflating(publisher);
        publishOne(publisher, 'B', 1);
        publishOne(publisher, 'C', 2);
        publisher.onDisconnected(); // every slot taken: the events are dropped (and counted)
        publisher.onConnected();
        publishOne(publisher, 'A', 3); // connection 2: must not take connection 1's place at the head
        assertEquals(3, publisher.heldCount());

        final Received consumer = drain();
        final int before = consumer.messages.size();
        assertEquals(3, publisher.doWork());
        publishOne(publisher, 'E', 4);
        drainInto(consumer);

        final List<Received.Message> after = consumer.messages.subList(before, consumer.messages.size());
        assertEquals(List.of("1/B", "1/C", "2/E"), after.subList(1, after.size()).stream()
            .map((m) -> m.connectionId() + "/" + m.payload().substring(0, 1)).toList());
        assertEquals(1, after.get(0).connectionId(), "connection 1's A, not connection 2's ahead of connection 1's");
        assertEquals(3, publisher.counters().get(PublisherOutcome.DROPPED), "DISCONNECTED, CONNECTED, A-003");
    }

    @Test
    void conflateShouldCountWhatIsStillHeldAsDroppedWhenThePublisherLeavesTheDutyCycle()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        final int published = fillUntilConflating(publisher);
        publishOne(publisher, 'B', 1);
        assertEquals(2, publisher.heldCount());

        publisher.onClose(); // the engine removes it (publisher.close()) or closes: nothing will send these
        final PublisherCounters counters = publisher.counters();
        assertEquals(0, publisher.heldCount());
        assertEquals(2, counters.get(PublisherOutcome.DROPPED), "still back-pressured: lost, and counted");
        assertEquals(published + 1, counters.get(PublisherOutcome.PUBLISHED) + counters.get(PublisherOutcome.DROPPED),
            counters.toString());
    }

    @Test
    void conflateShouldSendWhatIsHeldWhenThePublisherLeavesTheDutyCycleIfTheConsumerHasCaughtUp()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        fillUntilConflating(publisher);
        publishOne(publisher, 'B', 1);
        final Received consumer = drain();
        final int before = consumer.messages.size();

        publisher.onClose();
        drainInto(consumer);
        assertEquals(0, publisher.heldCount());
        assertEquals(0, publisher.counters().get(PublisherOutcome.DROPPED));
        assertEquals(List.of("A", "B"), consumer.messages.subList(before, consumer.messages.size()).stream()
            .map((m) -> m.payload().substring(0, 1)).toList());
    }

    @Test
    void conflateShouldNotMoveAMessageAheadOfALifecycleEventHeldBeforeIt()
    {
        final AeronFeedPublisher publisher = conflating(PublisherOptions.builder());
        publisher.onConnected();
        fillUntilConflating(publisher);
        publishOne(publisher, 'A', 1); // replaces the A held: both of connection 1, nothing between them
        publisher.onDisconnected();
        publisher.onConnected();
        publishOne(publisher, 'A', 2); // connection 2: must stay behind CONNECTED, not replace connection 1's A
        publishOne(publisher, 'A', 3); // replaces that one
        assertEquals(4, publisher.heldCount(), "A-001, DISCONNECTED, CONNECTED, A-003");

        final Received consumer = drain();
        final int before = consumer.messages.size();
        assertEquals(4, publisher.doWork());
        drainInto(consumer);

        final List<Received.Message> after = consumer.messages.subList(before, consumer.messages.size());
        assertEquals(List.of("DATA/1/A-001", "DISCONNECTED/1/", "CONNECTED/2/", "DATA/2/A-003"),
            after.stream().map((m) -> m.type() + "/" + m.connectionId() + "/" +
                (FeedMessageType.DATA == m.type() ? m.payload().substring(0, 5) : "")).toList());
        assertEquals(2, publisher.counters().get(PublisherOutcome.SUPERSEDED), "A-000 and A-002");
        final List<Long> sequences = consumer.sequences();
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i), "contiguous on the stream");
        }
    }

    @Test
    void disconnectSlowConsumerShouldCloseThePublicationOnceAndDropEverythingAfter()
    {
        final AtomicInteger told = new AtomicInteger();
        final AeronFeedPublisher publisher = publisher(PublisherOptions.builder()
            .policy(BackPressurePolicy.DISCONNECT_SLOW_CONSUMER).onSlowConsumer(told::incrementAndGet).build());
        publishMany(publisher, 'A', MESSAGES);

        final PublisherCounters counters = publisher.counters();
        assertTrue(publisher.isEvicted());
        assertTrue(publication.isClosed());
        assertEquals(1, told.get());
        assertEquals(1, counters.get(PublisherOutcome.SLOW_CONSUMER_DISCONNECTS));
        assertEquals(1, counters.get(PublisherOutcome.BACK_PRESSURED), "no attempt after the eviction");
        assertEquals(MESSAGES, counters.get(PublisherOutcome.PUBLISHED) + counters.get(PublisherOutcome.DROPPED));
    }

    @Test
    void shouldCountNotConnectedWithoutDroppingWhenNobodyListens()
    {
        stalled.close();
        while (publication.isConnected())
        {
            Thread.yield();
        }
        final AeronFeedPublisher publisher = publisher(PublisherOptions.builder().build());
        publishMany(publisher, 'A', 10);

        final PublisherCounters counters = publisher.counters();
        assertEquals(10, counters.get(PublisherOutcome.NOT_CONNECTED));
        assertEquals(0, counters.get(PublisherOutcome.DROPPED));
        assertEquals(0, counters.get(PublisherOutcome.PUBLISHED));
        assertEquals(1, publisher.nextSequence());
        assertFalse(publisher.isEvicted());
    }

    private AeronFeedPublisher publisher(final PublisherOptions options)
    {
        return new AeronFeedPublisher(publication, engine, options, PublisherCounters.local("test"));
    }

    /**
     * A CONFLATE publisher keyed on the first byte (the letter {@link #publishOne} writes first).
     */
    private AeronFeedPublisher conflating(final PublisherOptions.Builder options)
    {
        return publisher(options.policy(BackPressurePolicy.CONFLATE)
            .conflationKey((type, buffer, offset, length) -> buffer.getByte(offset)).build());
    }

    /**
     * Publish key A until the stalled consumer's window is full and the first message is held.
     *
     * @return how many were published.
     */
    private int fillUntilConflating(final AeronFeedPublisher publisher)
    {
        int published = 0;
        while (publisher.counters().get(PublisherOutcome.CONFLATED) == 0)
        {
            publishOne(publisher, 'A', published++);
        }
        return published;
    }

    private void publishMany(final AeronFeedPublisher publisher, final char key, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            publishOne(publisher, key, i);
        }
    }

    private void publishOne(final AeronFeedPublisher publisher, final char key, final int index)
    {
        final byte[] text = (key + "-" + String.format("%03d", index % 1000) + "-").getBytes(StandardCharsets.US_ASCII);
        message.setMemory(0, PAYLOAD, (byte)'x');
        message.putBytes(0, text);
        publisher.onMessage(MessageType.TEXT, message, 0, PAYLOAD);
    }

    private Received drain()
    {
        final Received consumer = new Received();
        drainInto(consumer);
        return consumer;
    }

    private void drainInto(final Received consumer)
    {
        // Read until nothing is left AND the driver's conductor, on its own duty cycle, has moved the publication's
        // limit past what was read. Polling only until the first empty poll, then waiting for the window, hung now
        // and then (Java 25, a loaded machine): a poll can come back empty before the image shows the data, and the
        // window never opens while nobody reads.
        while (consumer.poll(stalled) > 0 ||
            (!publication.isClosed() && publication.availableWindow() < (long)PAYLOAD * 4))
        {
            Thread.yield();
        }
    }
}
