/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.status;

import io.jetsocket.engine.frame.CloseCode;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * An engine's counters ({@link EngineCounter}) in an Agrona {@link CountersManager}, in memory or in a
 * memory-mapped {@link CountersFile} another process can read (with {@link EngineStat} or
 * {@link EngineCountersReader}).
 * <p>
 * Threading: the engine thread is the single writer of every counter except back-pressure events and engine
 * errors, so the other {@code on*} methods are a plain read and an ordered write
 * ({@link AtomicCounter#incrementRelease()}): no locked instruction, no allocation, no branch beyond the
 * close-code switch. Any thread may read them at any time through {@link #reader()}.
 * {@link #onBackPressure()} (a send is refused on the sender's thread) and {@link #onEngineError()} may be
 * called from any thread and are atomic adds.
 * <p>
 * The buffers are never unmapped or freed explicitly: a thread that still holds the engine after it closed can
 * count without touching freed memory; the mapping goes when this object is garbage.
 */
public final class EngineCounters
{
    /** Counter records in the buffers: the engine's counters and room for extras ({@link #newCounter}). */
    public static final int MAX_COUNTERS = 64;
    /** Bytes of the values buffer. */
    public static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;

    private final CountersManager countersManager;
    private final CountersReader reader;
    private final MappedByteBuffer mapped;
    private final File file;
    private final AtomicCounter[] byOrdinal = new AtomicCounter[EngineCounter.values().length];
    private final AtomicCounter connectsStarted;
    private final AtomicCounter connectionsOpened;
    private final AtomicCounter connectionsClosed;
    private final AtomicCounter connectionsFailed;
    private final AtomicCounter connectionsActive;
    private final AtomicCounter connectTimeouts;
    private final AtomicCounter upgradeFailures;
    private final AtomicCounter tlsFailures;
    private final AtomicCounter bytesIn;
    private final AtomicCounter bytesOut;
    private final AtomicCounter messagesIn;
    private final AtomicCounter messagesOut;
    private final AtomicCounter backPressureEvents;
    private final AtomicCounter droppedSends;
    private final AtomicCounter droppedSendBytes;
    private final AtomicCounter closeTimeouts;
    private final AtomicCounter engineErrors;
    private final AtomicCounter protocolErrors1002;
    private final AtomicCounter protocolErrors1003;
    private final AtomicCounter protocolErrors1007;
    private final AtomicCounter protocolErrors1008;
    private final AtomicCounter protocolErrors1009;
    private final AtomicCounter protocolErrors1010;
    private final AtomicCounter protocolErrors1011;
    private final AtomicCounter protocolErrorsOther;

    private EngineCounters(
        final AtomicBuffer metadataBuffer, final AtomicBuffer valuesBuffer, final MappedByteBuffer mapped,
        final File file)
    {
        this.countersManager = new CountersManager(metadataBuffer, valuesBuffer);
        this.reader = new CountersReader(metadataBuffer, valuesBuffer);
        this.mapped = mapped;
        this.file = file;
        for (final EngineCounter counter : EngineCounter.values())
        {
            byOrdinal[counter.ordinal()] = countersManager.newCounter(counter.label(), counter.typeId());
        }
        connectsStarted = byOrdinal[EngineCounter.CONNECTS_STARTED.ordinal()];
        connectionsOpened = byOrdinal[EngineCounter.CONNECTIONS_OPENED.ordinal()];
        connectionsClosed = byOrdinal[EngineCounter.CONNECTIONS_CLOSED.ordinal()];
        connectionsFailed = byOrdinal[EngineCounter.CONNECTIONS_FAILED.ordinal()];
        connectionsActive = byOrdinal[EngineCounter.CONNECTIONS_ACTIVE.ordinal()];
        connectTimeouts = byOrdinal[EngineCounter.CONNECT_TIMEOUTS.ordinal()];
        upgradeFailures = byOrdinal[EngineCounter.UPGRADE_FAILURES.ordinal()];
        tlsFailures = byOrdinal[EngineCounter.TLS_FAILURES.ordinal()];
        bytesIn = byOrdinal[EngineCounter.BYTES_IN.ordinal()];
        bytesOut = byOrdinal[EngineCounter.BYTES_OUT.ordinal()];
        messagesIn = byOrdinal[EngineCounter.MESSAGES_IN.ordinal()];
        messagesOut = byOrdinal[EngineCounter.MESSAGES_OUT.ordinal()];
        backPressureEvents = byOrdinal[EngineCounter.BACK_PRESSURE_EVENTS.ordinal()];
        droppedSends = byOrdinal[EngineCounter.DROPPED_SENDS.ordinal()];
        droppedSendBytes = byOrdinal[EngineCounter.DROPPED_SEND_BYTES.ordinal()];
        closeTimeouts = byOrdinal[EngineCounter.CLOSE_TIMEOUTS.ordinal()];
        engineErrors = byOrdinal[EngineCounter.ENGINE_ERRORS.ordinal()];
        protocolErrors1002 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1002.ordinal()];
        protocolErrors1003 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1003.ordinal()];
        protocolErrors1007 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1007.ordinal()];
        protocolErrors1008 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1008.ordinal()];
        protocolErrors1009 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1009.ordinal()];
        protocolErrors1010 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1010.ordinal()];
        protocolErrors1011 = byOrdinal[EngineCounter.PROTOCOL_ERRORS_1011.ordinal()];
        protocolErrorsOther = byOrdinal[EngineCounter.PROTOCOL_ERRORS_OTHER.ordinal()];
    }

    /**
     * Counters in this process only, in direct buffers.
     *
     * @return the counters, all zero.
     */
    public static EngineCounters inMemory()
    {
        final ByteBuffer metadata = BufferUtil.allocateDirectAligned(
            CountersFile.metadataLength(VALUES_LENGTH), BitUtil.CACHE_LINE_LENGTH);
        final ByteBuffer values = BufferUtil.allocateDirectAligned(VALUES_LENGTH, BitUtil.CACHE_LINE_LENGTH);
        return new EngineCounters(new UnsafeBuffer(metadata), new UnsafeBuffer(values), null, null);
    }

    /**
     * Counters in a memory-mapped file (created, replacing any old one) that other processes can read.
     *
     * @param file     the counters file.
     * @param roleName the engine's role name, written in the file's header.
     * @return the counters, all zero.
     */
    public static EngineCounters mapFile(final File file, final String roleName)
    {
        final MappedByteBuffer mapped = CountersFile.create(file, VALUES_LENGTH, roleName);
        return new EngineCounters(
            CountersFile.metadataBuffer(mapped), CountersFile.valuesBuffer(mapped), mapped, file);
    }

    /**
     * A reader of these counters for any thread: values, labels and type ids.
     *
     * @return a reader over the same buffers.
     */
    public CountersReader reader()
    {
        return reader;
    }

    /**
     * The counters file, or null when the counters are in memory.
     *
     * @return the file.
     */
    public File file()
    {
        return file;
    }

    /**
     * Is this backed by a memory-mapped file?
     *
     * @return true when other processes can read the counters.
     */
    public boolean isMapped()
    {
        return null != mapped;
    }

    /**
     * Value of one of the engine's counters (a volatile read: any thread).
     *
     * @param counter which.
     * @return its value.
     */
    public long get(final EngineCounter counter)
    {
        return byOrdinal[counter.ordinal()].get();
    }

    /**
     * Allocate an extra counter beside the engine's own (e.g. per-connection figures). Not for the hot path:
     * it allocates, and the buffers hold {@link #MAX_COUNTERS} in all.
     *
     * @param label  of the counter.
     * @param typeId of the counter; use ids above 1000 to stay clear of {@link EngineCounter} ids.
     * @return the counter; {@link AtomicCounter#close()} frees its slot.
     */
    public AtomicCounter newCounter(final String label, final int typeId)
    {
        return countersManager.newCounter(label, typeId);
    }

    /**
     * A connection attempt starts. Engine thread.
     */
    public void onConnectStarted()
    {
        connectsStarted.incrementRelease();
    }

    /**
     * A connection opened (its opening handshake completed). Engine thread.
     */
    public void onConnectionOpened()
    {
        connectionsOpened.incrementRelease();
        connectionsActive.incrementRelease();
    }

    /**
     * A connection that had opened ended, cleanly or not. Call once per connection for which
     * {@link #onConnectionOpened()} was called. Engine thread.
     */
    public void onConnectionClosed()
    {
        connectionsClosed.incrementRelease();
        connectionsActive.decrementRelease();
    }

    /**
     * A connection attempt ended before the connection opened (any cause; count the cause too when it is a
     * timeout, a TLS or an upgrade failure). Engine thread.
     */
    public void onConnectionFailed()
    {
        connectionsFailed.incrementRelease();
    }

    /**
     * A connection attempt ran out of time. Engine thread.
     */
    public void onConnectTimeout()
    {
        connectTimeouts.incrementRelease();
    }

    /**
     * The server refused the upgrade or answered it wrongly. Engine thread.
     */
    public void onUpgradeFailure()
    {
        upgradeFailures.incrementRelease();
    }

    /**
     * A TLS handshake failed. Engine thread.
     */
    public void onTlsFailure()
    {
        tlsFailures.incrementRelease();
    }

    /**
     * Bytes read from a connection's transport (after decryption). Engine thread, once per read.
     *
     * @param bytes read (call only when positive).
     */
    public void onBytesRead(final int bytes)
    {
        bytesIn.getAndAddRelease(bytes);
    }

    /**
     * Bytes given to a connection's transport (before encryption). Engine thread, once per write.
     *
     * @param bytes written.
     */
    public void onBytesWritten(final int bytes)
    {
        bytesOut.getAndAddRelease(bytes);
    }

    /**
     * A whole data message was delivered to a listener. Engine thread.
     */
    public void onMessageReceived()
    {
        messagesIn.incrementRelease();
    }

    /**
     * A whole data message was taken for sending. Engine thread (count cross-thread sends where the engine takes
     * them from its queue).
     */
    public void onMessageSent()
    {
        messagesOut.incrementRelease();
    }

    /**
     * A send was refused with back-pressure. Any thread: an atomic add.
     */
    public void onBackPressure()
    {
        backPressureEvents.increment();
    }

    /**
     * A message accepted for sending was dropped because its connection ended first. Engine thread.
     *
     * @param bytes of the message.
     */
    public void onSendDropped(final int bytes)
    {
        droppedSends.incrementRelease();
        droppedSendBytes.getAndAddRelease(bytes);
    }

    /**
     * Several messages accepted for sending were dropped at once. Engine thread.
     *
     * @param messages dropped.
     * @param bytes    of those messages.
     */
    public void onSendsDropped(final int messages, final long bytes)
    {
        droppedSends.getAndAddRelease(messages);
        droppedSendBytes.getAndAddRelease(bytes);
    }

    /**
     * A closing handshake timed out. Engine thread.
     */
    public void onCloseTimeout()
    {
        closeTimeouts.incrementRelease();
    }

    /**
     * An error that belongs to no connection went to the error handler. Any thread: an atomic add (the engine's
     * context counts these itself by wrapping the error handler).
     */
    public void onEngineError()
    {
        engineErrors.increment();
    }

    /**
     * The engine failed a connection with a close code because of what the peer did (or a listener threw: 1011).
     * Engine thread.
     *
     * @param closeCode the code the engine closed with.
     */
    public void onProtocolError(final int closeCode)
    {
        protocolErrorCounter(closeCode).incrementRelease();
    }

    private AtomicCounter protocolErrorCounter(final int closeCode)
    {
        switch (closeCode)
        {
            case CloseCode.PROTOCOL_ERROR:
                return protocolErrors1002;
            case CloseCode.UNSUPPORTED_DATA:
                return protocolErrors1003;
            case CloseCode.INVALID_PAYLOAD:
                return protocolErrors1007;
            case CloseCode.POLICY_VIOLATION:
                return protocolErrors1008;
            case CloseCode.MESSAGE_TOO_BIG:
                return protocolErrors1009;
            case CloseCode.MANDATORY_EXTENSION:
                return protocolErrors1010;
            case CloseCode.INTERNAL_ERROR:
                return protocolErrors1011;
            default:
                return protocolErrorsOther;
        }
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "EngineCounters{" + (null == file ? "in memory" : file.getAbsolutePath()) + "}";
    }
}
