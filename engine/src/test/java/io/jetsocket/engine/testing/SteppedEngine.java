/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.concurrent.CachedNanoClock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An embedded engine on stepped time: it runs on the test's thread, and its clock moves only when the test steps
 * it. Real I/O still happens while the test drives it (sockets, servers), so real time passes too, but every timer
 * of the engine (and of clients on its clock) sees only the steps: a test asserts durations in engine time,
 * exactly, and real time bounds only how long it waits for a condition that never comes (a hang guard).
 */
public final class SteppedEngine implements AutoCloseable
{
    /** How long {@link #driveUntil} waits in real time before it says the condition never came. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(15);

    private final CachedNanoClock clock;
    private final WebSocketEngine engine;

    private SteppedEngine(final CachedNanoClock clock, final WebSocketEngine engine)
    {
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Embed an engine with a stepped clock.
     *
     * @param context the engine's settings; its nano clock is replaced by the stepped one.
     * @return the engine, its clock at zero.
     */
    public static SteppedEngine embed(final EngineContext context)
    {
        return embed(context, 0);
    }

    /**
     * Embed an engine with a stepped clock that starts at a chosen time. Set it here rather than by a jump after
     * the engine is made: the engine's timers start from the clock's reading at construction, and a jump is time
     * that every timer sees pass (a timer wheel, for one, then catches up over many cycles, its timers late).
     *
     * @param context the engine's settings; its nano clock is replaced by the stepped one.
     * @param startNs the clock's first reading.
     * @return the engine.
     */
    public static SteppedEngine embed(final EngineContext context, final long startNs)
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(startNs);
        return new SteppedEngine(clock, WebSocketEngine.embedded(context.nanoClock(clock)));
    }

    /**
     * The embedded engine.
     *
     * @return the engine this drives.
     */
    public WebSocketEngine engine()
    {
        return engine;
    }

    /**
     * The engine's clock, for clients that should share it.
     *
     * @return the stepped clock.
     */
    public CachedNanoClock clock()
    {
        return clock;
    }

    /**
     * The engine's time now.
     *
     * @return nanoseconds on the stepped clock.
     */
    public long nowNs()
    {
        return clock.nanoTime();
    }

    /**
     * Engine time passed since an earlier reading.
     *
     * @param startNs an earlier {@link #nowNs()}.
     * @return whole milliseconds of engine time since then.
     */
    public long msSince(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNs);
    }

    /**
     * Step the clock without running the engine.
     *
     * @param duration how far.
     */
    public void advance(final Duration duration)
    {
        clock.advance(duration.toNanos());
    }

    /**
     * Run duty cycles, stepping the clock after every cycle that leaves the condition false, until it holds: the
     * clock is never stepped past the cycle that made it true, so engine time then says when it happened to
     * within one step.
     *
     * @param step  how far the clock moves per cycle ({@link Duration#ZERO}: it stays put).
     * @param until the condition.
     * @throws InterruptedException if interrupted while letting the sockets move.
     * @throws AssertionError if the condition does not hold within {@link #HANG_GUARD} of real time.
     */
    public void driveUntil(final Duration step, final BooleanSupplier until) throws InterruptedException
    {
        final long stepNs = step.toNanos();
        final long startNs = clock.nanoTime();
        final long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!until.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("condition never met within " + HANG_GUARD.toSeconds() +
                    " s of real time (" + msSince(startNs) + " ms of engine time stepped)");
            }
            if (0 == engine.doWork())
            {
                Thread.sleep(0, 200_000); // let the sockets and the peer move; the engine's clock stays put
            }
            if (!until.getAsBoolean())
            {
                clock.advance(stepNs);
            }
        }
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
