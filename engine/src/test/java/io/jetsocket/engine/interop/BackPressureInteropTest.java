/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.WebSocketConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-pressure against a server that stops reading ({@code /stall}: Node pauses the socket, Jetty demands
 * nothing): with a small outbound cap and a small socket send buffer, sends from inside callbacks (written directly)
 * and from other threads (through the engine's ring buffer) end up {@link SendResult#BACK_PRESSURED}, and the
 * backlog never passes the cap. When the server reads again, every accepted message arrives, in order.
 */
class BackPressureInteropTest extends InteropTestSupport
{
    static final int MAX_OUTBOUND_BYTES = 64 * 1024;
    static final int MESSAGE_LENGTH = 1024;
    static final long SEND_LIMIT_BYTES = 256L * 1024 * 1024;
    static final long CLOSE_TIMEOUT_MS = 500;
    /**
     * {@link WebSocketConnection#outboundBacklog()} adds the queued and the unsent bytes, read one after the other:
     * off the engine thread it may count the frame the engine is moving from one to the other twice.
     */
    static final int SKEW = MESSAGE_LENGTH + 14;

    @Override
    EngineContext context()
    {
        return super.context()
            .maxOutboundBytes(MAX_OUTBOUND_BYTES)
            .socketSendBufferSize(16 * 1024)
            .closeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldBackPressureSendsFromInsideCallback(final ServerKind kind) throws Exception
    {
        final CompletableFuture<Fill> fill = new CompletableFuture<>();
        final RecordingListener client = new RecordingListener()
            .onOpenDo((connection) -> fill.complete(fillUntilRefused(connection)));
        connect(launch(), ConnectRequest.of(server(kind).uri("/stall")), client);

        final Fill result = fill.get(20, TimeUnit.SECONDS);

        assertEquals(SendResult.BACK_PRESSURED, result.refusal(), result::toString);
        assertTrue(result.accepted() > 0, result::toString);
        assertTrue(result.maxBacklog() <= MAX_OUTBOUND_BYTES, result::toString);
        final long backlog = client.connection().outboundBacklog();
        assertTrue(backlog > 0 && backlog <= MAX_OUTBOUND_BYTES, () -> "backlog " + backlog);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldBackPressureSendsFromOtherThreads(final ServerKind kind) throws Exception
    {
        final RecordingListener client = connect(launch(), server(kind).uri("/stall"));
        client.awaitOpen();
        final WebSocketConnection connection = client.connection();

        final List<Fill> fills = new CopyOnWriteArrayList<>();
        final List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++)
        {
            final Thread producer = new Thread(() -> fills.add(fillUntilRefused(connection)), "producer-" + p);
            producers.add(producer);
            producer.start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }

        assertEquals(2, fills.size());
        for (final Fill fill : fills)
        {
            assertEquals(SendResult.BACK_PRESSURED, fill.refusal(), fill::toString);
            assertTrue(fill.maxBacklog() <= MAX_OUTBOUND_BYTES + SKEW, fill::toString);
        }
        assertEquals(List.of(), unexpectedEngineErrors(), "engine errors while sending");
        // Nothing is read at the other end: a second round stays refused and the backlog stays under the cap.
        final Fill again = fillUntilRefused(connection);
        assertEquals(SendResult.BACK_PRESSURED, again.refusal(), again::toString);
        assertTrue(again.accepted() <= MAX_OUTBOUND_BYTES / 6, again::toString);
        assertTrue(connection.outboundBacklog() <= MAX_OUTBOUND_BYTES + SKEW, () -> "backlog " +
            connection.outboundBacklog());
        assertEquals(1, client.openCount.get(), client::describe);
        assertTrue(client.errors.isEmpty(), client::describe);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEverythingAcceptedOnceTheServerReadsAgain(final ServerKind kind) throws Exception
    {
        final int count = 4_000;
        final RecordingListener client = connect(launch(), server(kind).uri("/stall?resumeMs=1500"));
        client.awaitOpen();

        int refusals = 0;
        for (int i = 0; i < count; i++)
        {
            final byte[] payload = numbered(i);
            int result;
            while (SendResult.BACK_PRESSURED == (result = client.connection().sendBinary(payload, 0, payload.length)))
            {
                refusals++;
                Thread.onSpinWait();
            }
            assertEquals(SendResult.OK, result, SendResult.describe(result));
        }

        assertTrue(refusals > 0, "the server read everything at once: no back-pressure was exercised");
        assertEquals(List.of(), unexpectedEngineErrors(), "engine errors while sending");
        for (int i = 0; i < count; i++)
        {
            final RecordingListener.Message echo = client.nextMessage();
            assertEquals(MessageType.BINARY, echo.type());
            assertArrayEquals(numbered(i), echo.payload(), "echo " + i);
        }
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseFromCallbackWhileBackPressured(final ServerKind kind) throws Exception
    {
        final CompletableFuture<Object> closeOutcome = new CompletableFuture<>();
        final RecordingListener client = new RecordingListener().onOpenDo((connection) ->
        {
            fillUntilRefused(connection);
            try
            {
                closeOutcome.complete(connection.close(1000, "bye while back-pressured"));
            }
            catch (final RuntimeException ex)
            {
                closeOutcome.complete(ex);
            }
        });
        connect(launch(), ConnectRequest.of(server(kind).uri("/stall")), client);

        assertEquals(SendResult.OK, closeOutcome.get(20, TimeUnit.SECONDS), "close() from the callback");
        assertClosedByCloseTimeout(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseFromAnotherThreadWhileBackPressured(final ServerKind kind) throws Exception
    {
        // onOpen fills the outbound bytes to the cap and holds the engine thread until the test thread has queued
        // its close, so that the engine takes the close off its queue before any flush can make room.
        final CompletableFuture<Fill> fill = new CompletableFuture<>();
        final CountDownLatch closeQueued = new CountDownLatch(1);
        final RecordingListener client = new RecordingListener().onOpenDo((connection) ->
        {
            fill.complete(fillUntilRefused(connection));
            try
            {
                closeQueued.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        connect(launch(), ConnectRequest.of(server(kind).uri("/stall")), client);
        assertEquals(SendResult.BACK_PRESSURED, fill.get(20, TimeUnit.SECONDS).refusal());

        final int result = client.connection().close(1000, "bye while back-pressured");
        closeQueued.countDown();
        assertEquals(SendResult.OK, result);
        assertClosedByCloseTimeout(client);
        assertEquals(List.of(), unexpectedEngineErrors(), "engine errors");
    }

    /**
     * Node only: the server must send a message and a close frame in one TCP segment right after the 101 and then
     * read nothing, so that the close frame is decoded while the outbound bytes are at the cap. Jetty, told to do the
     * same, closes TCP soon after its close frame, which makes the outcome depend on timing.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportServerCloseReceivedWhileBackPressured() throws Exception
    {
        final CompletableFuture<Fill> fill = new CompletableFuture<>();
        final RecordingListener client = new RecordingListener()
            .onMessageDo((connection, message) -> fill.complete(fillUntilRefused(connection)));
        connect(launch(), ConnectRequest.of(server(ServerKind.NODE).uri("/message-then-close")), client);
        assertEquals(SendResult.BACK_PRESSURED, fill.get(20, TimeUnit.SECONDS).refusal());

        // The close frame is decoded right after the message, in the same read, while our outbound bytes are at the
        // cap. Our close reply can wait (the server reads nothing): the close timeout ends the connection, and
        // onClose reports the server's code and reason.
        final RecordingListener.Close close = client.awaitClose(Duration.ofSeconds(10));
        assertEquals(List.of(), unexpectedEngineErrors(), "engine errors");
        assertEquals(new RecordingListener.Close(1001, "server leaving", true), close, client::describe);
    }

    private static void assertClosedByCloseTimeout(final RecordingListener client) throws InterruptedException
    {
        final RecordingListener.Close close = client.awaitClose(Duration.ofSeconds(5));
        assertEquals(1006, close.code(), client::describe);
        assertFalse(close.remote(), client::describe);
        final List<TimeoutException> timeouts = client.errorsOf(TimeoutException.class);
        assertEquals(1, timeouts.size(), client::describe);
        assertEquals(TimeoutException.Operation.CLOSE, timeouts.get(0).operation());
    }

    /**
     * Send binary messages of 1 KiB, then 16 bytes, then empty ones, each size until a send is refused, so that the
     * outbound bytes end up within a few bytes of the cap (or send far more than any buffer could hold: a failure).
     */
    static Fill fillUntilRefused(final WebSocketConnection connection)
    {
        final byte[] payload = new byte[MESSAGE_LENGTH];
        long accepted = 0;
        long acceptedBytes = 0;
        long maxBacklog = 0;
        int result = SendResult.OK;
        for (final int length : new int[]{MESSAGE_LENGTH, 16, 0})
        {
            while (SendResult.OK == (result = connection.sendBinary(payload, 0, length)) &&
                acceptedBytes < SEND_LIMIT_BYTES)
            {
                accepted++;
                acceptedBytes += length;
                maxBacklog = Math.max(maxBacklog, connection.outboundBacklog());
            }
            if (SendResult.BACK_PRESSURED != result)
            {
                break;
            }
        }
        return new Fill(accepted, result, maxBacklog);
    }

    static byte[] numbered(final int index)
    {
        final byte[] payload = new byte[MESSAGE_LENGTH];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(index * 7 + i);
        }
        ByteBuffer.wrap(payload).putInt(0, index);
        return payload;
    }

    /**
     * The outcome of {@link #fillUntilRefused}.
     *
     * @param accepted   messages accepted.
     * @param refusal    the result of the first refused send (OK if the limit was reached instead).
     * @param maxBacklog the largest backlog seen after an accepted send.
     */
    record Fill(long accepted, int refusal, long maxBacklog)
    {
        @Override
        public String toString()
        {
            return "accepted " + accepted + " messages of " + MESSAGE_LENGTH + " bytes, then " +
                SendResult.describe(refusal) + "; largest backlog " + maxBacklog + " (cap " + MAX_OUTBOUND_BYTES + ")";
        }
    }
}
