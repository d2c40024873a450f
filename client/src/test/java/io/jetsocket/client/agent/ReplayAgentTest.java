/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.agent;

import io.jetsocket.client.BufferOverflowException;
import io.jetsocket.client.MessageSender;
import io.jetsocket.client.SendStatus;
import io.jetsocket.client.config.BufferConfig;
import io.jetsocket.client.config.OverflowPolicy;
import io.jetsocket.client.config.ReplayConfig;
import io.jetsocket.client.config.ReplayMode;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buffering and replay agent alone, with a fake connection and a hand-driven clock.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayAgentTest
{
    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> wire = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private int sendResult = SendResult.NOT_CONNECTED;
    private int acceptBeforePushBack = Integer.MAX_VALUE;
    private int wakeUps;

    private final ReplayAgent.Host host = new ReplayAgent.Host()
    {
        public int sendDirect(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
        {
            if (SendResult.OK == sendResult && acceptBeforePushBack-- <= 0)
            {
                return SendResult.BACK_PRESSURED;
            }
            if (SendResult.OK == sendResult)
            {
                wire.add(buffer.getStringWithoutLengthUtf8(offset, length));
            }
            return sendResult;
        }

        public void onReplayStarted(final ReplayMode mode, final Object lastSequenceId, final int messageCount)
        {
            events.add("started " + mode.value() + " " + lastSequenceId + " " + messageCount);
        }

        public void onReplayCompleted(final ReplayMode mode, final int replayedCount, final long durationNs)
        {
            events.add("completed " + mode.value() + " " + replayedCount + " " + durationNs);
        }

        public void onReplayError(final Throwable error)
        {
            events.add("error " + error.getMessage());
        }

        public void wakeUp()
        {
            wakeUps++;
        }

        public void onOverflow(final long droppedCount)
        {
            events.add("overflow " + droppedCount);
        }

        public void onBufferedSent(final int length)
        {
        }
    };

    private ReplayAgent<Object> fullBuffer(final int capacity, final OverflowPolicy policy)
    {
        return new ReplayAgent<>(ReplayConfig.fullBuffer(),
            BufferConfig.builder().capacity(capacity).overflowPolicy(policy).build(), clock, host);
    }

    private static SendStatus submit(final ReplayAgent<Object> agent, final String text)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes());
        return agent.submit(MessageType.TEXT, buffer, 0, text.length());
    }

    @Test
    void shouldBufferWhileDownAndSendInOrderOnceReconnected()
    {
        final ReplayAgent<Object> agent = fullBuffer(10, OverflowPolicy.DROP_OLDEST);
        assertEquals(SendStatus.BUFFERED, submit(agent, "a"));
        assertEquals(SendStatus.BUFFERED, submit(agent, "b"));
        assertEquals(0.2, agent.fillRatio(), 1e-9);
        sendResult = SendResult.OK;

        agent.startDrain(true);

        assertEquals(List.of("a", "b"), wire);
        assertEquals(List.of("started full_buffer null 2", "completed full_buffer 2 0"), events);
        assertTrue(agent.isFlowing());
        assertEquals(SendStatus.SENT, submit(agent, "c"));
        assertEquals(List.of("a", "b", "c"), wire);
        assertEquals(0, agent.bufferedCount());
    }

    @Test
    void shouldResumeTheDrainInLaterDutyCyclesWhenPushedBackAndKeepNewSendsBehind()
    {
        final ReplayAgent<Object> agent = fullBuffer(10, OverflowPolicy.DROP_OLDEST);
        submit(agent, "1");
        submit(agent, "2");
        submit(agent, "3");
        sendResult = SendResult.OK;
        acceptBeforePushBack = 1;

        agent.startDrain(true);
        assertEquals(List.of("1"), wire);
        assertFalse(agent.isFlowing());
        assertEquals(SendStatus.BUFFERED, submit(agent, "4"), "behind the replay");

        acceptBeforePushBack = 2;
        assertEquals(2, agent.doWork());
        assertEquals(List.of("1", "2", "3"), wire);
        acceptBeforePushBack = Integer.MAX_VALUE;
        assertEquals(1, agent.doWork());
        assertEquals(0, agent.doWork());

        assertEquals(List.of("1", "2", "3", "4"), wire);
        assertEquals("completed full_buffer 4 0", events.get(events.size() - 1));
    }

    @Test
    void shouldSendAStaleHandBackAtOnceWhileFlowingSoThatSendsQueuedBehindItStayBehind()
    {
        // A sender thread read the old connection as current, stalled through a whole rotation, then queued its
        // message for that closed connection: the engine hands it back while flowing on the new one, with that
        // thread's next sends already queued behind it in the engine's command channel for the new connection.
        final ReplayAgent<Object> agent = fullBuffer(10, OverflowPolicy.DROP_OLDEST);
        sendResult = SendResult.OK;
        agent.startDrain(true);
        assertTrue(agent.isFlowing());

        final UnsafeBuffer stale = new UnsafeBuffer("13922".getBytes());
        agent.handBack(null, MessageType.TEXT, stale, 0, 5);
        wire.add("13923"); // the next record in the engine's queue: written to the new connection directly
        agent.doWork();

        assertEquals(List.of("13922", "13923"), wire);
        assertEquals(0, agent.bufferedCount());
        assertTrue(agent.isFlowing(), "nothing held back");
    }

    @Test
    void shouldStopDrainingWhenTheConnectionGoesAway()
    {
        final ReplayAgent<Object> agent = fullBuffer(10, OverflowPolicy.DROP_OLDEST);
        submit(agent, "1");
        submit(agent, "2");
        sendResult = SendResult.OK;
        acceptBeforePushBack = 1;
        agent.startDrain(true);
        agent.onDisconnected();
        sendResult = SendResult.NOT_CONNECTED;

        assertEquals(0, agent.doWork());
        assertEquals(SendStatus.BUFFERED, submit(agent, "3"));
        assertEquals(2, agent.bufferedCount(), "2 and 3 wait for the next connection");
    }

    @Test
    void shouldDropTheOldestWhenFull()
    {
        final ReplayAgent<Object> agent = fullBuffer(2, OverflowPolicy.DROP_OLDEST);
        submit(agent, "1");
        submit(agent, "2");
        assertEquals(SendStatus.BUFFERED, submit(agent, "3"));
        assertEquals(List.of("overflow 1"), events);
        sendResult = SendResult.OK;
        agent.startDrain(false);
        assertEquals(List.of("2", "3"), wire);
    }

    @Test
    void shouldDropTheNewestWhenFull()
    {
        final ReplayAgent<Object> agent = fullBuffer(2, OverflowPolicy.DROP_NEWEST);
        submit(agent, "1");
        submit(agent, "2");
        assertEquals(SendStatus.DROPPED, submit(agent, "3"));
        assertEquals(List.of("overflow 1"), events);
        sendResult = SendResult.OK;
        agent.startDrain(false);
        assertEquals(List.of("1", "2"), wire);
    }

    @Test
    void shouldRefuseWhenFullWithTheErrorPolicy()
    {
        final ReplayAgent<Object> agent = fullBuffer(2, OverflowPolicy.ERROR);
        submit(agent, "1");
        submit(agent, "2");
        final BufferOverflowException overflow = assertThrows(BufferOverflowException.class, () -> submit(agent, "3"));
        assertEquals(2, overflow.capacity());
        assertEquals(2, overflow.currentSize());
        assertEquals(List.of("overflow 1"), events);
    }

    @Test
    void shouldAnnounceNothingOnAFirstConnectWithAnEmptyBuffer()
    {
        final ReplayAgent<Object> agent = fullBuffer(2, OverflowPolicy.ERROR);
        sendResult = SendResult.OK;
        agent.startDrain(false);
        assertTrue(events.isEmpty());
        assertTrue(agent.isFlowing());
    }

    @Test
    void shouldCallTheSequenceHookWithTheLastIdAfterAReconnect()
    {
        final List<Object> hookCalls = new ArrayList<>();
        final ReplayAgent<Object> agent = new ReplayAgent<>(
            ReplayConfig.sequenceId((message) -> ((Map<?, ?>)message).get("seq"), (last, sender) ->
            {
                hookCalls.add(last);
                sender.sendText("replay from " + last);
            }),
            BufferConfig.defaults(), clock, host);
        final List<String> sent = new ArrayList<>();
        final MessageSender<Object> sender = new RecordingSender(sent);

        agent.replaySequence(true, sender);
        assertTrue(hookCalls.isEmpty(), "no id seen yet");
        assertTrue(agent.acceptIncoming(Map.of("seq", 41L)));
        assertTrue(agent.acceptIncoming(Map.of("seq", 42L)));
        assertTrue(agent.acceptIncoming(Map.of("other", 1)));
        agent.replaySequence(false, sender);
        assertTrue(hookCalls.isEmpty(), "not after the first connect");

        agent.replaySequence(true, sender);

        assertEquals(List.of(42L), hookCalls);
        assertEquals(List.of("replay from 42"), sent);
        assertEquals(List.of("started sequence_id 42 1", "completed sequence_id 1 0"), events);
    }

    @Test
    void shouldReportAFailingHookAndCarryOn()
    {
        final ReplayAgent<Object> agent = new ReplayAgent<>(
            ReplayConfig.sequenceId((message) -> message, (last, sender) ->
            {
                throw new IllegalStateException("hook bug");
            }),
            BufferConfig.defaults(), clock, host);
        agent.acceptIncoming(5L);
        agent.replaySequence(true, new RecordingSender(new ArrayList<>()));
        assertEquals(List.of("started sequence_id 5 1", "error hook bug", "completed sequence_id 0 0"), events);
    }

    @Test
    void shouldDropDuplicatesWithinTheWindow()
    {
        final ReplayAgent<Object> agent = new ReplayAgent<>(
            ReplayConfig.<Object>none().withSequenceExtractor((message) -> message),
            BufferConfig.builder().enableDedup(true).dedupWindow(3).build(), clock, host);
        assertTrue(agent.acceptIncoming(1L));
        assertTrue(agent.acceptIncoming(2L));
        assertFalse(agent.acceptIncoming(1L));
        assertTrue(agent.acceptIncoming(3L));
        assertTrue(agent.acceptIncoming(4L));
        assertTrue(agent.acceptIncoming(1L), "1 left the window of 3");
        assertEquals(1L, agent.lastSequenceId());
        assertEquals(1, agent.duplicates());
    }

    @Test
    void shouldKeepMessagesWithoutAnIdAndSurviveAThrowingExtractor()
    {
        final ReplayAgent<Object> agent = new ReplayAgent<>(
            ReplayConfig.<Object>none().withSequenceExtractor((message) ->
            {
                throw new IllegalArgumentException("bad message");
            }),
            BufferConfig.builder().enableDedup(true).build(), clock, host);
        assertTrue(agent.acceptIncoming("x"));
        assertTrue(agent.acceptIncoming("x"));
        assertNull(agent.lastSequenceId());
        assertEquals(List.of("error bad message", "error bad message"), events);
    }

    /**
     * Records what the replay hook sends.
     */
    static final class RecordingSender implements MessageSender<Object>
    {
        private final List<String> sent;

        RecordingSender(final List<String> sent)
        {
            this.sent = sent;
        }

        public SendStatus send(final Object message)
        {
            sent.add(String.valueOf(message));
            return SendStatus.SENT;
        }

        public SendStatus sendText(final String text)
        {
            sent.add(text);
            return SendStatus.SENT;
        }

        public SendStatus sendBinary(final byte[] bytes)
        {
            sent.add(new String(bytes));
            return SendStatus.SENT;
        }
    }
}
