/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.LoopbackServer;
import io.jetsocket.engine.testing.RawUpgrade;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP CONNECT or SOCKS5 proxy in this JVM, one thread per direction, with the misbehaviours the proxy
 * tests need. It records what each client asked for (the CONNECT line, or the SOCKS5 address type and address).
 */
final class TestProxy implements AutoCloseable
{
    /**
     * What the proxy does.
     */
    enum Mode
    {
        /** Open the tunnel (after checking credentials, if the proxy has some). */
        TUNNEL,
        /** HTTP: answer 403. */
        FORBIDDEN,
        /** HTTP: answer 502. */
        BAD_GATEWAY,
        /** Read the request, then close without an answer. */
        CLOSE_AFTER_REQUEST,
        /** HTTP: answer with an endless header block. */
        OVERSIZED_ANSWER,
        /** HTTP: answer like tinyproxy, "HTTP/1.0 200 Connection established". */
        HTTP10_TUNNEL,
        /** SOCKS5: answer the method selection with 0xFF. */
        NO_ACCEPTABLE_METHOD,
        /** SOCKS5: answer CONNECT with REP 5, connection refused. */
        REFUSE_CONNECT
    }

    private final boolean socks;
    private final Mode mode;
    private final String username;
    private final String password;
    private final LoopbackServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    private TestProxy(final boolean socks, final Mode mode, final String username, final String password)
        throws IOException
    {
        this.socks = socks;
        this.mode = mode;
        this.username = username;
        this.password = password;
        this.server = LoopbackServer.start("test-proxy", this::serve);
    }

    static TestProxy http(final Mode mode, final String username, final String password) throws IOException
    {
        return new TestProxy(false, mode, username, password);
    }

    static TestProxy socks5(final Mode mode, final String username, final String password) throws IOException
    {
        return new TestProxy(true, mode, username, password);
    }

    int port()
    {
        return server.port();
    }

    @Override
    public void close()
    {
        server.close();
    }

    private void serve(final Socket client) throws IOException
    {
        final Socket target = socks ? socks(client) : http(client);
        if (null == target)
        {
            client.close();
            return;
        }
        server.track(target);
        LoopbackServer.daemon("test-proxy-pump", () -> pump(target, client));
        pump(client, target);
    }

    private Socket http(final Socket client) throws IOException
    {
        final String head = RawUpgrade.readHead(client.getInputStream());
        requests.add(head);
        final OutputStream out = client.getOutputStream();
        final String requestLine = head.substring(0, head.indexOf("\r\n"));
        if (Mode.CLOSE_AFTER_REQUEST == mode)
        {
            return null;
        }
        if (null != username)
        {
            final String expected = "Proxy-Authorization: Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!head.contains(expected + "\r\n"))
            {
                answer(out, "HTTP/1.1 407 Proxy Authentication Required\r\n" +
                    "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
                return null;
            }
        }
        switch (mode)
        {
            case FORBIDDEN:
                answer(out, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                return null;

            case BAD_GATEWAY:
                answer(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                return null;

            case OVERSIZED_ANSWER:
                final StringBuilder huge = new StringBuilder("HTTP/1.1 200 OK\r\n");
                while (huge.length() < 256 * 1024)
                {
                    huge.append("X-Filler: ").append("x".repeat(100)).append("\r\n");
                }
                answer(out, huge.toString());
                return null;

            default:
                final String authority = requestLine.split(" ")[1];
                final int colon = authority.lastIndexOf(':');
                final String host = authority.substring(0, colon).replace("[", "").replace("]", "");
                final Socket target = new Socket(host, Integer.parseInt(authority.substring(colon + 1)));
                answer(out, Mode.HTTP10_TUNNEL == mode ? "HTTP/1.0 200 Connection established\r\n\r\n" :
                    "HTTP/1.1 200 Connection Established\r\n\r\n");
                return target;
        }
    }

    private Socket socks(final Socket client) throws IOException
    {
        final DataInputStream in = new DataInputStream(client.getInputStream());
        final OutputStream out = client.getOutputStream();
        final int version = in.readUnsignedByte();
        final byte[] methods = new byte[in.readUnsignedByte()];
        in.readFully(methods);
        if (5 != version || Mode.CLOSE_AFTER_REQUEST == mode)
        {
            return null;
        }
        final int wanted = null == username ? 0 : 2;
        boolean offered = false;
        for (final byte method : methods)
        {
            offered |= method == wanted;
        }
        if (!offered || Mode.NO_ACCEPTABLE_METHOD == mode)
        {
            out.write(new byte[]{5, (byte)0xFF});
            out.flush();
            return null;
        }
        out.write(new byte[]{5, (byte)wanted});
        out.flush();
        if (null != username)
        {
            in.readUnsignedByte();
            final byte[] user = new byte[in.readUnsignedByte()];
            in.readFully(user);
            final byte[] pass = new byte[in.readUnsignedByte()];
            in.readFully(pass);
            final boolean ok = username.equals(new String(user, StandardCharsets.UTF_8)) &&
                password.equals(new String(pass, StandardCharsets.UTF_8));
            out.write(new byte[]{1, (byte)(ok ? 0 : 1)});
            out.flush();
            if (!ok)
            {
                return null;
            }
        }
        final byte[] head = new byte[4];
        in.readFully(head);
        final int addressType = head[3];
        final String host;
        if (3 == addressType)
        {
            final byte[] name = new byte[in.readUnsignedByte()];
            in.readFully(name);
            host = new String(name, StandardCharsets.US_ASCII);
        }
        else
        {
            final byte[] address = new byte[1 == addressType ? 4 : 16];
            in.readFully(address);
            host = InetAddress.getByAddress(address).getHostAddress();
        }
        final int port = in.readUnsignedShort();
        requests.add("ATYP " + addressType + " " + host + ":" + port);
        if (Mode.REFUSE_CONNECT == mode)
        {
            out.write(new byte[]{5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            return null;
        }
        final Socket target = new Socket(host, port);
        // Bound address as a domain name, to exercise the variable-length reply.
        final byte[] bound = "proxy.test".getBytes(StandardCharsets.US_ASCII);
        final ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes(new byte[]{5, 0, 0, 3, (byte)bound.length});
        reply.writeBytes(bound);
        reply.writeBytes(new byte[]{(byte)(port >>> 8), (byte)port});
        out.write(reply.toByteArray());
        out.flush();
        return target;
    }

    private static void answer(final OutputStream out, final String answer) throws IOException
    {
        out.write(answer.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pump(final Socket from, final Socket to)
    {
        final byte[] buffer = new byte[64 * 1024];
        try
        {
            final InputStream in = from.getInputStream();
            final OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        }
        catch (final IOException ex)
        {
            LoopbackServer.closeQuietly(from);
            LoopbackServer.closeQuietly(to);
        }
    }
}
