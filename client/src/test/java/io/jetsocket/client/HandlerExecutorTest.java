/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.config.HeartbeatConfig;
import io.jetsocket.client.event.ErrorEvent;
import io.jetsocket.client.event.EventType;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handlers on a user executor: a handler that blocks does not stop the engine answering pings, serving another
 * client or firing heartbeats; messages of one connection reach the handler in order, one at a time, whatever
 * the pool; raw handlers and the default stay on the engine thread. The waits are hang guards only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandlerExecutorTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final ServerAndEngine FIXTURE = new ServerAndEngine("handler-executor-test-engine");

    private static ExecutorService pool;

    @BeforeAll
    static void startPool()
    {
        pool = Executors.newFixedThreadPool(4, (task) ->
        {
            final Thread thread = new Thread(task, "handler-pool");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stopPool()
    {
        pool.shutdownNow();
    }

    private static WebSocket<Object> client(final String path)
    {
        return WebSocket.builder(FIXTURE.server().uri(path)).engine(FIXTURE.engine()).handlerExecutor(pool).build();
    }

    /**
     * A message handler that blocks on the first message until released.
     */
    private static final class Blocker
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Object> seen = new ArrayList<>();

        void onMessage(final Object message)
        {
            synchronized (seen)
            {
                seen.add(message);
            }
            entered.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        int seenCount()
        {
            synchronized (seen)
            {
                return seen.size();
            }
        }

        List<Object> seenCopy()
        {
            synchronized (seen)
            {
                return new ArrayList<>(seen);
            }
        }

        void awaitEntered() throws InterruptedException
        {
            assertTrue(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "hang guard: handler never ran");
        }
    }

    @Test
    void shouldAnswerTheServersPingWhileAHandlerBlocks() throws Exception
    {
        final Blocker blocker = new Blocker();
        try (WebSocket<Object> ws = client("/echo"))
        {
            ws.onMessage(blocker::onMessage);
            ws.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.send(Map.of("n", 1));
            blocker.awaitEntered();

            ws.sendText("ping:while-blocked");
            FIXTURE.server().await("pong /echo while-blocked", WAIT);
            assertTrue(ws.isConnected());
            blocker.release.countDown();
        }
    }

    @Test
    void shouldServeAnotherClientOfTheEngineWhileAHandlerBlocks() throws Exception
    {
        final Blocker blocker = new Blocker();
        try (WebSocket<Object> blocked = client("/echo"); WebSocket<Object> other = client("/echo"))
        {
            blocked.onMessage(blocker::onMessage);
            blocked.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            blocked.send(Map.of("n", "1"));
            blocker.awaitEntered();

            final CompletableFuture<Object> echoed = new CompletableFuture<>();
            other.onMessage(echoed::complete);
            other.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            other.send(Map.of("to", "other"));
            assertEquals(Map.of("to", "other"), echoed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            blocked.send(Map.of("n", "2"));
            blocker.release.countDown();
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (blocker.seenCount() < 2)
            {
                assertTrue(System.nanoTime() < deadline, "hang guard: second message never handled");
                Thread.sleep(1);
            }
            assertEquals(List.of(Map.of("n", "1"), Map.of("n", "2")), blocker.seenCopy());
        }
    }

    @Test
    void shouldKeepTheHeartbeatGoingWhileAHandlerBlocks() throws Exception
    {
        // Stepped time: the embedded engine runs on this thread on a clock that moves only when told; the
        // handler blocks on the pool, so the engine's heartbeat must keep pinging and reading pongs.
        final CachedNanoClock clock = new CachedNanoClock();
        final WebSocketEngine stepped = WebSocketEngine.embedded(new EngineContext()
            .roleName("handler-executor-stepped-engine").nanoClock(clock));
        final HeartbeatConfig heartbeat = HeartbeatConfig.builder()
            .interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(900)).build();
        final Blocker blocker = new Blocker();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/mute?pongs=1000")).engine(stepped)
            .heartbeat(heartbeat).handlerExecutor(pool).build())
        {
            final EventLog log = EventLog.attach(ws);
            ws.onMessage(blocker::onMessage);
            final CompletableFuture<Void> connected = ws.connect();
            drive(stepped, clock, 0, connected::isDone);
            ws.send(Map.of("n", 1));
            drive(stepped, clock, 0, () -> 0 == blocker.entered.getCount());

            final int pingsBefore = pingsLogged();
            for (int i = 1; i <= 3; i++)
            {
                final int pings = pingsBefore + i;
                drive(stepped, clock, TimeUnit.MILLISECONDS.toNanos(1), () -> pingsLogged() >= pings);
                // the pong is read and measured on the engine thread: its latency covers at least this step
                final long stepMs = 100L * i;
                clock.advance(TimeUnit.MILLISECONDS.toNanos(stepMs));
                drive(stepped, clock, 0, () -> ws.latencyMs().orElse(0) >= stepMs);
            }
            assertTrue(ws.isConnected(), "no pong timeout while the handler blocked");
            assertEquals(0, log.all(EventType.PING).size(), "the ping events wait behind the blocked handler");

            blocker.release.countDown();
            drive(stepped, clock, 0, () -> log.all(EventType.PONG).size() >= 3);
            assertTrue(log.all(EventType.ERROR).isEmpty(), log.names().toString());
            assertEquals(3, log.all(EventType.PING).size());
            final CompletableFuture<?> closed = ws.closeAsync();
            drive(stepped, clock, TimeUnit.MILLISECONDS.toNanos(1), closed::isDone);
        }
        finally
        {
            blocker.release.countDown();
            stepped.close();
        }
    }

    private static int pingsLogged()
    {
        int count = 0;
        for (final String line : FIXTURE.server().lines())
        {
            if (line.startsWith("ping /mute"))
            {
                count++;
            }
        }
        return count;
    }

    @ParameterizedTest
    @ValueSource(strings = { "fixed-pool-4", "fork-join-pool" })
    void shouldDeliverEachConnectionsMessagesInOrderOneAtATime(final String kind) throws Exception
    {
        final int clients = 8;
        final int count = 2_000;
        final ExecutorService executor = "fork-join-pool".equals(kind) ? new ForkJoinPool(4) : pool;
        final List<WebSocket<Object>> all = new ArrayList<>();
        try
        {
            final CountDownLatch done = new CountDownLatch(clients);
            final AtomicInteger problems = new AtomicInteger();
            final List<String> firstProblems = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/push?count=" + count))
                    .engine(FIXTURE.engine()).handlerExecutor(executor).build();
                all.add(ws);
                final int client = c;
                final long[] expected = { 1 };
                final AtomicInteger inFlight = new AtomicInteger();
                ws.onMessage((message) ->
                {
                    final boolean alone = inFlight.incrementAndGet() == 1;
                    final long seq = ((Number)((Map<?, ?>)message).get("seq")).longValue();
                    if (!alone || seq != expected[0] || ws.isEngineThread())
                    {
                        problems.incrementAndGet();
                        synchronized (firstProblems)
                        {
                            if (firstProblems.size() < 5)
                            {
                                firstProblems.add("client " + client + " got " + seq + ", expected " + expected[0] +
                                    (alone ? "" : " while another ran") + " on " + Thread.currentThread().getName());
                            }
                        }
                    }
                    expected[0] = seq + 1;
                    if (seq == count)
                    {
                        done.countDown();
                    }
                    Thread.yield(); // widen the window in which a second task of this client could overlap
                    inFlight.decrementAndGet();
                });
            }
            for (final WebSocket<Object> ws : all)
            {
                ws.connect();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "hang guard: clients not done " + done.getCount());
            assertEquals(0, problems.get(), firstProblems.toString());
        }
        finally
        {
            for (final WebSocket<Object> ws : all)
            {
                ws.close();
            }
            if (executor != pool)
            {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void shouldRunRawHandlersOnTheEngineThreadAndTheOthersOnTheExecutor() throws Exception
    {
        try (WebSocket<Object> ws = client("/echo"))
        {
            final CompletableFuture<Boolean> rawOnEngine = new CompletableFuture<>();
            final CompletableFuture<Boolean> messageOnEngine = new CompletableFuture<>();
            final CompletableFuture<Boolean> connectedOnEngine = new CompletableFuture<>();
            ws.onRawMessage((type, buffer, offset, length) -> rawOnEngine.complete(ws.isEngineThread()));
            ws.onMessage((message) -> messageOnEngine.complete(ws.isEngineThread()));
            ws.on(EventType.CONNECTED, (event) -> connectedOnEngine.complete(ws.isEngineThread()));
            ws.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.send(Map.of("n", 1));
            assertTrue(rawOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertFalse(messageOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertFalse(connectedOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void shouldRunHandlersOnTheEngineThreadByDefault() throws Exception
    {
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .build())
        {
            final CompletableFuture<Boolean> messageOnEngine = new CompletableFuture<>();
            final CompletableFuture<Boolean> connectedOnEngine = new CompletableFuture<>();
            ws.onMessage((message) -> messageOnEngine.complete(ws.isEngineThread()));
            ws.on(EventType.CONNECTED, (event) -> connectedOnEngine.complete(ws.isEngineThread()));
            ws.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.send(Map.of("n", 1));
            assertTrue(messageOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(connectedOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void shouldReportAHandlerThatThrowsOnTheExecutorAsAnErrorEvent() throws Exception
    {
        try (WebSocket<Object> ws = client("/echo"))
        {
            final CompletableFuture<ErrorEvent> error = new CompletableFuture<>();
            ws.on(EventType.ERROR, error::complete);
            ws.onMessage((message) ->
            {
                throw new IllegalStateException("handler bug");
            });
            ws.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.send(Map.of("n", 1));
            final ErrorEvent event = error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(event.message().contains("handler of message threw"), event.message());
            assertFalse(event.fatal());
            assertTrue(ws.isConnected(), "a handler bug does not end the connection");
        }
    }

    @Test
    void shouldFallBackToTheEngineThreadWhenTheExecutorRejects() throws Exception
    {
        final AtomicInteger rejected = new AtomicInteger();
        try (WebSocket<Object> ws = WebSocket.builder(FIXTURE.server().uri("/echo")).engine(FIXTURE.engine())
            .handlerExecutor((task) ->
            {
                rejected.incrementAndGet();
                throw new RejectedExecutionException("shut down");
            }).build())
        {
            final CompletableFuture<Boolean> messageOnEngine = new CompletableFuture<>();
            ws.onMessage((message) -> messageOnEngine.complete(ws.isEngineThread()));
            ws.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.send(Map.of("n", 1));
            assertTrue(messageOnEngine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "delivered, not lost");
            assertTrue(rejected.get() > 0);
        }
    }

    private static void drive(
        final WebSocketEngine engine, final CachedNanoClock clock, final long stepNs, final BooleanSupplier until)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!until.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "hang guard: condition never met");
            if (0 == engine.doWork())
            {
                Thread.sleep(0, 200_000); // let the socket, the server and the pool move; the clock stays put
            }
            if (until.getAsBoolean())
            {
                return;
            }
            clock.advance(stepNs);
        }
    }
}
