/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * Reads the control stream on the engine thread: add it with {@code ws.engine().addAgent(agent)}, and consumer
 * processes drive the feed handler's subscriptions (subscribe, unsubscribe) and ask for snapshots and recovery
 * ({@link ControlCommand}) without a connection of their own.
 * Each duty cycle polls at most a few messages, so a burst of commands cannot starve the connections. A message
 * that is not a known command, or that the target refuses (it throws), is counted as rejected and skipped.
 */
public final class FeedControlAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 8;

    private final Subscription subscription;
    private final SubscriptionControl target;
    private final FragmentHandler handler;
    private volatile long applied;
    private volatile long rejected;

    /**
     * An agent over a control subscription.
     *
     * @param subscription the control stream; the caller keeps it and closes it.
     * @param target       the subscriptions to drive.
     */
    public FeedControlAgent(final Subscription subscription, final SubscriptionControl target)
    {
        this.subscription = subscription;
        this.target = target;
        this.handler = new FragmentAssembler(this::onControl);
    }

    /** {@inheritDoc} */
    @Override
    public int doWork()
    {
        return subscription.poll(handler, FRAGMENT_LIMIT);
    }

    /** {@inheritDoc} */
    @Override
    public String roleName()
    {
        return "jetsocket-aeron-control-" + subscription.streamId();
    }

    /**
     * Commands carried out (any thread).
     *
     * @return how many.
     */
    public long applied()
    {
        return applied;
    }

    /**
     * Messages skipped: unknown, malformed, or refused by the target (any thread).
     *
     * @return how many.
     */
    public long rejected()
    {
        return rejected;
    }

    private void onControl(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final ControlCommand command = FeedControl.command(buffer, offset, length);
        if (null == command)
        {
            rejected++;
            return;
        }
        try
        {
            final String channel = FeedControl.channel(buffer, offset, length);
            switch (command)
            {
                case SUBSCRIBE -> target.subscribe(channel);
                case UNSUBSCRIBE -> target.unsubscribe(channel);
                case SNAPSHOT_REQUEST -> target.snapshot(channel);
                case RECOVERY_REQUEST -> target.recover(channel);
                default -> throw new IllegalStateException("unhandled control command " + command);
            }
            applied++;
        }
        catch (final RuntimeException ex)
        {
            // a closed multiplexer, a channel subscribed otherwise, a request the target does not support: the
            // consumer's request fails, the feed handler goes on
            rejected++;
        }
    }
}
