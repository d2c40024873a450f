/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local feed server of the load tool: a minimal WebSocket server on loopback that serves the
 * workloads by request path.
 * <ul>
 *   <li>{@code /push?n=N&size=S}: after the handshake, N text messages of S bytes (market-data JSON), written
 *   from pre-encoded frames as fast as the socket takes them, by a thread of its own in blocking mode
 *   ({@code &binary=1}: the same bytes in binary frames; {@code &deflate=1}: permessage-deflate is accepted
 *   when the client offers it, with {@code server_no_context_takeover}, and every message is sent deflated,
 *   compressed once before the push, RSV1 set; without an offer the same push goes out uncompressed);</li>
 *   <li>{@code /echo}: every data frame echoed back unmasked, by a thread of its own that busy-polls the
 *   socket (or blocks, with {@code --echo-spin false});</li>
 *   <li>{@code /trickle?interval=MS&size=S}: one message at once (a snapshot), then one every MS ms; all
 *   such connections are served by the selector thread;</li>
 *   <li>{@code /sink?id=ID&pings=P&ping-ms=N&delay-ms=D}: reads the client's frames as fast as it can and
 *   measures ping-to-pong delays while the client saturates the connection ({@link PongSink});</li>
 *   <li>{@code /control?cmd=drop}: a plain HTTP request that closes every trickle connection at once (TCP
 *   close, no close frame) and answers with how many; {@code cmd=count} answers how many are open;
 *   {@code cmd=pongs&id=ID} answers the sink's report for {@code ID}, or {@code pending}.</li>
 * </ul>
 * A second listener speaks TLS ({@code wss://}, a blocking {@link SSLServerSocket} with a self-signed certificate
 * made at start-up by {@link LoadTls}, a thread per connection) and serves {@code /push} the same way, the
 * pre-encoded frames written through the TLS socket.
 * Prints {@code LISTENING <port> tls=<port> cert=<PEM file>} when ready ({@code tls=0 tls-error=...} if there is
 * no TLS listener); with {@code --watch-stdin} it exits when its standard input closes (the runner that started
 * it is gone).
 */
public final class FeedServer implements AutoCloseable
{
    private static final int MAX_HEAD = 8192;
    private static final int TRICKLE_VARIANTS = 64;
    private static final int PUSH_BATCH_BYTES = 256 * 1024;
    private static final int ECHO_BUFFER_BYTES = 1024 * 1024;

    private final Selector selector;
    private final ServerSocketChannel acceptor;
    private final boolean echoSpin;
    private final PriorityQueue<Trickle> trickles = new PriorityQueue<>((a, b) -> Long.compare(a.dueNs, b.dueNs));
    private final Set<Trickle> liveTrickles = new HashSet<>();
    private final List<Runnable> handoffs = new ArrayList<>();
    private final Map<Integer, ByteBuffer> trickleFrames = new HashMap<>();
    private final ByteBuffer discard = ByteBuffer.allocateDirect(64 * 1024);
    private final Map<String, String> pongReports = new ConcurrentHashMap<>();
    private SSLServerSocket tlsAcceptor;
    private Path certificate;
    private volatile boolean running = true;

    /**
     * Bind the server.
     *
     * @param host     to listen on.
     * @param port     to listen on, 0 for any free port.
     * @param echoSpin whether echo threads busy-poll their socket.
     * @throws IOException if it cannot bind.
     */
    public FeedServer(final String host, final int port, final boolean echoSpin) throws IOException
    {
        this.echoSpin = echoSpin;
        this.selector = Selector.open();
        this.acceptor = ServerSocketChannel.open();
        acceptor.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        acceptor.bind(new InetSocketAddress(host, port), 16 * 1024);
        acceptor.configureBlocking(false);
        acceptor.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Run the server (until its standard input closes, with {@code --watch-stdin}).
     *
     * @param args {@code --host 127.0.0.1 --port 0 --echo-spin true --tls-port 0 --tls-dir DIR --tls-warmup N
     *             --watch-stdin} ({@code --tls-dir}: where the key store and certificate are made, default a new
     *             temporary directory; {@code --tls-warmup}: 128 B messages (and a fifth as many of 1 KiB) the
     *             server pushes to itself over TLS before it reports ready, so that its encryption is compiled
     *             before the first client measures, default 1 M; {@code --tls false}: no TLS listener).
     * @throws IOException if it cannot bind.
     */
    public static void main(final String[] args) throws IOException
    {
        final Args options = new Args(args);
        final String host = options.get("host", "127.0.0.1");
        try (FeedServer server = new FeedServer(host, options.getInt("port", 0), options.getBoolean("echo-spin", true)))
        {
            String tls = "tls=0";
            if (options.getBoolean("tls", true))
            {
                try
                {
                    final String dir = options.get("tls-dir", null);
                    server.startTls(host, options.getInt("tls-port", 0),
                        null == dir ? Files.createTempDirectory("jetsocket-feed-tls") : Path.of(dir));
                    server.warmTls(options.getLong("tls-warmup", 1_000_000));
                    tls = "tls=" + server.tlsPort() + " cert=" + server.certificate();
                }
                catch (final IOException | RuntimeException ex)
                {
                    tls = "tls=0 tls-error=" + LoadClient.oneLine(ex).replace(' ', '_');
                }
            }
            final PrintStream out = System.out;
            out.println("LISTENING " + server.port() + " " + tls);
            out.flush();
            if (options.getBoolean("watch-stdin", false))
            {
                exitWhenStdinCloses();
            }
            server.run();
        }
    }

    /**
     * Exit the JVM when standard input reaches its end: the runner that started this process is gone.
     */
    static void exitWhenStdinCloses()
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final IOException ignore)
            {
                // gone all the same
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * The port the server listens on.
     *
     * @return the local port.
     */
    public int port()
    {
        return acceptor.socket().getLocalPort();
    }

    /**
     * Open the TLS listener: a new self-signed certificate in {@code dir}, then a thread that accepts.
     *
     * @param host to listen on.
     * @param port to listen on, 0 for any free port.
     * @param dir  for the key store and the certificate.
     * @throws IOException if the certificate cannot be made or the port bound.
     */
    public void startTls(final String host, final int port, final Path dir) throws IOException
    {
        final Path keyStore = LoadTls.generate(dir);
        certificate = LoadTls.certificateOf(keyStore);
        tlsAcceptor = (SSLServerSocket)LoadTls.serverContext(keyStore).getServerSocketFactory()
            .createServerSocket(port, 1024, InetAddress.getByName(host));
        startThread("tls-acceptor", this::acceptTls);
    }

    /**
     * Push to ourselves over TLS, so that the server's encryption path is compiled before a client measures:
     * {@code messages} 128 B messages, then a fifth as many of 1 KiB, read and dropped.
     *
     * @param messages of 128 B; 0 for none.
     * @throws IOException if the pushes fail.
     */
    public void warmTls(final long messages) throws IOException
    {
        final SSLContext context = LoadTls.clientContext(certificate);
        final String host = tlsAcceptor.getInetAddress().getHostAddress();
        final byte[] sink = new byte[64 * 1024];
        for (final int size : new int[] {128, 1024})
        {
            final long count = 128 == size ? messages : messages / 5;
            if (count <= 0)
            {
                continue;
            }
            try (Socket socket = context.getSocketFactory().createSocket(host, tlsPort()))
            {
                final OutputStream out = socket.getOutputStream();
                out.write(WsHandshake.request(host + ":" + tlsPort(), "/push?n=" + count + "&size=" + size,
                    WsHandshake.newKey()));
                out.flush();
                final InputStream in = socket.getInputStream();
                final long frames = count * FeedMessages.serverFrameLength(size);
                long read = 0;
                int n;
                while (read < frames && (n = in.read(sink)) >= 0)
                {
                    read += n; // the 101 response and the frames, dropped
                }
            }
        }
    }

    /**
     * The TLS listener's port.
     *
     * @return the port, 0 without a TLS listener.
     */
    public int tlsPort()
    {
        return null == tlsAcceptor ? 0 : tlsAcceptor.getLocalPort();
    }

    /**
     * The TLS listener's certificate, for clients to trust.
     *
     * @return the PEM file, or null without a TLS listener.
     */
    public Path certificate()
    {
        return certificate;
    }

    /**
     * Serve until {@link #close()}.
     *
     * @throws IOException if the selector fails.
     */
    public void run() throws IOException
    {
        while (running)
        {
            final Trickle next = trickles.peek();
            long timeoutMs = 0;
            if (null != next)
            {
                timeoutMs = Math.max(1, (next.dueNs - System.nanoTime() + 999_999) / 1_000_000);
            }
            selector.select(this::onKey, timeoutMs);
            sendDueTrickles();
            startHandoffs();
        }
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        selector.wakeup();
        acceptor.close();
        if (null != tlsAcceptor)
        {
            tlsAcceptor.close();
        }
    }

    private void onKey(final SelectionKey key)
    {
        try
        {
            if (key.isAcceptable())
            {
                acceptAll();
            }
            else if (key.attachment() instanceof Pending)
            {
                onRequestBytes(key, (Pending)key.attachment());
            }
            else if (key.attachment() instanceof Trickle)
            {
                onTrickleReady(key, (Trickle)key.attachment());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (key.attachment() instanceof Trickle)
            {
                closeTrickle((Trickle)key.attachment());
            }
            else
            {
                closeQuietly((SocketChannel)key.channel());
            }
        }
    }

    private void acceptAll() throws IOException
    {
        SocketChannel channel;
        while (null != (channel = acceptor.accept()))
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, new Pending());
        }
    }

    private void onRequestBytes(final SelectionKey key, final Pending pending) throws IOException
    {
        final SocketChannel channel = (SocketChannel)key.channel();
        if (channel.read(pending.head) < 0)
        {
            closeQuietly(channel);
            return;
        }
        final int end = WsHandshake.endOfHead(pending.head, pending.head.position());
        if (end < 0)
        {
            if (!pending.head.hasRemaining())
            {
                closeQuietly(channel);
            }
            return;
        }
        final byte[] bytes = new byte[end];
        pending.head.get(0, bytes);
        final String head = new String(bytes, StandardCharsets.US_ASCII);
        final String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        final int question = target.indexOf('?');
        final String path = question < 0 ? target : target.substring(0, question);
        final Map<String, String> query = parseQuery(question < 0 ? "" : target.substring(question + 1));
        final String wsKey = WsHandshake.header(head, "Sec-WebSocket-Key");
        if ("/control".equals(path))
        {
            key.cancel();
            answerControl(channel, query.getOrDefault("cmd", ""), query);
        }
        else if (null == wsKey)
        {
            key.cancel();
            answerPlain(channel, "400 Bad Request", "not a WebSocket upgrade");
        }
        else if ("/push".equals(path))
        {
            key.cancel();
            final Push push = new Push(head, query, wsKey);
            handoffs.add(() -> startThread("push", () -> push(channel, push)));
        }
        else if ("/echo".equals(path))
        {
            key.cancel();
            handoffs.add(() -> startThread("echo", () -> echo(channel, wsKey)));
        }
        else if ("/sink".equals(path))
        {
            key.cancel();
            handoffs.add(() -> startThread("sink", () -> sink(channel, wsKey, query)));
        }
        else if ("/trickle".equals(path))
        {
            final long intervalMs = Args.parseCount("interval", query.getOrDefault("interval", "1000"));
            final int size = (int)Args.parseCount("size", query.getOrDefault("size", "128"));
            startTrickle(key, channel, wsKey, intervalMs, size);
        }
        else
        {
            key.cancel();
            answerPlain(channel, "404 Not Found", "no such feed: " + path);
        }
    }

    static Map<String, String> parseQuery(final String query)
    {
        final Map<String, String> params = new HashMap<>();
        for (final String pair : query.split("&"))
        {
            final int eq = pair.indexOf('=');
            if (eq > 0)
            {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }

    private void answerControl(final SocketChannel channel, final String command, final Map<String, String> query)
        throws IOException
    {
        if ("drop".equals(command))
        {
            final int dropped = liveTrickles.size();
            for (final Trickle trickle : liveTrickles)
            {
                trickle.closed = true;
                closeQuietly(trickle.channel);
            }
            liveTrickles.clear();
            trickles.clear();
            answerPlain(channel, "200 OK", Integer.toString(dropped));
        }
        else if ("count".equals(command))
        {
            answerPlain(channel, "200 OK", Integer.toString(liveTrickles.size()));
        }
        else if ("pongs".equals(command))
        {
            answerPlain(channel, "200 OK", pongReports.getOrDefault(query.getOrDefault("id", ""), "pending"));
        }
        else
        {
            answerPlain(channel, "400 Bad Request", "unknown command: " + command);
        }
    }

    private static void answerPlain(final SocketChannel channel, final String status, final String body)
        throws IOException
    {
        final byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        final byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " +
            bodyBytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer response = ByteBuffer.allocate(head.length + bodyBytes.length).put(head).put(bodyBytes).flip();
        final long deadline = System.nanoTime() + 1_000_000_000L;
        while (response.hasRemaining() && System.nanoTime() < deadline)
        {
            if (0 == channel.write(response))
            {
                Thread.onSpinWait();
            }
        }
        closeQuietly(channel);
    }

    private void startTrickle(
        final SelectionKey key, final SocketChannel channel, final String wsKey, final long intervalMs, final int size)
        throws IOException
    {
        final Trickle trickle = new Trickle(channel, intervalMs * 1_000_000L, size);
        key.attach(trickle);
        trickle.pending = ByteBuffer.wrap(WsHandshake.response(wsKey));
        liveTrickles.add(trickle);
        writeTrickle(key, trickle); // the response, then the snapshot right behind it
        if (!trickle.closed)
        {
            trickle.dueNs = System.nanoTime() + trickle.intervalNs;
            trickles.add(trickle);
        }
    }

    private void writeTrickle(final SelectionKey key, final Trickle trickle) throws IOException
    {
        if (null != trickle.pending)
        {
            trickle.channel.write(trickle.pending);
            if (trickle.pending.hasRemaining())
            {
                trickle.skipped++;
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            trickle.pending = null;
        }
        final ByteBuffer frames = trickleFrames.computeIfAbsent(
            trickle.size, (size) -> FeedMessages.textFrames(size, TRICKLE_VARIANTS));
        final int frameLength = FeedMessages.serverFrameLength(trickle.size);
        final int at = (int)(trickle.sent++ % TRICKLE_VARIANTS) * frameLength;
        frames.limit(at + frameLength).position(at);
        trickle.channel.write(frames);
        if (frames.hasRemaining())
        {
            trickle.pending = ByteBuffer.allocate(frames.remaining()).put(frames).flip();
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void onTrickleReady(final SelectionKey key, final Trickle trickle) throws IOException
    {
        if (key.isReadable())
        {
            discard.clear();
            if (trickle.channel.read(discard) < 0)
            {
                closeTrickle(trickle);
                return;
            }
        }
        if (key.isValid() && key.isWritable() && null != trickle.pending)
        {
            trickle.channel.write(trickle.pending);
            if (!trickle.pending.hasRemaining())
            {
                trickle.pending = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    private void sendDueTrickles()
    {
        final long now = System.nanoTime();
        Trickle trickle;
        while (null != (trickle = trickles.peek()) && trickle.dueNs <= now)
        {
            trickles.poll();
            if (trickle.closed)
            {
                continue;
            }
            final SelectionKey key = trickle.channel.keyFor(selector);
            try
            {
                if (null != trickle.pending)
                {
                    trickle.skipped++; // the client is not keeping up: skip rather than queue
                }
                else
                {
                    writeTrickle(key, trickle);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                closeTrickle(trickle);
                continue;
            }
            trickle.dueNs += trickle.intervalNs;
            if (trickle.dueNs < now)
            {
                trickle.dueNs = now + trickle.intervalNs;
            }
            trickles.add(trickle);
        }
    }

    private void closeTrickle(final Trickle trickle)
    {
        if (!trickle.closed)
        {
            trickle.closed = true;
            liveTrickles.remove(trickle);
            closeQuietly(trickle.channel);
        }
    }

    /**
     * Channels handed to threads of their own must leave the selector first: their keys were cancelled,
     * and a selection operation deregisters them.
     */
    private void startHandoffs() throws IOException
    {
        while (!handoffs.isEmpty())
        {
            final List<Runnable> batch = new ArrayList<>(handoffs);
            handoffs.clear();
            selector.selectNow(this::onKey);
            batch.forEach(Runnable::run);
        }
    }

    private static void startThread(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * How many different messages a push cycles through: as many uncompressed frames as fit in 256 KiB.
     *
     * @param size of each message.
     * @return the batch's frame count.
     */
    static int pushFramesPerBatch(final int size)
    {
        return Math.max(1, PUSH_BATCH_BYTES / FeedMessages.serverFrameLength(size));
    }

    private static void push(final SocketChannel channel, final Push push)
    {
        try
        {
            channel.configureBlocking(true);
            writeFully(channel, ByteBuffer.wrap(push.response()), false);
            final FeedMessages.Batch batch = push.batch(true);
            long remaining = push.count;
            while (remaining > 0)
            {
                final int frames = (int)Math.min(batch.frames(), remaining);
                batch.buffer.limit(batch.bytes(frames)).position(0);
                writeFully(channel, batch.buffer, false);
                remaining -= frames;
            }
            final ByteBuffer sink = ByteBuffer.allocateDirect(16 * 1024);
            while (channel.read(sink.clear()) >= 0)
            {
                sink.clear(); // the client's close frame, if any: keep reading until it goes away
            }
        }
        catch (final IOException ignore)
        {
            // the client went away
        }
        finally
        {
            closeQuietly(channel);
        }
    }

    private void acceptTls()
    {
        while (running)
        {
            try
            {
                final Socket socket = tlsAcceptor.accept();
                startThread("tls-push", () -> serveTls((SSLSocket)socket));
            }
            catch (final IOException ex)
            {
                if (tlsAcceptor.isClosed())
                {
                    return;
                }
            }
        }
    }

    /**
     * One TLS connection: the TLS handshake (on the first read), the upgrade request, then {@code /push} as on
     * the plain listener, the pre-encoded frames written through the socket's stream in batches of 256 KiB.
     */
    private static void serveTls(final SSLSocket socket)
    {
        try (socket)
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final byte[] bytes = new byte[MAX_HEAD];
            int length = 0;
            int end;
            while ((end = WsHandshake.endOfHead(ByteBuffer.wrap(bytes), length)) < 0)
            {
                final int read = length < bytes.length ? in.read(bytes, length, bytes.length - length) : -1;
                if (read < 0)
                {
                    return;
                }
                length += read;
            }
            final String head = new String(bytes, 0, end, StandardCharsets.US_ASCII);
            final String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            final int question = target.indexOf('?');
            final String path = question < 0 ? target : target.substring(0, question);
            final String wsKey = WsHandshake.header(head, "Sec-WebSocket-Key");
            if (!"/push".equals(path) || null == wsKey)
            {
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            final Push push = new Push(head, parseQuery(question < 0 ? "" : target.substring(question + 1)), wsKey);
            out.write(push.response());
            final FeedMessages.Batch batch = push.batch(false);
            final byte[] array = batch.buffer.array();
            long remaining = push.count;
            while (remaining > 0)
            {
                final int frames = (int)Math.min(batch.frames(), remaining);
                out.write(array, 0, batch.bytes(frames));
                remaining -= frames;
            }
            out.flush();
            while (in.read(bytes) >= 0)
            {
                Thread.onSpinWait(); // the client's close frame, if any: keep reading until it goes away
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // the client went away, or failed the TLS handshake
        }
    }

    private void sink(final SocketChannel channel, final String wsKey, final Map<String, String> query)
    {
        try
        {
            channel.configureBlocking(true);
            writeFully(channel, ByteBuffer.wrap(WsHandshake.response(wsKey)), false);
            new PongSink(channel, query, pongReports).serve();
        }
        catch (final IOException | RuntimeException ignore)
        {
            // the client went away
        }
        finally
        {
            closeQuietly(channel);
        }
    }

    private void echo(final SocketChannel channel, final String wsKey)
    {
        try
        {
            channel.configureBlocking(!echoSpin);
            writeFully(channel, ByteBuffer.wrap(WsHandshake.response(wsKey)), echoSpin);
            final ByteBuffer in = ByteBuffer.allocateDirect(ECHO_BUFFER_BYTES);
            final ByteBuffer out = ByteBuffer.allocateDirect(ECHO_BUFFER_BYTES);
            boolean open = true;
            while (open)
            {
                final int read = channel.read(in);
                if (read < 0)
                {
                    break;
                }
                if (0 == read)
                {
                    Thread.onSpinWait();
                    continue;
                }
                in.flip();
                open = EchoFrames.echo(in, out);
                in.compact();
                out.flip();
                writeFully(channel, out, echoSpin);
                out.clear();
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // the client went away, or sent a frame larger than the echo buffer
        }
        finally
        {
            closeQuietly(channel);
        }
    }

    private static void writeFully(final SocketChannel channel, final ByteBuffer buffer, final boolean spin)
        throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (0 == channel.write(buffer) && spin)
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
    }

    /**
     * One {@code /push} request: what to send and how, the permessage-deflate negotiation included.
     */
    private static final class Push
    {
        private final long count;
        private final int size;
        private final int firstByte;
        private final String wsKey;
        private final String extensions;

        private Push(final String head, final Map<String, String> query, final String wsKey)
        {
            this.count = Args.parseCount("n", query.getOrDefault("n", "1000"));
            this.size = (int)Args.parseCount("size", query.getOrDefault("size", "128"));
            final boolean binary = "1".equals(query.get("binary"));
            this.firstByte = binary ? FeedMessages.BINARY : FeedMessages.TEXT;
            this.wsKey = wsKey;
            this.extensions = "1".equals(query.get("deflate")) && !binary ?
                WsHandshake.acceptDeflate(WsHandshake.headers(head, "Sec-WebSocket-Extensions"), size) : null;
        }

        private byte[] response()
        {
            return WsHandshake.response(wsKey, extensions);
        }

        /**
         * Up to 256 KiB of uncompressed frames, each message deflated on its own if compression was negotiated.
         */
        private FeedMessages.Batch batch(final boolean direct)
        {
            final int perBatch = (int)Math.max(1, Math.min(count, pushFramesPerBatch(size)));
            return FeedMessages.batch(firstByte, size, perBatch, null != extensions, direct);
        }
    }

    private static final class Pending
    {
        private final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
    }

    private static final class Trickle
    {
        private final SocketChannel channel;
        private final long intervalNs;
        private final int size;
        private long dueNs;
        private long sent;
        private long skipped;
        private boolean closed;
        private ByteBuffer pending;

        private Trickle(final SocketChannel channel, final long intervalNs, final int size)
        {
            this.channel = channel;
            this.intervalNs = intervalNs;
            this.size = size;
        }
    }
}
