/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.testing.ChildProcess;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Node.js {@code ws} server of {@code engine/src/test/node/ws-server.js}, run out of process.
 * <p>
 * Starting it: find {@code node} on the PATH (or take {@code -Djetsocket.interop.node=/path/to/node}) and fail,
 * never skip, when there is none; run {@code npm ci} in the node directory when {@code node_modules} is missing or
 * older than {@code package-lock.json} (under a file lock, since several builds may share the tree); then run
 * {@code node ws-server.js 0} and read {@code LISTENING <port>} from its stdout.
 * <p>
 * Stopping it: {@link #close()} (SIGTERM, then SIGKILL after 5 s); a JVM shutdown hook as a backstop; and the
 * script itself exits when its stdin reaches end of file, which happens when this JVM dies, however it dies.
 */
final class NodeWsServer implements InteropServer
{
    static final String NODE_PROPERTY = "jetsocket.interop.node";
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final int STDERR_TAIL_LINES = 40;

    private final Process process;
    private final int port;
    private final CloseRecords closes = new CloseRecords();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private final Thread shutdownHook;

    private NodeWsServer(final String node, final Path directory, final List<String> extraArgs)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(node, "ws-server.js", "0"));
        command.addAll(extraArgs);
        final ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        process = builder.start();
        shutdownHook = new Thread(process::destroyForcibly, "interop-node-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        daemon("interop-node-stdout", () -> readStdout(process.getInputStream()));
        daemon("interop-node-stderr", () -> readStderr(process.getErrorStream()));
        try
        {
            port = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            close();
            throw new IllegalStateException("node ws-server.js did not report LISTENING within " +
                START_TIMEOUT_SECONDS + " s (exit code " + exitCode() + "); stderr:\n" + stderrTail(), ex);
        }
    }

    /**
     * Install the npm dependencies if needed and start the server.
     *
     * @return the running server.
     * @throws Exception if Node.js is missing, npm fails or the server does not start.
     */
    static NodeWsServer start() throws Exception
    {
        return start(List.of());
    }

    /**
     * Start a server of its own with extra command line arguments (e.g. {@code --tls-key k.pem --tls-cert c.pem});
     * the caller closes it.
     *
     * @param extraArgs after {@code ws-server.js 0}.
     * @return the running server.
     * @throws Exception if Node.js is missing, npm fails or the server does not start.
     */
    static NodeWsServer start(final List<String> extraArgs) throws Exception
    {
        final String node = findNode();
        final Path directory = nodeDirectory();
        installDependencies(directory);
        return new NodeWsServer(node, directory, extraArgs);
    }

    @Override
    public ServerKind kind()
    {
        return ServerKind.NODE;
    }

    @Override
    public int port()
    {
        return port;
    }

    @Override
    public ServerClose awaitClose(final String tag, final Duration timeout) throws InterruptedException
    {
        return closes.await(tag, timeout);
    }

    @Override
    public void close()
    {
        ChildProcess.stop(process);
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignore)
        {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    @Override
    public String toString()
    {
        return "node ws-server.js on 127.0.0.1:" + port;
    }

    private void readStdout(final InputStream stdout)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                try
                {
                    onStdoutLine(line);
                }
                catch (final RuntimeException | LinkageError ex)
                {
                    // keep draining: a reader that stops would block or kill the server on its next write
                    System.err.println("[node] cannot handle stdout line '" + line + "': " + ex);
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process is gone
        }
        listening.completeExceptionally(new IOException("node ws-server.js closed its stdout"));
    }

    private void onStdoutLine(final String line)
    {
        final String[] words = line.split(" ", -1);
        if ("LISTENING".equals(words[0]) && 2 == words.length)
        {
            listening.complete(Integer.parseInt(words[1]));
        }
        else if ("CLOSE".equals(words[0]) && 4 == words.length)
        {
            final String reason = new String(HexFormat.of().parseHex(words[3]), StandardCharsets.UTF_8);
            closes.record(words[1], Integer.parseInt(words[2]), reason);
        }
        else
        {
            System.out.println("[node] " + line);
        }
    }

    private void readStderr(final InputStream stderr)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                System.err.println("[node] " + line);
                synchronized (stderrTail)
                {
                    if (stderrTail.size() == STDERR_TAIL_LINES)
                    {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process is gone
        }
    }

    private String stderrTail()
    {
        synchronized (stderrTail)
        {
            return String.join("\n", stderrTail);
        }
    }

    private String exitCode()
    {
        return process.isAlive() ? "none, still running" : String.valueOf(process.exitValue());
    }

    private static void daemon(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    static String findNode()
    {
        final String configured = System.getProperty(NODE_PROPERTY);
        if (null != configured && !configured.isBlank())
        {
            if (!Files.isExecutable(Paths.get(configured)))
            {
                throw new IllegalStateException("-D" + NODE_PROPERTY + "=" + configured + " is not an executable");
            }
            return configured;
        }
        final String node = findOnPath("node");
        if (null == node)
        {
            throw new IllegalStateException("Node.js is required by the engine interop tests but no `node` " +
                "executable is on the PATH (" + System.getenv("PATH") + "). Install Node.js 18 or later (e.g. " +
                "`apt-get install nodejs npm`) or pass -D" + NODE_PROPERTY + "=/path/to/node. These tests fail " +
                "rather than skip so that CI cannot lose them silently.");
        }
        return node;
    }

    static String findOnPath(final String command)
    {
        final boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        final List<String> names = windows ? List.of(command + ".exe", command + ".cmd") : List.of(command);
        for (final String directory : path.split(File.pathSeparator))
        {
            for (final String name : names)
            {
                final Path candidate = Paths.get(directory.isEmpty() ? "." : directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    static Path nodeDirectory()
    {
        final List<Path> candidates = new ArrayList<>();
        final String basedir = System.getProperty("basedir");
        if (null != basedir)
        {
            candidates.add(Paths.get(basedir, "src", "test", "node"));
        }
        final String userDir = System.getProperty("user.dir");
        candidates.add(Paths.get(userDir, "src", "test", "node"));
        candidates.add(Paths.get(userDir, "engine", "src", "test", "node"));
        for (final Path candidate : candidates)
        {
            if (Files.isRegularFile(candidate.resolve("ws-server.js")))
            {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find engine/src/test/node/ws-server.js; looked in " + candidates);
    }

    /**
     * Run {@code npm ci} unless node_modules is installed from the current lock file. Several JVMs may share the
     * source tree, so the check and the install run under a file lock.
     */
    static synchronized void installDependencies(final Path directory) throws IOException, InterruptedException
    {
        final Path lockFile = Paths.get(System.getProperty("java.io.tmpdir"),
            "jetsocket-npm-" + Integer.toHexString(directory.toString().hashCode()) + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignore = channel.lock())
        {
            if (isInstalled(directory))
            {
                return;
            }
            final String npm = findOnPath("npm");
            if (null == npm)
            {
                throw new IllegalStateException("engine/src/test/node/node_modules is missing or stale and no `npm` " +
                    "is on the PATH to install it: install npm, or run `npm ci` in " + directory);
            }
            runNpmCi(npm, directory);
            if (!Files.isRegularFile(directory.resolve("node_modules").resolve("ws").resolve("package.json")))
            {
                throw new IllegalStateException("`npm ci` in " + directory + " did not install the ws package");
            }
        }
    }

    private static boolean isInstalled(final Path directory) throws IOException
    {
        final Path ws = directory.resolve("node_modules").resolve("ws").resolve("package.json");
        final Path installedLock = directory.resolve("node_modules").resolve(".package-lock.json");
        final Path lock = directory.resolve("package-lock.json");
        return Files.isRegularFile(ws) && Files.isRegularFile(installedLock) &&
            Files.getLastModifiedTime(installedLock).compareTo(Files.getLastModifiedTime(lock)) >= 0;
    }

    private static void runNpmCi(final String npm, final Path directory) throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("jetsocket-npm-ci", ".log");
        try
        {
            final Process npmCi = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            if (!npmCi.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                npmCi.destroyForcibly();
                throw new IllegalStateException("`npm ci` in " + directory + " did not finish within " +
                    NPM_TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
            }
            if (0 != npmCi.exitValue())
            {
                throw new IllegalStateException("`npm ci` in " + directory + " failed with exit code " +
                    npmCi.exitValue() + ":\n" + Files.readString(log));
            }
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }
}
