/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.multiplex;

import io.jetsocket.client.RawMessageHandler;
import io.jetsocket.client.codec.Codec;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketEngine;
import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    private final ChannelTable<ChannelSubscription<T>> table = new ChannelTable<>();
    private final ChannelSpan span = new ChannelSpan();
    // Written by the engine thread only (one writer: release stores, no fence per message), read by any thread.
    private long routed;
    private long unroutable;
    private volatile long drops; // rare: a plain volatile

    ChannelRouter(
        final WebSocketEngine engine,
        final Codec<T> codec,
        final RawChannelExtractor rawExtractor,
        final Function<? super T, String> extractor,
        final Consumer<? super T> unroutableHandler,
        final Consumer<MultiplexEvent> listener)
    {
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
        if (null != listener)
        {
            listener.accept(new MultiplexEvent(MultiplexEvent.Type.UNSUBSCRIBED, subscription.channel(), 0, 0));
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
