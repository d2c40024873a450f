/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.ChildProcess;
import io.jetsocket.engine.testing.LoopbackServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real proxy from Debian, started on 127.0.0.1 for one test class: tinyproxy (HTTP CONNECT, with Basic
 * credentials) or Dante's danted (SOCKS5, no authentication). Fails, rather than skips, when the program is
 * missing: {@code apt-get install -y tinyproxy dante-server}.
 */
final class RealProxy implements AutoCloseable
{
    static final String USER = "alice";
    static final String PASSWORD = "s3cret";

    private final Process process;
    private final Path directory;
    private final int port;

    private RealProxy(final List<String> command, final Path directory, final int port) throws Exception
    {
        this.directory = directory;
        this.port = port;
        this.process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
            .redirectOutput(directory.resolve("proxy.log").toFile()).start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!accepts(port))
        {
            if (!process.isAlive() || System.nanoTime() - deadline > 0)
            {
                final String log = Files.readString(directory.resolve("proxy.log"));
                close();
                throw new IllegalStateException(command + " did not start on port " + port + ":\n" + log);
            }
            Thread.sleep(20);
        }
    }

    /**
     * tinyproxy in the foreground, requiring {@link #USER}/{@link #PASSWORD}.
     */
    static RealProxy tinyproxy() throws Exception
    {
        final String binary = require("tinyproxy", "/usr/bin/tinyproxy");
        final Path directory = Files.createTempDirectory("jetsocket-tinyproxy");
        final int port = LoopbackServer.closedPort();
        Files.writeString(directory.resolve("tinyproxy.conf"), String.join("\n",
            "Port " + port,
            "Listen 127.0.0.1",
            "Timeout 60",
            "MaxClients 64",
            "Allow 127.0.0.1",
            "LogLevel Info",
            "BasicAuth " + USER + " " + PASSWORD,
            ""));
        return new RealProxy(List.of(binary, "-d", "-c", "tinyproxy.conf"), directory, port);
    }

    /**
     * danted in the foreground, SOCKS5 without authentication.
     */
    static RealProxy dante() throws Exception
    {
        final String binary = require("danted", "/usr/sbin/danted");
        final Path directory = Files.createTempDirectory("jetsocket-dante");
        final int port = LoopbackServer.closedPort();
        Files.writeString(directory.resolve("danted.conf"), String.join("\n",
            "logoutput: stderr",
            "internal: 127.0.0.1 port = " + port,
            "external: 127.0.0.1",
            "clientmethod: none",
            "socksmethod: none",
            "user.privileged: root",
            "user.unprivileged: nobody",
            "client pass {",
            "  from: 127.0.0.0/8 to: 0.0.0.0/0",
            "}",
            "socks pass {",
            "  from: 127.0.0.0/8 to: 0.0.0.0/0",
            "}",
            ""));
        return new RealProxy(List.of(binary, "-f", "danted.conf", "-N", "1"), directory, port);
    }

    int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        ChildProcess.stop(process);
        try
        {
            try (var files = Files.list(directory))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
        catch (final IOException ignore)
        {
            // a temp directory left behind
        }
    }

    private static String require(final String name, final String debianPath)
    {
        if (Files.isExecutable(Path.of(debianPath)))
        {
            return debianPath;
        }
        final String onPath = NodeWsServer.findOnPath(name);
        if (null == onPath)
        {
            throw new IllegalStateException(name + " is needed by the real-proxy interop tests: " +
                "apt-get install -y tinyproxy dante-server. These tests fail rather than skip so that CI cannot " +
                "lose them silently.");
        }
        return onPath;
    }

    private static boolean accepts(final int port)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
