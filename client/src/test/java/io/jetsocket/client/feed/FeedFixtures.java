/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.client.config.BackoffConfig;
import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * Test fixtures of the feed layer's tests (sequencer, resync, redundant feed): a text extractor (no dependency on the
 * real JSON/binary extractors), a manual executor, stepped timers and recorders of what the handler and the listener
 * saw.
 * <p>
 * The text format, one message per frame: {@code NAME:SEQ}, {@code NAME:FIRST-LAST} (a range), {@code NAME:PREV>SEQ}
 * (a pair); an empty name is the unnamed stream; anything after a space is payload; a message without a colon is
 * not sequenced.
 */
final class FeedFixtures
{
    /** No jitter, 100 ms doubling, 3 attempts: retries land on exact stepped times. */
    static final BackoffConfig BACKOFF = BackoffConfig.builder()
        .base(Duration.ofMillis(100)).jitter(false).maxAttempts(3).build();

    private FeedFixtures()
    {
    }

    /**
     * Reads the text format straight from the buffer, allocating nothing.
     */
    static final SequenceExtractor TEXT = FeedFixtures::extract;

    static boolean extract(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final SequenceFields fields)
    {
        final int end = offset + length;
        int colon = -1;
        for (int i = offset; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (':' == b)
            {
                colon = i;
                break;
            }
            if (' ' == b)
            {
                return false;
            }
        }
        if (colon < 0)
        {
            return false;
        }
        fields.stream(buffer, offset, colon - offset);
        int i = colon + 1;
        long first = 0;
        for (; i < end && isDigit(buffer.getByte(i)); i++)
        {
            first = first * 10 + buffer.getByte(i) - '0';
        }
        if (i < end && ('-' == buffer.getByte(i) || '>' == buffer.getByte(i)))
        {
            final boolean pair = '>' == buffer.getByte(i);
            long second = 0;
            for (i++; i < end && isDigit(buffer.getByte(i)); i++)
            {
                second = second * 10 + buffer.getByte(i) - '0';
            }
            if (pair)
            {
                fields.sequence(first, second);
            }
            else
            {
                fields.range(first, second);
            }
        }
        else
        {
            fields.sequence(first);
        }
        return true;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * A message's bytes in a buffer of their own.
     *
     * @param text e.g. {@code "s1:42"}.
     * @return a buffer holding exactly the text.
     */
    static UnsafeBuffer message(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Send a text message to a handler as the engine would (a view of a buffer with bytes around it).
     */
    static void send(final io.jetsocket.client.RawMessageHandler handler, final String text)
    {
        final byte[] bytes = ("##" + text + "##").getBytes(StandardCharsets.UTF_8);
        handler.onMessage(MessageType.TEXT, new UnsafeBuffer(bytes), 2, bytes.length - 4);
    }

    /**
     * Runs its tasks only when the test says.
     */
    static final class ManualExecutor implements Executor
    {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(final Runnable task)
        {
            tasks.add(task);
        }

        int pending()
        {
            return tasks.size();
        }

        void runNext()
        {
            final Runnable task = tasks.poll();
            if (null == task)
            {
                throw new IllegalStateException("no task pending");
            }
            task.run();
        }

        void runAll()
        {
            while (!tasks.isEmpty())
            {
                runNext();
            }
        }
    }

    /**
     * Timers on a clock that moves only when stepped.
     */
    static final class SteppedTimers implements ClientTimers
    {
        private final TreeMap<Long, Object[]> armed = new TreeMap<>();
        private long nowNs;
        private long nextId = 1;

        @Override
        public long nowNs()
        {
            return nowNs;
        }

        @Override
        public long schedule(final long deadlineNs, final EngineTimer timer)
        {
            final long id = nextId++;
            armed.put(id, new Object[]{deadlineNs, timer});
            return id;
        }

        @Override
        public void cancel(final long timerId)
        {
            armed.remove(timerId);
        }

        int armed()
        {
            return armed.size();
        }

        /**
         * The deadline of the only armed timer.
         */
        long deadlineNs()
        {
            if (1 != armed.size())
            {
                throw new IllegalStateException("armed timers: " + armed.size());
            }
            return (long)armed.firstEntry().getValue()[0];
        }

        void advance(final Duration step)
        {
            nowNs += step.toNanos();
            final List<Long> due = new ArrayList<>();
            armed.forEach((id, timer) ->
            {
                if ((long)timer[0] <= nowNs)
                {
                    due.add(id);
                }
            });
            for (final Long id : due)
            {
                final Object[] timer = armed.remove(id);
                ((EngineTimer)timer[1]).onTimer(id);
            }
        }
    }

    /**
     * What the handler got, as {@code stream|payload} lines, and what the listener heard, as lines.
     */
    static final class Recorder implements FeedHandler, FeedListener, SnapshotHandler<String>
    {
        final List<String> delivered = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        /** The messages delivered with {@link SequenceFields#isReplayed()} set, a subset of {@link #delivered}. */
        final List<String> replayed = new ArrayList<>();

        @Override
        public void onMessage(
            final String stream, final MessageType type, final DirectBuffer buffer, final int offset, final int length,
            final SequenceFields fields)
        {
            final String message = buffer.getStringWithoutLengthUtf8(offset, length);
            delivered.add(message);
            if (fields.isReplayed())
            {
                replayed.add(message);
            }
        }

        @Override
        public void onSnapshot(final String stream, final Snapshot<String> snapshot)
        {
            delivered.add("snapshot " + stream + "@" + snapshot.lastSequence() + " " + snapshot.payload());
        }

        @Override
        public void onSequenceGap(final String stream, final long from, final long to)
        {
            events.add("gap " + stream + " " + from + ".." + to);
        }

        @Override
        public void onStreamReset(final String stream)
        {
            events.add("reset " + stream);
        }

        @Override
        public void onResyncStarted(final String stream, final ResyncReason reason)
        {
            events.add("resync " + stream + " " + reason);
        }

        @Override
        public void onResyncCompleted(final String stream, final long lastSequence, final int replayed)
        {
            events.add("resynced " + stream + "@" + lastSequence + " replayed " + replayed);
        }

        @Override
        public void onResyncFailed(
            final String stream, final Throwable cause, final int attempt, final boolean exhausted)
        {
            events.add("failed " + stream + " " + cause.getMessage() + " attempt " + attempt +
                (exhausted ? " exhausted" : ""));
        }

        @Override
        public void onBufferOverflow(final String stream, final int bytes)
        {
            events.add("overflow " + stream + " " + bytes);
        }

        List<String> takeDelivered()
        {
            final List<String> copy = List.copyOf(delivered);
            delivered.clear();
            return copy;
        }

        List<String> takeReplayed()
        {
            final List<String> copy = List.copyOf(replayed);
            replayed.clear();
            return copy;
        }

        List<String> takeEvents()
        {
            final List<String> copy = List.copyOf(events);
            events.clear();
            return copy;
        }
    }
}
