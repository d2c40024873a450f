/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.transport;

import org.agrona.BufferUtil;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * {@code wss://}: an {@link SSLEngine} driven by the engine thread, with no thread of its own and no blocking call.
 * <p>
 * Receive path: records are read from the socket, up to {@value #RECORDS_PER_READ} at a time, into a network
 * buffer and decrypted straight into the connection's read buffer (the buffer the frame decoder works on), so a
 * message that fits is delivered without a copy beyond decryption. Only when the read buffer has less room than
 * the next record needs is the record decrypted into a spill buffer and handed over as room appears.
 * <p>
 * Send path: application bytes are wrapped into a network buffer holding {@value #RECORDS_PER_WRITE} record
 * and written with one socket write per record; whatever the socket does not take stays there and goes out first.
 * <p>
 * Delegated tasks of the handshake (certificate path validation, key agreement) run inline on the engine thread by
 * default: a handshake costs the other connections of the engine a few milliseconds of latency, once per connect.
 * With a task executor ({@code EngineContext.tlsDelegatedTaskExecutor}) they run there instead:
 * {@link #handshake()} hands the tasks over and returns false at once; while they run, the engine thread must not
 * drive this transport ({@link #isTaskInFlight()}), and when they are done the executor's thread hands
 * {@code resumeHandshake} to {@code engineCommands}, which must run it on the engine thread, where it calls
 * {@link #handshake()} again ({@link TlsTaskOffload}).
 * Tasks after the handshake (TLS 1.3 post-handshake messages; rare and cheap) always run inline. No buffer is
 * allocated after the handshake by this class; {@link #release()} frees the direct buffers.
 * <p>
 * The network input buffer is on the heap: JDK 17's AES-GCM decrypts a direct source through temporary arrays,
 * which measured 30 bytes allocated per 128-byte message against 12 with a heap source (the 12 are the JDK's
 * own, per record, and every SSLEngine user pays them), at equal or better throughput. The socket read copies
 * through the JDK's cached per-thread direct buffer.
 */
public final class TlsTransport implements Transport
{
    // Several records per read(2): a saturated wss:// feed otherwise pays a system call per 16 KiB record.
    // A receive-heavy client sends little, so one record per write is enough on the way out.
    private static final int RECORDS_PER_READ = 4;
    private static final int RECORDS_PER_WRITE = 1;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final TlsTaskOffload offload;
    private boolean handshakeDone;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer spill;
    private boolean inboundClosed;
    private boolean shutdownRequested;
    private boolean outputShut;
    private int lastWrapProduced;

    /**
     * A transport that runs the handshake's delegated tasks inline on the engine thread.
     *
     * @param channel connected socket, non-blocking.
     * @param engine  client-mode engine, configured.
     * @throws SSLException when the handshake cannot begin.
     */
    public TlsTransport(final SocketChannel channel, final SSLEngine engine) throws SSLException
    {
        this(channel, engine, null, null, null);
    }

    /**
     * A transport that may run the handshake's delegated tasks on an executor.
     *
     * @param channel         connected socket, non-blocking.
     * @param engine          client-mode engine, configured.
     * @param taskExecutor    where the handshake's delegated tasks run, or null to run them inline.
     * @param engineCommands  runs a command on the engine thread (e.g. offers it to the engine's command queue and
     *                        wakes the selector); called from the task executor's thread. Unused when inline.
     * @param resumeHandshake the command given to {@code engineCommands} once the tasks are done: on the engine
     *                        thread it must call {@link #handshake()} again, unless the connection has ended since.
     *                        Unused when inline.
     * @throws SSLException when the handshake cannot begin.
     */
    public TlsTransport(
        final SocketChannel channel,
        final SSLEngine engine,
        final Executor taskExecutor,
        final Executor engineCommands,
        final Runnable resumeHandshake) throws SSLException
    {
        this.channel = channel;
        this.engine = engine;
        this.offload = null == taskExecutor ? null :
            new TlsTaskOffload(engine, taskExecutor, engineCommands, resumeHandshake);
        final SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize() * RECORDS_PER_READ); // heap: see the class doc
        netIn.flip(); // read mode: no bytes yet
        netOut = ByteBuffer.allocateDirect(session.getPacketBufferSize() * RECORDS_PER_WRITE);
        netOut.flip();
        engine.beginHandshake();
    }

    /**
     * The TLS session: protocol, cipher suite, the server's certificates.
     *
     * @return the session (complete once the handshake is).
     */
    public SSLSession session()
    {
        return engine.getSession();
    }

    /**
     * Are the handshake's delegated tasks running on the task executor? While they are, {@link #handshake()} returns
     * false without touching the socket, so the connection need not wait for any socket readiness (interest 0).
     *
     * @return true from hand-over until the tasks are done.
     */
    public boolean isTaskInFlight()
    {
        return null != offload && offload.isInFlight();
    }

    /**
     * Drive the handshake as far as the socket allows. With a task executor, returns false when the next step is
     * a delegated task, which then runs there: call again when {@code resumeHandshake} runs.
     *
     * @return true once the handshake is complete.
     * @throws IOException when it fails (an {@link SSLException}, also one a delegated task met) or the peer closes
     *                     the connection.
     */
    public boolean handshake() throws IOException
    {
        if (null != offload && !offload.done())
        {
            return false;
        }
        while (true)
        {
            if (netOut.hasRemaining() && !flushNetOut())
            {
                return false;
            }
            switch (engine.getHandshakeStatus())
            {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;

                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapHandshake())
                    {
                        return false;
                    }
                    break;

                case NEED_TASK:
                    if (null == offload)
                    {
                        runDelegatedTasks();
                        break;
                    }
                    offload.offload();
                    return false;

                default:
                    handshakeDone = true;
                    return !netOut.hasRemaining() || flushNetOut();
            }
        }
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        int total = 0;
        if (null != spill && spill.hasRemaining())
        {
            total += drainSpill(dst);
            if (spill.hasRemaining())
            {
                return total;
            }
        }
        while (dst.hasRemaining() && !inboundClosed)
        {
            if (!netIn.hasRemaining() && readNet() <= 0)
            {
                break;
            }
            final SSLEngineResult result = engine.unwrap(netIn, dst);
            total += result.bytesProduced();
            switch (result.getStatus())
            {
                case BUFFER_UNDERFLOW:
                    if (readNet() <= 0)
                    {
                        return total > 0 || !inboundClosed ? total : -1;
                    }
                    break;

                case BUFFER_OVERFLOW:
                    total += unwrapIntoSpill(dst);
                    return total;

                case CLOSED:
                    inboundClosed = true;
                    break;

                default:
                    afterEngineCall(result);
                    if (0 == result.bytesConsumed() && 0 == result.bytesProduced())
                    {
                        return total;
                    }
                    break;
            }
        }
        return 0 == total && inboundClosed ? -1 : total;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        if (shutdownRequested)
        {
            throw new SSLException("TLS output already closed");
        }
        int taken = 0;
        while (src.hasRemaining())
        {
            if (!hasRoomForRecord())
            {
                flushNetOut();
                if (!hasRoomForRecord())
                {
                    break;
                }
            }
            final int consumed = wrap(src);
            taken += consumed;
            if (0 == consumed && 0 == lastWrapProduced)
            {
                break;
            }
        }
        flushNetOut();
        return taken;
    }

    @Override
    public boolean hasPendingOutput()
    {
        return netOut.hasRemaining() || (shutdownRequested && !outputShut);
    }

    @Override
    public int flushPending() throws IOException
    {
        final int before = netOut.remaining();
        flushNetOut();
        return before - netOut.remaining();
    }

    @Override
    public boolean hasBufferedInput()
    {
        return !inboundClosed && ((null != spill && spill.hasRemaining()) || netIn.hasRemaining());
    }

    @Override
    public void shutdownOutput() throws IOException
    {
        if (!shutdownRequested)
        {
            shutdownRequested = true;
            engine.closeOutbound();
        }
        flushNetOut(); // queues close_notify behind what is pending, then half-closes the socket
    }

    @Override
    public void release()
    {
        if (null != netIn)
        {
            free(netIn);
            free(netOut);
            netIn = null;
            netOut = null;
        }
        if (null != spill)
        {
            BufferUtil.free(spill);
            spill = null;
        }
    }

    /**
     * One unwrap step during the handshake.
     *
     * @return false when more bytes must come from the socket first.
     */
    private boolean unwrapHandshake() throws IOException
    {
        if (null == spill)
        {
            spill = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize());
            spill.flip();
        }
        final SSLEngineResult result = unwrapToSpill();
        switch (result.getStatus())
        {
            case BUFFER_UNDERFLOW:
                final int read = readNet();
                if (read < 0)
                {
                    throw new EOFException("server closed the connection during the TLS handshake");
                }
                return read > 0;

            case BUFFER_OVERFLOW:
                spill = grow(spill, engine.getSession().getApplicationBufferSize());
                return true;

            case CLOSED:
                throw new EOFException("server closed TLS during the handshake");

            default:
                afterEngineCall(result);
                return true;
        }
    }

    /**
     * The record at the head of netIn does not fit in the room left in dst: decrypt it into the spill buffer and
     * hand over what fits; the rest is delivered by the next reads.
     */
    private int unwrapIntoSpill(final ByteBuffer dst) throws IOException
    {
        final int needed = engine.getSession().getApplicationBufferSize();
        if (null == spill || spill.capacity() < needed)
        {
            if (null != spill)
            {
                BufferUtil.free(spill);
            }
            spill = ByteBuffer.allocateDirect(needed);
            spill.flip(); // read mode, empty
        }
        while (true)
        {
            final SSLEngineResult result = unwrapToSpill();
            switch (result.getStatus())
            {
                case BUFFER_UNDERFLOW:
                    // The engine reports the overflow from the record header before the record is all in.
                    if (readNet() <= 0)
                    {
                        return 0;
                    }
                    break;

                case CLOSED:
                    inboundClosed = true;
                    return drainSpill(dst);

                case BUFFER_OVERFLOW:
                    throw new SSLException("TLS record larger than the application buffer size " + needed);

                default:
                    afterEngineCall(result);
                    return drainSpill(dst);
            }
        }
    }

    /**
     * Decrypt the next record from netIn behind the bytes already in the spill buffer (kept in read mode).
     */
    private SSLEngineResult unwrapToSpill() throws SSLException
    {
        spill.compact();
        try
        {
            return engine.unwrap(netIn, spill);
        }
        finally
        {
            spill.flip();
        }
    }

    private int drainSpill(final ByteBuffer dst)
    {
        final int n = Math.min(spill.remaining(), dst.remaining());
        final int limit = spill.limit();
        spill.limit(spill.position() + n);
        dst.put(spill);
        spill.limit(limit);
        return n;
    }

    private int wrap(final ByteBuffer src) throws IOException
    {
        netOut.compact();
        SSLEngineResult result;
        try
        {
            result = engine.wrap(src, netOut);
        }
        finally
        {
            netOut.flip();
        }
        lastWrapProduced = result.bytesProduced();
        switch (result.getStatus())
        {
            case BUFFER_OVERFLOW:
                if (!flushNetOut())
                {
                    netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                }
                return result.bytesConsumed();

            case CLOSED:
                if (!shutdownRequested)
                {
                    throw new SSLException("TLS connection closed by the peer");
                }
                return result.bytesConsumed();

            default:
                afterEngineCall(result);
                return result.bytesConsumed();
        }
    }

    /**
     * Post-handshake messages (TLS 1.3 session tickets, key updates) may ask for a task or a wrap at any time.
     */
    private void afterEngineCall(final SSLEngineResult result) throws IOException
    {
        SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
        while (true)
        {
            if (SSLEngineResult.HandshakeStatus.NEED_TASK == status)
            {
                if (null != offload && !handshakeDone)
                {
                    return; // the handshake loop hands the task to the executor
                }
                runDelegatedTasks();
            }
            else if (SSLEngineResult.HandshakeStatus.NEED_WRAP == status && !shutdownRequested)
            {
                wrap(EMPTY);
            }
            else
            {
                return;
            }
            status = engine.getHandshakeStatus();
        }
    }

    private void runDelegatedTasks()
    {
        Runnable task;
        while (null != (task = engine.getDelegatedTask()))
        {
            task.run();
        }
    }

    /**
     * Read from the socket into netIn, growing it when a record is larger than it can hold.
     *
     * @return bytes read, 0, or -1 at the end of the stream.
     */
    private int readNet() throws IOException
    {
        netIn.compact();
        try
        {
            if (!netIn.hasRemaining())
            {
                netIn.flip();
                netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                netIn.compact();
            }
            final int read = channel.read(netIn);
            if (read < 0)
            {
                inboundClosed = true;
            }
            return read;
        }
        finally
        {
            netIn.flip();
        }
    }

    /**
     * Write netOut to the socket.
     *
     * @return true when it is empty afterwards.
     */
    private boolean flushNetOut() throws IOException
    {
        while (true)
        {
            while (netOut.hasRemaining())
            {
                if (0 == channel.write(netOut))
                {
                    return false;
                }
            }
            if (!shutdownRequested || outputShut)
            {
                return true;
            }
            if (engine.isOutboundDone())
            {
                outputShut = true;
                channel.shutdownOutput();
                return true;
            }
            wrap(EMPTY); // close_notify
            if (0 == lastWrapProduced && !engine.isOutboundDone())
            {
                return true;
            }
        }
    }

    private boolean hasRoomForRecord()
    {
        return netOut.capacity() - netOut.remaining() >= engine.getSession().getPacketBufferSize();
    }

    /**
     * A larger copy of a buffer in read mode (bytes between position and limit kept), the old one freed.
     */
    private static ByteBuffer grow(final ByteBuffer buffer, final int atLeast)
    {
        final int capacity = Math.max(atLeast, buffer.capacity() * 2);
        final ByteBuffer grown = buffer.isDirect() ?
            ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        grown.put(buffer);
        grown.flip();
        free(buffer);
        return grown;
    }

    private static void free(final ByteBuffer buffer)
    {
        if (buffer.isDirect())
        {
            BufferUtil.free(buffer);
        }
    }
}
