/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.ChildProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The echo servers of {@code engine/src/test/python/ws_server.py} (Debian's python3-websockets, with
 * permessage-deflate in several configurations), run out of process. Like the Node fixture it fails rather than
 * skips when the interpreter or the package is missing: install it with {@code apt-get install python3-websockets}
 * or point {@code -Djetsocket.interop.python=/path/to/python3} at an interpreter that has it.
 */
final class PythonWsServer implements AutoCloseable
{
    static final String PYTHON_PROPERTY = "jetsocket.interop.python";

    private final Process process;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder stderr = new StringBuilder();

    private PythonWsServer(final String python, final Path script) throws Exception
    {
        process = new ProcessBuilder(python, script.getFileName().toString()).directory(script.getParent().toFile())
            .start();
        final Thread out = new Thread(this::readStdout, "interop-python-stdout");
        out.setDaemon(true);
        out.start();
        final Thread err = new Thread(this::readStderr, "interop-python-stderr");
        err.setDaemon(true);
        err.start();
        try
        {
            ready.get(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            close();
            throw new IllegalStateException(python + " ws_server.py did not start; stderr:\n" + stderr(), ex);
        }
    }

    static PythonWsServer start() throws Exception
    {
        return new PythonWsServer(findPython(), script());
    }

    /**
     * The port of one configuration of ws_server.py.
     */
    int port(final String configuration)
    {
        final Integer port = ports.get(configuration);
        if (null == port)
        {
            throw new IllegalArgumentException("no server " + configuration + " in " + ports);
        }
        return port;
    }

    String uri(final String configuration, final String path)
    {
        return "ws://127.0.0.1:" + port(configuration) + path;
    }

    @Override
    public void close()
    {
        ChildProcess.stop(process);
    }

    private void readStdout()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                final String[] words = line.split(" ");
                if ("LISTENING".equals(words[0]) && 3 == words.length)
                {
                    ports.put(words[1], Integer.parseInt(words[2]));
                }
                else if ("READY".equals(line))
                {
                    ready.complete(null);
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // the process is gone
        }
        ready.completeExceptionally(new IOException("ws_server.py closed its stdout"));
    }

    private void readStderr()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                System.err.println("[python] " + line);
                synchronized (stderr)
                {
                    if (stderr.length() < 16 * 1024)
                    {
                        stderr.append(line).append('\n');
                    }
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process is gone
        }
    }

    private String stderr()
    {
        synchronized (stderr)
        {
            return stderr.toString();
        }
    }

    /**
     * A python3 that can import websockets: the configured one, else Debian's /usr/bin/python3 (the one apt
     * installs python3-websockets for), else python3 on the PATH.
     */
    static String findPython() throws Exception
    {
        final List<String> candidates = new ArrayList<>();
        final String configured = System.getProperty(PYTHON_PROPERTY);
        if (null != configured && !configured.isBlank())
        {
            candidates.add(configured);
        }
        candidates.add("/usr/bin/python3");
        final String onPath = NodeWsServer.findOnPath("python3");
        if (null != onPath)
        {
            candidates.add(onPath);
        }
        for (final String candidate : candidates)
        {
            if (Files.isExecutable(Paths.get(candidate)) && canImportWebsockets(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("the permessage-deflate interop tests need Python 3 with the websockets " +
            "package (Debian: apt-get install python3-websockets); tried " + candidates + ". Set -D" +
            PYTHON_PROPERTY + "=/path/to/python3 to choose one. These tests fail rather than skip so that CI " +
            "cannot lose them silently.");
    }

    private static boolean canImportWebsockets(final String python) throws Exception
    {
        final Process probe = new ProcessBuilder(python, "-c", "import websockets").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(20, TimeUnit.SECONDS) && 0 == probe.exitValue();
    }

    private static Path script()
    {
        final Path node = NodeWsServer.nodeDirectory();
        final Path script = node.getParent().resolve("python").resolve("ws_server.py");
        if (!Files.isRegularFile(script))
        {
            throw new IllegalStateException("cannot find " + script);
        }
        return script;
    }
}
