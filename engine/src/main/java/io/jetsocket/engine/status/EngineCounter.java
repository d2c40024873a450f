/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

/**
 * The counters every engine keeps. Each has a stable type id (stored in the counter's metadata, so a reader can
 * find it without matching labels) and a label (what {@link EngineStat} prints). Ids are never reused: a
 * counter that goes away leaves a gap.
 */
public enum EngineCounter
{
    /** Connection attempts started (resolution, TCP connect, proxy, TLS, upgrade). */
    CONNECTS_STARTED(1, "connects started"),
    /** Connections whose opening handshake completed ({@code onOpen} delivered). */
    CONNECTIONS_OPENED(2, "connections opened"),
    /** Connections that had opened and have now ended, cleanly or not. */
    CONNECTIONS_CLOSED(3, "connections closed"),
    /** Connection attempts that ended before the connection opened (any cause). */
    CONNECTIONS_FAILED(4, "connections failed"),
    /** Open connections now: opened minus closed, a gauge. */
    CONNECTIONS_ACTIVE(5, "connections active"),
    /** Connection attempts that ran out of time. */
    CONNECT_TIMEOUTS(6, "connect timeouts"),
    /** WebSocket upgrades the server refused or answered wrongly (non-101, bad accept, bad extension). */
    UPGRADE_FAILURES(7, "upgrade failures"),
    /** TLS handshakes that failed (certificate, protocol, peer closing during the handshake). */
    TLS_FAILURES(8, "TLS handshake failures"),
    /** Bytes the connections read from their transport (after TLS decryption). */
    BYTES_IN(9, "bytes in"),
    /** Bytes the connections gave their transport (before TLS encryption). */
    BYTES_OUT(10, "bytes out"),
    /** Whole data messages delivered to listeners. */
    MESSAGES_IN(11, "messages in"),
    /** Whole data messages taken for sending. */
    MESSAGES_OUT(12, "messages out"),
    /** Sends refused with {@code BACK_PRESSURED} (outbound cap or cross-thread queue full). */
    BACK_PRESSURE_EVENTS(13, "back-pressure events"),
    /** Messages accepted for sending that were dropped because their connection ended first. */
    DROPPED_SENDS(14, "dropped sends"),
    /** Bytes of the dropped sends. */
    DROPPED_SEND_BYTES(15, "dropped send bytes"),
    /** Closing handshakes that timed out (the TCP connection was then closed by force). */
    CLOSE_TIMEOUTS(16, "close timeouts"),
    /** Errors that belong to no connection, reported to the engine's error handler. */
    ENGINE_ERRORS(17, "engine errors"),
    /** Connections failed by the engine with 1002: the peer broke the protocol. */
    PROTOCOL_ERRORS_1002(18, "protocol errors 1002 protocol error"),
    /** Connections failed by the engine with 1003: a data type it cannot accept. */
    PROTOCOL_ERRORS_1003(19, "protocol errors 1003 unsupported data"),
    /** Connections failed by the engine with 1007: invalid UTF-8 or an inconsistent payload. */
    PROTOCOL_ERRORS_1007(20, "protocol errors 1007 invalid payload"),
    /** Connections failed by the engine with 1008: a policy violation. */
    PROTOCOL_ERRORS_1008(21, "protocol errors 1008 policy violation"),
    /** Connections failed by the engine with 1009: a frame, message or fragment count over its limit. */
    PROTOCOL_ERRORS_1009(22, "protocol errors 1009 message too big"),
    /** Connections failed by the engine with 1010: an extension the client needs was not negotiated. */
    PROTOCOL_ERRORS_1010(23, "protocol errors 1010 mandatory extension"),
    /** Connections failed by the engine with 1011 (reserved: the engine does not send 1011 today). */
    PROTOCOL_ERRORS_1011(24, "protocol errors 1011 internal error"),
    /** Connections failed by the engine with any other close code. */
    PROTOCOL_ERRORS_OTHER(25, "protocol errors other code");

    private static final EngineCounter[] BY_TYPE_ID;

    static
    {
        int max = 0;
        for (final EngineCounter counter : values())
        {
            max = Math.max(max, counter.typeId);
        }
        BY_TYPE_ID = new EngineCounter[max + 1];
        for (final EngineCounter counter : values())
        {
            if (null != BY_TYPE_ID[counter.typeId])
            {
                throw new IllegalStateException("duplicate counter type id " + counter.typeId);
            }
            BY_TYPE_ID[counter.typeId] = counter;
        }
    }

    private final int typeId;
    private final String label;

    EngineCounter(final int typeId, final String label)
    {
        this.typeId = typeId;
        this.label = label;
    }

    /**
     * The stable type id stored with the counter.
     *
     * @return the type id.
     */
    public int typeId()
    {
        return typeId;
    }

    /**
     * The label stored with the counter.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The counter with a type id.
     *
     * @param typeId as stored in a counter's metadata.
     * @return the counter, or null when no engine counter has this id (an extra counter, or a newer engine's).
     */
    public static EngineCounter ofTypeId(final int typeId)
    {
        return typeId >= 0 && typeId < BY_TYPE_ID.length ? BY_TYPE_ID[typeId] : null;
    }
}
