/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.venue.RateLimit;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.testing.SteppedEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rate limiter on the engine thread allocates nothing per message: sends that go straight out, sends that
 * queue, and the drains the engine's timers run when the window frees.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RateLimitAllocationTest
{
    private static final int PER_WINDOW = 4;
    /** Sends per step, alternating above and below the window: some go straight out, some queue and drain. */
    private static final int[] SENDS_PER_STEP = {6, 2};
    private static final Duration STEP = Duration.ofMillis(1); // one instance: Duration.ofMillis allocates
    private static final int WARM_UP_STEPS = 2_000;
    private static final int MEASURED_STEPS = 2_000;

    @Test
    void shouldNotAllocatePerMessageOnTheEngineThread() throws Exception
    {
        try (RawFramePeer peer = RawFramePeer.start("rate-allocation-peer");
            SteppedEngine stepped = SteppedEngine.embed(new EngineContext().roleName("rate-allocation-engine")))
        {
            final WebSocket<Object> ws = WebSocket.builder(peer.uri()).engine(stepped.engine())
                .rateLimit(RateLimit.of(PER_WINDOW, Duration.ofMillis(1)).withQueueBytes(1 << 20))
                .compress(false).reconnect(false).build();
            final CompletableFuture<Void> connected = ws.connect();
            stepped.driveUntil(Duration.ZERO, connected::isDone);
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[32]);
            final long[] queued = new long[1];

            run(stepped, ws, payload, WARM_UP_STEPS, queued);
            queued[0] = 0;
            final long allocated =
                EngineThreadAllocation.allocatedBytes(() -> run(stepped, ws, payload, MEASURED_STEPS, queued));

            final long messages = (long)MEASURED_STEPS / 2 * (SENDS_PER_STEP[0] + SENDS_PER_STEP[1]);
            System.out.println("rate limiter: " + allocated + " bytes allocated on the engine thread for " +
                messages + " sends (" + queued[0] + " queued)");
            assertTrue(queued[0] > messages / 10 && queued[0] < messages / 2,
                "both paths were exercised: " + queued[0] + " of " + messages + " queued");
            EngineThreadAllocation.assertAllocationFree("rate-limited sends", allocated, messages);
            assertEquals(ConnectionState.CONNECTED, ws.state());
            ws.close();
            stepped.driveUntil(STEP, () -> ws.state().isTerminal());
        }
    }

    private static void run(final SteppedEngine stepped, final WebSocket<Object> ws, final UnsafeBuffer payload,
        final int steps, final long[] queued)
    {
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < SENDS_PER_STEP[step & 1]; i++)
            {
                final SendStatus status = ws.sendBinary(payload, 0, payload.capacity());
                if (SendStatus.QUEUED == status)
                {
                    queued[0]++;
                }
                else if (SendStatus.SENT != status)
                {
                    throw new AssertionError("send " + status + " at step " + step);
                }
            }
            stepped.advance(STEP);
            for (int i = 0; i < 4; i++)
            {
                stepped.engine().doWork();
            }
        }
    }
}
