/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.client.agent.ClientTimers;
import io.jetsocket.engine.EngineTimer;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What sequence tracking adds per message on the engine thread: {@link StreamSequencer#onMessage} (extract the
 * stream and id, look the stream up by its name's bytes, classify, count, deliver) against the extractor alone, on
 * in-order messages spread over several streams. The extractor is a minimal one (name before a colon, decimal id
 * after it) so that the figure is the sequencer's; the JSON and binary extractors have their own benchmark.
 * <p>
 * In the client's package because the engine-thread sequencer is package-private (the public face is
 * {@link SequencedFeed}, which needs a connection); the shaded benchmark jar puts both in one class loader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class SequenceTrackingBenchmark
{
    private static final int MESSAGES_PER_STREAM = 4096;

    /** How many streams the messages are spread over (the size of the lookup table). */
    @Param({ "4", "256" })
    public int streams;

    private final SequenceFields fields = new SequenceFields();
    private UnsafeBuffer[] messages;
    private int next;
    private long round;
    private StreamSequencer<Object> sequencer;
    private Blackhole blackhole;

    /**
     * Build the messages: every stream in turn, ids 1..N each (the ids go on rising across rounds: see
     * {@link #renumber}).
     *
     * @param blackhole what the handler feeds.
     */
    @Setup(Level.Trial)
    public void setUp(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
        messages = new UnsafeBuffer[streams * MESSAGES_PER_STREAM];
        for (int i = 0; i < messages.length; i++)
        {
            final String text = String.format("sym%04d@depth:%012d {\"b\":[[\"64123.10\",\"0.015\"]]}",
                i % streams, i / streams + 1);
            messages[i] = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        }
        sequencer = new SequencedFeed.Builder<>(null)
            .extractor(SequenceTrackingBenchmark::extract)
            .handler((stream, type, buffer, offset, length, fields) -> this.blackhole.consume(fields.last()))
            .sequencer(Runnable::run, new NoTimers());
    }

    /**
     * The full path: extract, look up, order, count, deliver.
     */
    @Benchmark
    public void track()
    {
        final UnsafeBuffer message = nextMessage();
        sequencer.onMessage(MessageType.TEXT, message, 0, message.capacity());
    }

    /**
     * The baseline: the extractor alone, its result consumed.
     *
     * @param blackhole sink.
     */
    @Benchmark
    public void extractOnly(final Blackhole blackhole)
    {
        final UnsafeBuffer message = nextMessage();
        extract(MessageType.TEXT, message, 0, message.capacity(), fields.clear());
        blackhole.consume(fields.last() + fields.streamLength());
    }

    private UnsafeBuffer nextMessage()
    {
        if (next == messages.length)
        {
            next = 0;
            renumber(); // before the first message of a round, never under one not yet delivered
        }
        return messages[next++];
    }

    /**
     * After a round the ids must go on rising, or every message of the next round would be stale: rewrite the
     * fixed-width ids in place (once per {@code streams * 4096} messages, a negligible share).
     */
    private void renumber()
    {
        round++;
        for (int i = 0; i < messages.length; i++)
        {
            final UnsafeBuffer message = messages[i];
            long id = round * MESSAGES_PER_STREAM + i / streams + 1;
            final int colon = indexOf(message, ':');
            for (int d = colon + 12; d > colon; d--)
            {
                message.putByte(d, (byte)('0' + id % 10));
                id /= 10;
            }
        }
    }

    private static int indexOf(final DirectBuffer buffer, final char c)
    {
        int i = 0;
        while (buffer.getByte(i) != c)
        {
            i++;
        }
        return i;
    }

    static boolean extract(
        final MessageType type, final DirectBuffer buffer, final int offset, final int length,
        final SequenceFields fields)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end && ':' != buffer.getByte(i))
        {
            i++;
        }
        if (i == end)
        {
            return false;
        }
        fields.stream(buffer, offset, i - offset);
        long id = 0;
        for (i++; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            id = id * 10 + digit;
        }
        fields.sequence(id);
        return true;
    }

    /**
     * No resync is configured, so no timer is ever armed.
     */
    private static final class NoTimers implements ClientTimers
    {
        @Override
        public long nowNs()
        {
            return 0;
        }

        @Override
        public long schedule(final long deadlineNs, final EngineTimer timer)
        {
            throw new UnsupportedOperationException("no timers in this benchmark");
        }

        @Override
        public void cancel(final long timerId)
        {
        }
    }

    /**
     * Check the benchmark's own premise: every message is delivered in order (none stale, no gap).
     *
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final SequenceTrackingBenchmark benchmark = new SequenceTrackingBenchmark();
        benchmark.streams = 4;
        final long[] delivered = new long[1];
        benchmark.setUp(null);
        benchmark.sequencer = new SequencedFeed.Builder<>(null)
            .extractor(SequenceTrackingBenchmark::extract)
            .handler((stream, type, buffer, offset, length, fields) -> delivered[0]++)
            .sequencer(Runnable::run, new NoTimers());
        final int total = 3 * benchmark.messages.length;
        for (int i = 0; i < total; i++)
        {
            benchmark.track();
        }
        for (final String stream : benchmark.sequencer.streams())
        {
            final StreamStats stats = benchmark.sequencer.stats(stream);
            if (0 != stats.gaps() + stats.duplicates())
            {
                throw new IllegalStateException("delivered " + delivered[0] + " of " + total + ": " + stats);
            }
        }
        if (total != delivered[0])
        {
            throw new IllegalStateException("delivered " + delivered[0] + " of " + total);
        }
        System.out.println("ok: " + delivered[0] + " delivered in order over " + benchmark.streams + " streams");
    }
}
