/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.client.event.Event;
import io.jetsocket.client.event.EventType;
import io.jetsocket.client.event.RawMessageEvent;
import io.jetsocket.client.event.Registration;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The handlers of a client, per event type: copy-on-write arrays, so that registration is thread safe and
 * dispatch (on the engine thread) neither locks nor allocates. A handler that throws is reported to
 * {@code onHandlerError} and does not stop the others.
 * <p>
 * With a handler executor, every event but {@link EventType#RAW_MESSAGE} goes through a {@link SerialEventQueue}
 * and its handlers run there, in order; raw messages are views of the engine's buffer, valid only during the
 * call, so their handlers always run on the engine thread.
 */
final class EventDispatcher
{
    private static final Consumer<?>[] NO_HANDLERS = new Consumer<?>[0];
    private static final RawMessageHandler[] NO_RAW_HANDLERS = new RawMessageHandler[0];

    private static final Object[] NO_TYPES = new Object[0];

    static
    {
        if (EventType.values().size() > Integer.SIZE)
        {
            throw new ExceptionInInitializerError("one bit per event type: at most 32 types");
        }
    }

    /**
     * The types with consumers and their consumers, in pairs ({@code EventType}, {@code Consumer[]}): copy-on-write
     * under this object's monitor (never taken on the engine thread). Only registered types take room: a client with
     * two handler types holds 40 bytes here, not a slot for every one of the sixteen types.
     */
    private volatile Object[] table = NO_TYPES;
    /** Bit {@code index} set while that type has consumers: one load answers {@link #hasConsumers} per message. */
    private volatile int typesWithConsumers;
    private final BiConsumer<EventType<?>, Throwable> onHandlerError;
    private final SerialEventQueue serial;
    /** Zero-copy handlers ({@code onRawMessage}), called with the message's view and no event object. */
    private volatile RawMessageHandler[] rawHandlers = NO_RAW_HANDLERS;

    EventDispatcher(final BiConsumer<EventType<?>, Throwable> onHandlerError)
    {
        this(onHandlerError, null);
    }

    EventDispatcher(final BiConsumer<EventType<?>, Throwable> onHandlerError, final Executor handlerExecutor)
    {
        this.onHandlerError = onHandlerError;
        this.serial = null == handlerExecutor ? null : new SerialEventQueue(handlerExecutor, this::dispatch);
    }

    <E extends Event> Registration add(final EventType<E> type, final Consumer<? super E> handler)
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        synchronized (this)
        {
            final Consumer<?>[] current = consumers(type);
            boolean present = false;
            for (final Consumer<?> existing : current)
            {
                present |= existing == handler;
            }
            if (!present)
            {
                final Consumer<?>[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = handler;
                replace(type, next);
            }
        }
        return () -> remove(type, handler);
    }

    boolean remove(final EventType<?> type, final Consumer<?> handler)
    {
        synchronized (this)
        {
            final Consumer<?>[] current = consumers(type);
            for (int i = 0; i < current.length; i++)
            {
                if (current[i] == handler)
                {
                    final Consumer<?>[] next = new Consumer<?>[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    replace(type, next);
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Swap a type's consumers (under this object's monitor): the table first, then the bit, so a reader that sees
     * the bit finds the consumers.
     */
    private void replace(final EventType<?> type, final Consumer<?>[] next)
    {
        final Object[] current = table;
        final int at = find(current, type);
        final Object[] updated;
        if (next.length > 0)
        {
            updated = at >= 0 ? current.clone() : Arrays.copyOf(current, current.length + 2);
            final int slot = at >= 0 ? at : current.length;
            updated[slot] = type;
            updated[slot + 1] = next;
            table = updated;
            typesWithConsumers |= 1 << type.index();
        }
        else if (at >= 0)
        {
            typesWithConsumers &= ~(1 << type.index());
            updated = new Object[current.length - 2];
            System.arraycopy(current, 0, updated, 0, at);
            System.arraycopy(current, at + 2, updated, at, current.length - at - 2);
            table = updated.length == 0 ? NO_TYPES : updated;
        }
    }

    private static int find(final Object[] table, final EventType<?> type)
    {
        for (int i = 0; i < table.length; i += 2)
        {
            if (table[i] == type)
            {
                return i;
            }
        }
        return -1;
    }

    private Consumer<?>[] consumers(final EventType<?> type)
    {
        final Object[] current = table;
        final int at = find(current, type);
        return at < 0 ? NO_HANDLERS : (Consumer<?>[])current[at + 1];
    }

    /**
     * Register a zero-copy handler: called on the engine thread with each data message's view, no event built.
     *
     * @param handler the handler.
     * @return removes it.
     */
    Registration addRaw(final RawMessageHandler handler)
    {
        Objects.requireNonNull(handler, "handler");
        synchronized (this)
        {
            final RawMessageHandler[] current = rawHandlers;
            final RawMessageHandler[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = handler;
            rawHandlers = next;
        }
        return () -> removeRaw(handler);
    }

    private boolean removeRaw(final RawMessageHandler handler)
    {
        synchronized (this)
        {
            final RawMessageHandler[] current = rawHandlers;
            for (int i = 0; i < current.length; i++)
            {
                if (current[i] == handler)
                {
                    final RawMessageHandler[] next = new RawMessageHandler[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    rawHandlers = next.length == 0 ? NO_RAW_HANDLERS : next;
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The zero-copy handlers now: read once per message.
     *
     * @return them, empty if none.
     */
    RawMessageHandler[] rawHandlers()
    {
        return rawHandlers;
    }

    /**
     * A zero-copy handler threw (engine thread): reported like any handler's failure; the engine thread goes on, a
     * {@link VirtualMachineError} excepted.
     *
     * @param error what it threw.
     */
    void rawHandlerFailed(final Throwable error)
    {
        if (error instanceof VirtualMachineError)
        {
            throw (VirtualMachineError)error;
        }
        onHandlerError.accept(EventType.RAW_MESSAGE, error);
    }

    /**
     * Has the type handlers ({@link EventType#RAW_MESSAGE}: event consumers or zero-copy handlers)?
     *
     * @param type the event type.
     * @return true if at least one.
     */
    boolean has(final EventType<?> type)
    {
        return count(type) > 0;
    }

    /**
     * Has the type event consumers, not counting zero-copy handlers?
     *
     * @param type the event type.
     * @return true if at least one consumer takes its events.
     */
    boolean hasConsumers(final EventType<?> type)
    {
        return 0 != (typesWithConsumers & (1 << type.index()));
    }

    int count(final EventType<?> type)
    {
        final int consumers = consumers(type).length;
        return EventType.RAW_MESSAGE == type ? consumers + rawHandlers.length : consumers;
    }

    /**
     * {@link #emit} for {@link EventType#RAW_MESSAGE} event consumers, once per message: a loop of its own gives the
     * consumer call a type profile of its own instead of a call site shared with every other event type. Always on
     * the engine thread, handler executor or not: the flyweight is a view of the engine's buffer, valid only during
     * the call.
     *
     * @param event the flyweight, pointed at the message.
     */
    @SuppressWarnings("unchecked")
    void emitRaw(final RawMessageEvent event)
    {
        final Consumer<?>[] current = consumers(EventType.RAW_MESSAGE);
        for (final Consumer<?> handler : current)
        {
            try
            {
                ((Consumer<RawMessageEvent>)handler).accept(event);
            }
            catch (final VirtualMachineError ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                onHandlerError.accept(EventType.RAW_MESSAGE, ex);
            }
        }
    }

    <E extends Event> void emit(final EventType<E> type, final E event)
    {
        if (null == serial || EventType.RAW_MESSAGE == type)
        {
            dispatch(type, event);
        }
        else
        {
            serial.offer(type, event);
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(final EventType<?> type, final Event event)
    {
        final Consumer<?>[] current = consumers(type);
        for (final Consumer<?> handler : current)
        {
            try
            {
                ((Consumer<Event>)handler).accept(event);
            }
            catch (final VirtualMachineError ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                onHandlerError.accept(type, ex);
            }
        }
    }
}
