/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The type of an event and of its handlers: {@code ws.on(EventType.CONNECTED, event -> ...)} gets a
 * {@link ConnectedEvent}. There are sixteen types, one per event record in this package.
 *
 * @param <E> the event class.
 */
public final class EventType<E extends Event>
{
    private static final List<EventType<?>> VALUES = new ArrayList<>();

    /** About to connect. */
    public static final EventType<ConnectingEvent> CONNECTING = new EventType<>("connecting", ConnectingEvent.class);
    /** Connection open. */
    public static final EventType<ConnectedEvent> CONNECTED = new EventType<>("connected", ConnectedEvent.class);
    /** Connection ended. */
    public static final EventType<DisconnectedEvent> DISCONNECTED =
        new EventType<>("disconnected", DisconnectedEvent.class);
    /** Reconnect scheduled. */
    public static final EventType<ReconnectingEvent> RECONNECTING =
        new EventType<>("reconnecting", ReconnectingEvent.class);
    /** Reconnected and usable. */
    public static final EventType<ReconnectedEvent> RECONNECTED =
        new EventType<>("reconnected", ReconnectedEvent.class);
    /** Decoded message. */
    public static final EventType<MessageEvent<?>> MESSAGE = new EventType<>("message", messageEventClass());
    /** Raw message, zero-copy flyweight. */
    public static final EventType<RawMessageEvent> RAW_MESSAGE =
        new EventType<>("raw_message", RawMessageEvent.class);
    /** Error. */
    public static final EventType<ErrorEvent> ERROR = new EventType<>("error", ErrorEvent.class);
    /** Closing handshake started. */
    public static final EventType<ClosingEvent> CLOSING = new EventType<>("closing", ClosingEvent.class);
    /** Client finished (CLOSED or FAILED); once per client. */
    public static final EventType<ClosedEvent> CLOSED = new EventType<>("closed", ClosedEvent.class);
    /** Heartbeat ping sent. */
    public static final EventType<PingEvent> PING = new EventType<>("ping", PingEvent.class);
    /** Pong received. */
    public static final EventType<PongEvent> PONG = new EventType<>("pong", PongEvent.class);
    /** A bounded buffer overflowed. */
    public static final EventType<BufferOverflowEvent> BUFFER_OVERFLOW =
        new EventType<>("buffer_overflow", BufferOverflowEvent.class);
    /** Replay begun. */
    public static final EventType<ReplayStartedEvent> REPLAY_STARTED =
        new EventType<>("replay_started", ReplayStartedEvent.class);
    /** Replay finished. */
    public static final EventType<ReplayCompletedEvent> REPLAY_COMPLETED =
        new EventType<>("replay_completed", ReplayCompletedEvent.class);
    /** State changed. */
    public static final EventType<StateChangeEvent> STATE_CHANGE =
        new EventType<>("state_change", StateChangeEvent.class);

    private final String name;
    private final Class<E> eventClass;
    private final int index;

    private EventType(final String name, final Class<E> eventClass)
    {
        this.name = name;
        this.eventClass = eventClass;
        this.index = VALUES.size();
        VALUES.add(this);
    }

    /**
     * The {@link #MESSAGE} type for a client of messages of type {@code T}.
     *
     * @param <T> type of the client's messages.
     * @return {@link #MESSAGE}, typed.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static <T> EventType<MessageEvent<T>> message()
    {
        return (EventType)MESSAGE;
    }

    /**
     * All event types, in a fixed order.
     *
     * @return an unmodifiable list of the sixteen types.
     */
    public static List<EventType<?>> values()
    {
        return Collections.unmodifiableList(VALUES);
    }

    /**
     * Look a type up by its lower-case name (see {@link #name()}).
     *
     * @param name e.g. {@code buffer_overflow}.
     * @return the type.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static EventType<?> forName(final String name)
    {
        for (final EventType<?> type : VALUES)
        {
            if (type.name.equals(name))
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + name);
    }

    /**
     * The type's lower-case name (as the Python original spells it), for configuration files and logs.
     *
     * @return e.g. {@code state_change}.
     */
    public String name()
    {
        return name;
    }

    /**
     * The event class.
     *
     * @return the class of the events of this type.
     */
    public Class<E> eventClass()
    {
        return eventClass;
    }

    /**
     * A dense index, from 0 to {@code values().size() - 1}.
     *
     * @return the index.
     */
    public int index()
    {
        return index;
    }

    @Override
    public String toString()
    {
        return name;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Class<MessageEvent<?>> messageEventClass()
    {
        return (Class)MessageEvent.class;
    }
}
