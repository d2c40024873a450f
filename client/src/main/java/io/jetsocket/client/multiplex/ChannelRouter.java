/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.codec.Utf8KeyTable;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Routes each incoming message of the multiplexer's client to its channel's subscription, on the engine thread
 * (it is the client's raw-message handler): one table lookup per message; the message is decoded at most once,
 * and only when the raw extractor cannot find the channel in the bytes or the subscription wants the value. The
 * routing table is changed only by tasks on the same thread, so nothing here takes a lock.
 *
 * @param <T> type of the messages.
 */
final class ChannelRouter<T> implements RawMessageHandler
{
    private static final VarHandle ROUTED;
    private static final VarHandle UNROUTABLE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            ROUTED = lookup.findVarHandle(ChannelRouter.class, "routed", long.class);
            UNROUTABLE = lookup.findVarHandle(ChannelRouter.class, "unroutable", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final WebSocketEngine engine;
    private final Codec<T> codec;
    private final RawChannelExtractor rawExtractor;
    private final Function<? super T, String> extractor;
    private final Consumer<? super T> unroutableHandler;
    private final Consumer<MultiplexEvent> listener;
    private final Function<? super T, Long> sequenceExtractor;
    private final Utf8KeyTable<ChannelSubscription<T>> table = new Utf8KeyTable<>();
    private final ChannelSpan span = new ChannelSpan();
    // Written by the engine thread only (one writer: release stores, no fence per message), read by any thread.
    private long routed;
    private long unroutable;
    private volatile long drops; // rare: a plain volatile
    // Make-before-break rotation (engine thread only): the generation of the newest connection, whether an older
    // one still delivers, the channels not switched yet and what to do once none is left.
    private int currentGeneration;
    private boolean overlap;
    private int pendingSwitches;
    private Runnable onAllSwitched;

    ChannelRouter(
        final WebSocketEngine engine,
        final Codec<T> codec,
        final RawChannelExtractor rawExtractor,
        final Function<? super T, String> extractor,
        final Consumer<? super T> unroutableHandler,
        final Consumer<MultiplexEvent> listener,
        final Function<? super T, Long> sequenceExtractor)
    {
        this.sequenceExtractor = sequenceExtractor;
        this.engine = engine;
        this.codec = codec;
        this.rawExtractor = rawExtractor;
        this.extractor = extractor;
        this.unroutableHandler = unroutableHandler;
        this.listener = listener;
    }

    @Override
    public void onMessage(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        onMessage(currentGeneration, type, buffer, offset, length);
    }

    /**
     * The raw-message handler of the connection of one generation (0 for the first, one more for each rotation).
     */
    RawMessageHandler tap(final int generation)
    {
        return (type, buffer, offset, length) -> onMessage(generation, type, buffer, offset, length);
    }

    /**
     * A rotation starts (engine thread): a connection of the next generation opens with the same channels; each
     * of these channels switches to it as {@link #admit} says, and once all have, {@code onAllSwitched} runs.
     */
    void beginRotation(final int generation, final List<ChannelSubscription<T>> channels, final Runnable onDone)
    {
        currentGeneration = generation;
        overlap = true;
        onAllSwitched = onDone;
        pendingSwitches = 0;
        for (final ChannelSubscription<T> subscription : channels)
        {
            if (subscription.isActive() && table.get(subscription.channel()) == subscription)
            {
                subscription.newLatest = Long.MIN_VALUE;
                pendingSwitches++;
            }
        }
        checkAllSwitched();
    }

    /**
     * The overlap of a rotation ends (engine thread), once its old connection has closed: only the newest
     * connection delivers from now on. Until then the old one's last messages still count: without a sequence
     * extractor they are what fills the gap up to where the new connection began.
     *
     * @param generation the rotation's (its new connection's generation); a newer rotation keeps its own overlap.
     */
    void endOverlap(final int generation)
    {
        if (generation != currentGeneration)
        {
            return;
        }
        overlap = false;
        onAllSwitched = null;
        pendingSwitches = 0;
    }

    private void onMessage(
        final int generation, final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        ChannelSubscription<T> subscription = null;
        T message = null;
        boolean decoded = false;
        final int found = null == rawExtractor ?
            RawChannelExtractor.DECODE : rawExtractor.extract(type, buffer, offset, length, span);
        if (RawChannelExtractor.FOUND == found)
        {
            subscription = table.get(buffer, span.offset(), span.length());
        }
        else if (RawChannelExtractor.DECODE == found && null != extractor)
        {
            message = decode(type, buffer, offset, length);
            decoded = true;
            final String channel = extractor.apply(message);
            subscription = null == channel ? null : table.get(channel);
        }
        if (null == subscription || !subscription.isActive())
        {
            UNROUTABLE.setRelease(this, unroutable + 1); // the one writer reads its own plain value
            if (null != unroutableHandler)
            {
                unroutableHandler.accept(decoded ? message : decode(type, buffer, offset, length));
            }
            return;
        }
        if (null != sequenceExtractor && !decoded)
        {
            message = decode(type, buffer, offset, length);
            decoded = true;
        }
        if (!admit(generation, subscription, message))
        {
            return;
        }
        ROUTED.setRelease(this, routed + 1);
        subscription.onRouted(engine.nowNs());
        subscription.onRaw(type, buffer, offset, length);
        if (subscription.needsDecoded())
        {
            final int dropped = subscription.onDecoded(decoded ? message : decode(type, buffer, offset, length));
            if (dropped > 0)
            {
                drops += dropped;
                if (null != listener)
                {
                    listener.accept(new MultiplexEvent(MultiplexEvent.Type.OVERFLOW, subscription.channel(),
                        dropped, subscription.drops()));
                }
            }
        }
    }

    /**
     * Route a channel to its subscription from now on (engine thread).
     */
    void add(final ChannelSubscription<T> subscription)
    {
        if (!subscription.isActive())
        {
            return; // unsubscribed before its route got here
        }
        subscription.deliverGeneration = currentGeneration; // subscribed on the newest connection only
        table.put(subscription.channel(), subscription);
        if (null != listener)
        {
            listener.accept(new MultiplexEvent(MultiplexEvent.Type.SUBSCRIBED, subscription.channel(), 0, 0));
        }
    }

    /**
     * Stop routing a channel to this subscription (engine thread).
     */
    void remove(final ChannelSubscription<T> subscription)
    {
        if (table.get(subscription.channel()) != subscription)
        {
            return; // never added (closed first)
        }
        table.remove(subscription.channel());
        if (overlap && subscription.deliverGeneration != currentGeneration)
        {
            pendingSwitches--; // no longer waited for
            checkAllSwitched();
        }
        if (null != listener)
        {
            listener.accept(new MultiplexEvent(MultiplexEvent.Type.UNSUBSCRIBED, subscription.channel(), 0, 0));
        }
    }

    /**
     * Deliver this message of a connection of this generation? Outside a rotation, only the newest connection's
     * messages are delivered (a retired one's late messages are dropped). During the overlap, without a sequence
     * extractor both connections deliver (duplicates possible) and a channel counts as switched on the new one's
     * first message. With one, a channel keeps taking the old connection's messages, new ones dropped, until the
     * old connection has delivered everything the new one has shown (or the new one shows a message already
     * delivered): from then on only the new connection's messages with a higher sequence id are delivered (also
     * after the overlap, until the new connection passes the old one's last id: {@code catchingUp}). The new
     * connection carries the same stream from some point on, so nothing is skipped, repeated or reordered. Outside
     * a rotation ids are not compared: a venue may restart them on a reconnect.
     */
    private boolean admit(final int generation, final ChannelSubscription<T> subscription, final T message)
    {
        if (!overlap)
        {
            if (generation != currentGeneration)
            {
                return false;
            }
            if (null != sequenceExtractor)
            {
                final Long boxed = sequenceExtractor.apply(message);
                if (null != boxed)
                {
                    if (subscription.catchingUp && boxed <= subscription.lastSequence)
                    {
                        return false; // the old connection was ahead when the channel switched: delivered already
                    }
                    subscription.catchingUp = false;
                    subscription.lastSequence = boxed;
                }
            }
            return true;
        }
        final boolean fromNew = generation == currentGeneration;
        if (null == sequenceExtractor)
        {
            if (fromNew && subscription.deliverGeneration != currentGeneration)
            {
                switchToNew(subscription);
            }
            return true;
        }
        final Long boxed = sequenceExtractor.apply(message);
        if (null == boxed)
        {
            return generation == subscription.deliverGeneration; // no sequence: from the channel's source only
        }
        final long sequence = boxed;
        if (subscription.deliverGeneration == currentGeneration)
        {
            if (!fromNew || sequence <= subscription.lastSequence)
            {
                return false;
            }
            subscription.catchingUp = false;
            subscription.lastSequence = sequence;
            return true;
        }
        if (fromNew)
        {
            subscription.newLatest = Math.max(subscription.newLatest, sequence);
            if (sequence <= subscription.lastSequence)
            {
                switchToNew(subscription); // the new connection has caught up: it continues where the old one is
            }
            return false; // ahead of the old connection, which delivers it in order
        }
        if (sequence <= subscription.lastSequence)
        {
            return false;
        }
        subscription.lastSequence = sequence;
        if (Long.MIN_VALUE != subscription.newLatest && subscription.lastSequence >= subscription.newLatest)
        {
            switchToNew(subscription); // the old connection delivered all the new one has shown so far
        }
        return true;
    }

    private void switchToNew(final ChannelSubscription<T> subscription)
    {
        subscription.deliverGeneration = currentGeneration;
        subscription.catchingUp = null != sequenceExtractor; // until the new connection passes the old one
        pendingSwitches--;
        checkAllSwitched();
    }

    private void checkAllSwitched()
    {
        if (overlap && pendingSwitches <= 0 && null != onAllSwitched)
        {
            final Runnable done = onAllSwitched;
            onAllSwitched = null;
            done.run();
        }
    }

    long routed()
    {
        return (long)ROUTED.getAcquire(this);
    }

    long unroutable()
    {
        return (long)UNROUTABLE.getAcquire(this);
    }

    long drops()
    {
        return drops;
    }

    private T decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        // A message the codec cannot read throws: the client reports it as an error event.
        return codec.decode(type, buffer, offset, length);
    }
}
