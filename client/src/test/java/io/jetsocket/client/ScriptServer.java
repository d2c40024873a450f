/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test server nobody on this project wrote, in a process of its own, for the client's tests: the Node.js
 * {@code ws} server of the engine's interop tests ({@code engine/src/test/node/ws-server.js}) or another script
 * there, or a Python {@code websockets} script of {@code client/src/test/python}. Every script follows one line
 * protocol: its first argument the port (0: a free one), its first output line {@code LISTENING <port>}; its later
 * lines are collected ({@link #lines()}); it stops when its stdin closes. A test that starts a Node script is
 * skipped (not failed) when node or the script's dependencies ({@code npm ci} there, as {@code .ci/run} does) are
 * missing; a Python script fails without python3-websockets ({@code .ci/run} installs it).
 */
public final class ScriptServer implements AutoCloseable
{
    private static final File SCRIPTS = new File("../engine/src/test/node");
    private static final File PYTHON_SCRIPTS = new File("src/test/python");
    /** The interpreter to run Python scripts with, when not Debian's (which has python3-websockets). */
    private static final String PYTHON_PROPERTY = "jetsocket.interop.python";
    private static final String LISTENING = "LISTENING ";

    private final Process process;
    private final int port;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ScriptServer(final Process process, final int port)
    {
        this.process = process;
        this.port = port;
    }

    /**
     * Start the server, or skip the calling test when it cannot run here.
     *
     * @return the running server.
     * @throws IOException if its output cannot be read.
     */
    public static ScriptServer start() throws IOException
    {
        return start("ws-server.js");
    }

    /**
     * Start another script of {@code engine/src/test/node} that follows the same line protocol (its first argument
     * the port, its first line {@code LISTENING <port>}), or skip the calling test when it cannot run here.
     *
     * @param script    the script's file name, e.g. {@code ab-feed-server.js}.
     * @param arguments its arguments after the port.
     * @return the running server.
     * @throws IOException if its output cannot be read.
     */
    public static ScriptServer start(final String script, final String... arguments) throws IOException
    {
        final File file = new File(SCRIPTS, script);
        Assumptions.assumeTrue(file.isFile(), "no " + file);
        Assumptions.assumeTrue(new File(SCRIPTS, "node_modules/ws").isDirectory(), "run npm ci in " + SCRIPTS);
        final List<String> command = new ArrayList<>(List.of("node", file.getPath(), "0"));
        command.addAll(List.of(arguments));
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
        catch (final IOException ex)
        {
            Assumptions.abort("node is not installed: " + ex.getMessage());
            throw ex; // not reached: abort throws
        }
        return listening(process, "node " + script);
    }

    /**
     * Start a Python {@code websockets} script of {@code client/src/test/python} that follows the line protocol.
     *
     * @param script    the script's file name, e.g. {@code sequenced_feed.py}.
     * @param arguments its arguments after the port.
     * @return the running server.
     * @throws IOException if it cannot start or does not start listening.
     */
    public static ScriptServer startPython(final String script, final String... arguments) throws IOException
    {
        final File file = new File(PYTHON_SCRIPTS, script);
        if (!file.isFile())
        {
            throw new IOException("no " + file.getAbsolutePath());
        }
        final String configured = System.getProperty(PYTHON_PROPERTY, "");
        final String python = !configured.isBlank() ? configured :
            new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
        final List<String> command = new ArrayList<>(List.of(python, file.getPath(), "0"));
        command.addAll(List.of(arguments));
        // stderr inherited: a missing websockets package shows its ImportError in the test's output
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return listening(process, python + " " + script + " (needs python3-websockets; -D" + PYTHON_PROPERTY +
            " chooses the interpreter)");
    }

    private static ScriptServer listening(final Process process, final String what) throws IOException
    {
        final BufferedReader out =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final String first = out.readLine();
        if (null == first || !first.startsWith(LISTENING))
        {
            process.destroyForcibly();
            throw new IOException(what + " did not start listening: " + first);
        }
        final ScriptServer server =
            new ScriptServer(process, Integer.parseInt(first.substring(LISTENING.length()).trim()));
        final Thread reader = new Thread(() ->
        {
            try
            {
                String line;
                while (null != (line = out.readLine()))
                {
                    server.lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the script exited
            }
        }, "script-server-stdout");
        reader.setDaemon(true);
        reader.start();
        return server;
    }

    /**
     * The port it listens on (loopback).
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * A {@code ws://} URI of it.
     *
     * @param pathAndQuery e.g. {@code /echo} or {@code /mux?burst=4}.
     * @return the URI.
     */
    public String uri(final String pathAndQuery)
    {
        return "ws://127.0.0.1:" + port + pathAndQuery;
    }

    /**
     * What it printed after it started listening (one line per close it saw, and the like), in order.
     *
     * @return the lines, taken by the test as it reads them.
     */
    public BlockingQueue<String> lines()
    {
        return lines;
    }

    /**
     * Wait for the line the script prints when the connection tagged {@code tag} closes,
     * {@code CLOSE} tag, code and reason (in hex, see {@link #hex}), passing over the lines before it.
     *
     * @param tag  the connection's {@code tag} query parameter.
     * @param wait how long at the most.
     * @return the line.
     * @throws InterruptedException if interrupted while waiting.
     */
    public String awaitClose(final String tag, final Duration wait) throws InterruptedException
    {
        final long deadline = System.nanoTime() + wait.toNanos();
        String line;
        while (null != (line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)))
        {
            if (line.startsWith("CLOSE " + tag + " "))
            {
                return line;
            }
        }
        throw new AssertionError("node never reported the close of " + tag);
    }

    /**
     * A close reason as the script prints it: its UTF-8 bytes in lower-case hex.
     *
     * @param text the reason.
     * @return the hex.
     */
    public static String hex(final String text)
    {
        final StringBuilder builder = new StringBuilder();
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            builder.append(String.format("%02x", b));
        }
        return builder.toString();
    }

    /**
     * Stop it: the script exits at the end of its stdin; forced after 5 seconds.
     */
    @Override
    public void close() throws IOException, InterruptedException
    {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
    }
}
