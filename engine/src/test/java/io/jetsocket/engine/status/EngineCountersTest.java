/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import io.jetsocket.engine.frame.CloseCode;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCountersTest
{
    @Test
    void shouldCountEachEventInItsOwnCounter()
    {
        final EngineCounters counters = EngineCounters.inMemory();

        counters.onConnectStarted();
        counters.onConnectStarted();
        counters.onConnectStarted();
        counters.onConnectionOpened();
        counters.onConnectionOpened();
        counters.onConnectionClosed();
        counters.onConnectionFailed();
        counters.onConnectTimeout();
        counters.onUpgradeFailure();
        counters.onTlsFailure();
        counters.onBytesRead(100);
        counters.onBytesRead(23);
        counters.onBytesWritten(7);
        counters.onMessageReceived();
        counters.onMessageReceived();
        counters.onMessageSent();
        counters.onBackPressure();
        counters.onSendDropped(40);
        counters.onSendsDropped(2, 60);
        counters.onCloseTimeout();
        counters.onEngineError();

        final Map<EngineCounter, Long> expected = new EnumMap<>(EngineCounter.class);
        for (final EngineCounter counter : EngineCounter.values())
        {
            expected.put(counter, 0L);
        }
        expected.put(EngineCounter.CONNECTS_STARTED, 3L);
        expected.put(EngineCounter.CONNECTIONS_OPENED, 2L);
        expected.put(EngineCounter.CONNECTIONS_CLOSED, 1L);
        expected.put(EngineCounter.CONNECTIONS_ACTIVE, 1L);
        expected.put(EngineCounter.CONNECTIONS_FAILED, 1L);
        expected.put(EngineCounter.CONNECT_TIMEOUTS, 1L);
        expected.put(EngineCounter.UPGRADE_FAILURES, 1L);
        expected.put(EngineCounter.TLS_FAILURES, 1L);
        expected.put(EngineCounter.BYTES_IN, 123L);
        expected.put(EngineCounter.BYTES_OUT, 7L);
        expected.put(EngineCounter.MESSAGES_IN, 2L);
        expected.put(EngineCounter.MESSAGES_OUT, 1L);
        expected.put(EngineCounter.BACK_PRESSURE_EVENTS, 1L);
        expected.put(EngineCounter.DROPPED_SENDS, 3L);
        expected.put(EngineCounter.DROPPED_SEND_BYTES, 100L);
        expected.put(EngineCounter.CLOSE_TIMEOUTS, 1L);
        expected.put(EngineCounter.ENGINE_ERRORS, 1L);
        assertEquals(expected, valuesOf(counters));
    }

    @Test
    void shouldCountProtocolErrorsByCloseCode()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final int[] codes = {CloseCode.PROTOCOL_ERROR, CloseCode.UNSUPPORTED_DATA, CloseCode.INVALID_PAYLOAD,
            CloseCode.POLICY_VIOLATION, CloseCode.MESSAGE_TOO_BIG, CloseCode.MANDATORY_EXTENSION,
            CloseCode.INTERNAL_ERROR};
        final EngineCounter[] expected = {EngineCounter.PROTOCOL_ERRORS_1002, EngineCounter.PROTOCOL_ERRORS_1003,
            EngineCounter.PROTOCOL_ERRORS_1007, EngineCounter.PROTOCOL_ERRORS_1008,
            EngineCounter.PROTOCOL_ERRORS_1009, EngineCounter.PROTOCOL_ERRORS_1010,
            EngineCounter.PROTOCOL_ERRORS_1011};
        for (int i = 0; i < codes.length; i++)
        {
            for (int n = 0; n <= i; n++)
            {
                counters.onProtocolError(codes[i]);
            }
        }
        counters.onProtocolError(CloseCode.TRY_AGAIN_LATER);
        counters.onProtocolError(4000);

        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(i + 1, counters.get(expected[i]), expected[i].label());
        }
        assertEquals(2, counters.get(EngineCounter.PROTOCOL_ERRORS_OTHER));
    }

    @Test
    void shouldLabelAndTypeEveryCounterForReaders()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final CountersReader reader = counters.reader();
        final int[] seen = {0};
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final EngineCounter counter = EngineCounter.ofTypeId(typeId);
            assertEquals(counter.label(), label);
            assertEquals(counter.ordinal(), counterId, "engine counters are allocated in declaration order");
            seen[0]++;
        });
        assertEquals(EngineCounter.values().length, seen[0]);
        assertNull(EngineCounter.ofTypeId(0));
        assertNull(EngineCounter.ofTypeId(9999));
        assertFalse(counters.isMapped());
    }

    @Test
    void shouldReadByLabelFromAnotherThread() throws Exception
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final EngineCountersReader reader = EngineCountersReader.of(counters);
        final AtomicLong seen = new AtomicLong(-1);
        counters.onMessageReceived();
        counters.onMessageReceived();

        final Thread other = new Thread(() -> seen.set(reader.value("messages in")));
        other.start();
        other.join();

        assertEquals(2, seen.get());
        assertEquals(2, reader.value(EngineCounter.MESSAGES_IN));
        assertEquals(ProcessHandle.current().pid(), reader.pid());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> reader.value("no such counter"));
        assertTrue(ex.getMessage().contains("no such counter"), ex.getMessage());
    }

    @Test
    void shouldAddExtraCountersBesideTheEngineOnes()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final AtomicCounter extra = counters.newCounter("rtt max ns conn 7", 1001);
        extra.setRelease(42);

        final EngineCountersReader reader = EngineCountersReader.of(counters);
        assertEquals(42, reader.value("rtt max ns conn 7"));
        assertEquals(EngineCounter.values().length + 1, reader.snapshot().size());
    }

    @Test
    void shouldNotAllocateWhenCounting()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        countMany(counters, 200_000); // warm up: compiled before measuring

        final long before = threads.getThreadAllocatedBytes(threadId);
        countMany(counters, 200_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // Counting allocates nothing per call: even 1 B a round would be 200,000 B. A JVM may allocate a few bytes of
        // its own on the thread meanwhile (Java 25 was seen to allocate 144 B once), hence a bound, not exact zero.
        assertTrue(allocated < 1024, "bytes allocated by 200,000 rounds of counting: " + allocated);
        assertEquals(400_000, counters.get(EngineCounter.MESSAGES_IN));
    }

    private static void countMany(final EngineCounters counters, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            counters.onBytesRead(128);
            counters.onMessageReceived();
            counters.onBytesWritten(64);
            counters.onMessageSent();
            counters.onProtocolError(CloseCode.MESSAGE_TOO_BIG);
            counters.onSendDropped(8);
        }
    }

    static Map<EngineCounter, Long> valuesOf(final EngineCounters counters)
    {
        final Map<EngineCounter, Long> values = new EnumMap<>(EngineCounter.class);
        for (final EngineCounter counter : EngineCounter.values())
        {
            values.put(counter, counters.get(counter));
        }
        return values;
    }
}
