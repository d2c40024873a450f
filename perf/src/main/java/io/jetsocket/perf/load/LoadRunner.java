/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load tool's main: starts the feed server in a JVM of its own, then one client JVM per client, workload
 * and repetition (clients pinned to one core, the server to another, when {@code taskset} and two cores are
 * there), interleaving the clients and rotating their order every repetition; prints progress, and finally
 * a summary of medians (with min-max) and ratios, also written to {@code <out-dir>/summary.md}.
 * Run it with {@code perf/run.sh} ({@code --help} for the options).
 */
public final class LoadRunner
{
    static final List<String> CLIENTS = List.of(
        "raw", "raw-spin", "jetsocket", "jetsocket-backoff", "jetsocket-client", "jetsocket-client-seq", "netty", "jdk",
        "java-websocket", "okhttp", "jetty");
    static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** The workloads of a default run (the TLS and compressed pushes would take it past 9 minutes). */
    static final List<String> DEFAULT_WORKLOADS = List.of("push128", "push1k", "rtt64", "rtt1k", "fanin");
    /** The workloads of a {@code --full} run. */
    static final List<String> FULL_WORKLOADS = List.of(
        "push128", "push1k", "rtt64", "rtt1k", "fanin", "push128tls", "push128z", "push1ktls", "push1kz");

    private static final String USAGE = String.join("\n",
        "usage: perf/run.sh [--full] [options]",
        "  --full                  the complete comparison: 5 repetitions, 5 M x 128 B pushes, 200 k round trips,",
        "                          10,000 fan-in connections, and the TLS and compressed pushes (about 55 min)",
        "  --reps N                repetitions of every client and workload (default 3, full 5)",
        "  --clients a,b,...       from: " + String.join(", ", CLIENTS) + ",",
        "                          jetsocket-selecting, jetsocket[-backoff|-selecting]-rb<N>k,",
        "                          jetsocket-client-backoff, jetsocket-client-selecting (jetsocket-client: the",
        "                          WebSocket client, zero-copy handler, on an engine like jetsocket's;",
        "                          jetsocket-client-seq: the same through a SequencedFeed, push workloads only)",
        "  --jetsocket-idle a,...  the engine idle strategies to run the jetsocket client with: spin (the default:",
        "                          the plain jetsocket client, BusySpinIdleStrategy), backoff (jetsocket-backoff,",
        "                          the engine's default), selecting (jetsocket-selecting: SelectingIdleStrategy,",
        "                          the client's shared engine's default); jetsocket in --clients becomes one",
        "                          client per strategy, e.g. --jetsocket-idle spin,backoff,selecting",
        "  --workloads a,b,...     from: push128, push1k, rtt64, rtt1k, fanin (the default five), push128tls,",
        "                          push128z, push1ktls, push1kz (also in --full), and push128bin (push128 in",
        "                          binary frames: what UTF-8 validation costs). *tls: the same push over TLS",
        "                          (wss://, a self-signed certificate made at start-up); *z: compressed",
        "                          (permessage-deflate, server_no_context_takeover, each message deflated once);",
        "                          --workloads push128tls,push128z takes about 4 min; idle1, idle1k: CPU of the",
        "                          client JVM with 1 or 1,000 open, silent connections; pong16k: ping-to-pong",
        "                          delay at the feed server while the client saturates the connection with",
        "                          16 KiB binary messages (jetsocket*, netty, okhttp); rtt64gap1ms: rtt 64 B",
        "                          sent by another thread 1 ms after each echo (the client idles in between)",
        "  --rtt-gap-count N       measured round trips of rtt64gap1ms (default 5,000, or 10 s)",
        "  --idle-s S              measured idle time of idle1 and idle1k (default 10)",
        "  --pings N               pings of pong16k (default 100)",
        "  --ping-ms MS            interval between the pings of pong16k (default 50; JetSocket answers only the",
        "                          latest ping, as RFC 6455 allows, so pings closer than the delay go unanswered)",
        "  --push-count N          measured messages of push128 and push128bin (push1k: a fifth); k/m work",
        "  --variant-count N       measured messages of push128tls and push128z (default 500 k, full 2 M;",
        "                          the 1 KiB ones: a fifth); k/m suffixes work",
        "  --rtt-count N           measured round trips of each rtt workload",
        "  --connections N         fan-in connections (default 1,000, full 10,000)",
        "  --thread-client-cap N   fan-in cap for thread-per-connection clients (default 2,000)",
        "  --java PATH             java for the server and client JVMs (default: the runner's)",
        "  --jvm-args '...'        extra flags for every client JVM (e.g. a JFR recording)",
        "  --no-pin                do not pin with taskset",
        "  --echo-spin BOOL        the echo server busy-polls its socket (default true)",
        "  --out-dir DIR           where summary.md, load-results.csv and logs go (default perf/target)",
        "  --run-timeout-s S       kill a client JVM after S seconds (default 600)");

    private final Args options;
    private final PrintStream out = System.out;
    private final Path outDir;
    private final Path logDir;
    private final String javaBin;
    private final String classPath = System.getProperty("java.class.path");
    private final boolean pin;
    private final List<String> extraJvmArgs;
    private final long runTimeoutS;
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private String javaVersion = "";
    private Process server;
    private int port;
    private int tlsPort;
    private String certificate;
    private String tlsError;

    private LoadRunner(final Args options)
    {
        this.options = options;
        this.outDir = Path.of(options.get("out-dir", "perf/target"));
        this.logDir = outDir.resolve("load-logs");
        this.javaBin = options.get("java", ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        this.pin = !options.getBoolean("no-pin", false) && Runtime.getRuntime().availableProcessors() >= 2 &&
            tasksetWorks();
        final String extra = options.get("jvm-args", "").trim();
        this.extraJvmArgs = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        this.runTimeoutS = options.getLong("run-timeout-s", 600);
    }

    /**
     * Run the comparison.
     *
     * @param args see {@code perf/run.sh --help}.
     * @throws Exception if the server cannot start or the summary cannot be written.
     */
    public static void main(final String[] args) throws Exception
    {
        final Args options = new Args(args);
        if (options.has("help"))
        {
            System.out.println(USAGE);
            return;
        }
        new LoadRunner(options).run();
    }

    private void run() throws Exception
    {
        final boolean full = options.getBoolean("full", false);
        final int reps = options.getInt("reps", full ? 5 : 3);
        final List<String> clients = withIdleStrategies(options.getList("clients", CLIENTS),
            options.getList("jetsocket-idle", null));
        final List<WorkloadSpec> specs = specs(full);
        final int connections = fanInConnections(options.getInt("connections", full ? 10_000 : 1_000));
        final int threadCap = options.getInt("thread-client-cap", 2_000);
        final boolean echoSpin = options.getBoolean("echo-spin", true);
        final String command = options.get("command", "java io.jetsocket.perf.load.LoadRunner");
        if (!options.unused().isEmpty())
        {
            throw new IllegalArgumentException("unknown options: " + options.unused() + "\n" + USAGE);
        }
        for (final String client : clients)
        {
            ClientAdapters.create(client); // fail fast on a misspelt name
        }
        final List<Run> plan = plan(specs, clients, reps, connections, threadCap);
        Files.createDirectories(logDir);
        final MachineInfo machine = MachineInfo.probe(pin);
        out.println("JetSocket load tool: " + plan.size() + " client JVMs (" + specs.size() + " workloads x " +
            clients.size() + " clients x " + reps + " repetitions), " + (full ? "full" : "default") + " run");
        out.println("machine: " + machine.oneLine());
        out.println("pinning: " + (pin ? "clients taskset -c 0, server taskset -c 1" :
            "off (needs taskset and 2 cores)"));

        startServer(echoSpin, specs.stream().anyMatch(WorkloadSpec::tls));
        final List<RunResult> results = new ArrayList<>();
        final long startNs = System.nanoTime();
        try
        {
            String currentLabel = "";
            for (int i = 0; i < plan.size(); i++)
            {
                final Run run = plan.get(i);
                if (!run.spec.label().equals(currentLabel))
                {
                    currentLabel = run.spec.label();
                    out.println();
                    out.println("== " + run.spec.title() + " " + describeSpec(run.spec, connections));
                }
                final RunResult result = execute(run);
                results.add(result);
                final double elapsed = (System.nanoTime() - startNs) / 1e9;
                final double left = elapsed / (i + 1) * (plan.size() - i - 1);
                out.printf(Locale.ROOT, "[%3d/%d %s elapsed, ~%s left] %-18s rep %d/%d  %s%n", i + 1, plan.size(),
                    clock(elapsed), clock(left), run.client, run.rep, reps, Summary.progressLine(result));
                out.flush();
            }
        }
        finally
        {
            stopServer();
        }
        machine.finish();
        final String config = configText(full, reps, connections, threadCap, echoSpin, specs);
        final String markdown = new Summary(results, descriptions, machine, javaVersion, command, config, clients)
            .render();
        Files.createDirectories(outDir);
        final Path summaryFile = outDir.resolve("summary.md");
        Files.writeString(summaryFile, markdown, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("load-results.csv"), Summary.csv(results), StandardCharsets.UTF_8);
        out.println();
        out.println(markdown);
        out.println("written: " + summaryFile + ", " + outDir.resolve("load-results.csv") + ", logs in " + logDir);
    }

    /**
     * {@code --jetsocket-idle}: the client {@code jetsocket} becomes one client per idle strategy named (the
     * strategy's suffix on its name); the other clients stay as they are.
     *
     * @param clients    as requested.
     * @param strategies {@code spin}, {@code backoff}, {@code selecting}, or null for none given.
     * @return the clients to run.
     */
    static List<String> withIdleStrategies(final List<String> clients, final List<String> strategies)
    {
        if (null == strategies)
        {
            return clients;
        }
        final List<String> expanded = new ArrayList<>();
        for (final String client : clients)
        {
            if ("jetsocket".equals(client))
            {
                for (final String strategy : strategies)
                {
                    final String name = "jetsocket" + JetSocketAdapter.Idle.of(strategy).suffix;
                    if (!expanded.contains(name))
                    {
                        expanded.add(name);
                    }
                }
            }
            else if (!expanded.contains(client))
            {
                expanded.add(client);
            }
        }
        return expanded;
    }

    private List<WorkloadSpec> specs(final boolean full)
    {
        final long pushCount = options.getLong("push-count", full ? 5_000_000 : 1_000_000);
        final long rttCount = options.getLong("rtt-count", full ? 200_000 : 20_000);
        final long rttWarmup = full ? 50_000 : 20_000;
        final int connections = fanInConnections(options.getInt("connections", full ? 10_000 : 1_000));
        final long pushWarmup = Math.max(200_000, pushCount / 5);
        // TLS and compressed pushes: fewer messages (they are slower), and a longer warm-up over TLS, whose
        // decryption (the JDK's AES-GCM) takes a few hundred MB to reach its compiled speed
        final long variantCount = options.getLong("variant-count", full ? 2_000_000 : 500_000);
        final long tlsWarmup = full ? 2_000_000 : 1_000_000;
        final long zWarmup = Math.max(100_000, variantCount / 5);
        final long rttGapCount = options.getLong("rtt-gap-count", 5_000);
        final long idleMs = TimeUnit.SECONDS.toMillis(options.getLong("idle-s", 10));
        final List<WorkloadSpec> all = List.of(
            WorkloadSpec.push(128, pushWarmup, pushCount),
            WorkloadSpec.push(1024, Math.max(100_000, pushCount / 10), pushCount / 5),
            WorkloadSpec.rtt(64, rttWarmup, rttCount, full ? 20 : 2, full ? 30 : 2),
            WorkloadSpec.rtt(1024, rttWarmup, rttCount, full ? 20 : 2, full ? 30 : 2),
            WorkloadSpec.fanIn(connections, full ? 5_000 : 1_000),
            WorkloadSpec.pushBinary(128, pushWarmup, pushCount),
            WorkloadSpec.pushTls(128, tlsWarmup, variantCount),
            WorkloadSpec.pushDeflate(128, zWarmup, variantCount),
            WorkloadSpec.pushTls(1024, tlsWarmup / 5, variantCount / 5),
            WorkloadSpec.pushDeflate(1024, Math.max(100_000, zWarmup / 5), variantCount / 5),
            WorkloadSpec.rttGap(64, 1_000, rttGapCount, 1_000, 2, 10),
            WorkloadSpec.idle(1, idleMs),
            WorkloadSpec.idle(1000, idleMs),
            WorkloadSpec.pong(16 * 1024, options.getLong("pings", 100), options.getLong("ping-ms", 50)));
        final List<String> wanted = options.getList("workloads", null);
        if (null == wanted)
        {
            final List<String> defaults = full ? FULL_WORKLOADS : DEFAULT_WORKLOADS;
            return all.stream().filter((s) -> defaults.contains(s.label())).toList();
        }
        final List<WorkloadSpec> chosen = new ArrayList<>();
        for (final String label : wanted)
        {
            chosen.add(all.stream().filter((s) -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload: " + label)));
        }
        return chosen;
    }

    /**
     * The fan-in needs a descriptor per connection in the client and in the server: stay under the limit.
     */
    private int fanInConnections(final int wanted)
    {
        final long limit = new MachineInfo(false).maxFileDescriptors;
        if (limit > 0 && wanted > limit - 500)
        {
            final int capped = (int)Math.max(100, limit - 500);
            out.println("note: open-files limit " + limit + ": fan-in capped at " + count(capped) + " connections " +
                "(raise it with ulimit -n for more)");
            return capped;
        }
        return wanted;
    }

    /**
     * Every client of a workload within a repetition, in an order rotated by one each repetition.
     */
    static List<Run> plan(final List<WorkloadSpec> specs, final List<String> clients, final int reps,
        final int connections, final int threadCap)
    {
        final List<Run> plan = new ArrayList<>();
        for (final WorkloadSpec spec : specs)
        {
            final List<String> eligible = new ArrayList<>();
            for (final String client : clients)
            {
                final ClientAdapter adapter = ClientAdapters.create(client);
                if (null == adapter.unsupported(spec))
                {
                    eligible.add(client);
                }
            }
            for (int rep = 1; rep <= reps; rep++)
            {
                for (int i = 0; i < eligible.size(); i++)
                {
                    final String client = eligible.get((i + rep - 1) % eligible.size());
                    final int n = ClientAdapters.create(client).threadPerConnection() ?
                        Math.min(connections, threadCap) : connections;
                    plan.add(new Run(spec, client, rep, n));
                }
            }
        }
        return plan;
    }

    private String describeSpec(final WorkloadSpec spec, final int connections)
    {
        switch (spec.workload())
        {
            case "push":
                return "(" + count(spec.count()) + " messages measured after " + count(spec.warmup()) + ")";
            case "rtt":
                return "(" + count(spec.count()) + " round trips or " + spec.measureSeconds() + " s measured, after " +
                    count(spec.warmup()) + " or " + spec.warmupSeconds() + " s of warm-up, whichever ends first)";
            case "idle":
                return "(" + count(spec.connections()) + " connections to /trickle with a 1 h interval, CPU measured " +
                    "over " + spec.steadyMs() / 1000 + " s after 2 s of settling)";
            case "pong":
                return "(" + count(spec.count()) + " pings, one every " + spec.steadyMs() + " ms, after 2 s of " +
                    "saturating sends)";
            default:
                return "(" + count(connections) + " connections, " + spec.steadyMs() + " ms steady trickle)";
        }
    }

    private RunResult execute(final Run run) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        if (pin)
        {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.add(javaBin);
        command.addAll(clientJvmFlags(run.spec));
        command.addAll(extraJvmArgs);
        command.addAll(List.of("-cp", classPath, LoadClient.class.getName(), "--watch-stdin",
            "--client", run.client, "--port", Integer.toString(run.spec.tls() ? tlsPort : port),
            "--timeout-s", Long.toString(Math.max(30, runTimeoutS - 30))));
        if (run.spec.tls())
        {
            if (0 == tlsPort)
            {
                return new RunResult(run.spec, run.client, run.rep, Map.of(),
                    "the feed server has no TLS listener: " + tlsError, 0);
            }
            command.addAll(List.of("--trust-cert", certificate));
        }
        command.addAll(run.spec.clientArgs(run.connections));
        final String name = run.spec.label() + "-" + run.client + "-r" + run.rep;
        final Path stdout = logDir.resolve(name + ".out");
        final Path stderr = logDir.resolve(name + ".err");
        final long start = System.nanoTime();
        final Process process = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        String error = null;
        if (!process.waitFor(runTimeoutS, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            error = "killed after " + runTimeoutS + " s";
        }
        final double wall = (System.nanoTime() - start) / 1e9;
        Map<String, String> values = Map.of();
        for (final String line : Files.readAllLines(stdout, StandardCharsets.UTF_8))
        {
            if (line.startsWith("RESULT "))
            {
                values = parseResult(line);
            }
            else if (line.startsWith("ERROR ") && null == error)
            {
                error = line.substring(6);
            }
            else if (line.startsWith("DESCRIBE "))
            {
                descriptions.put(run.client, line.substring(9));
            }
            else if (line.startsWith("JAVA "))
            {
                javaVersion = line.substring(5);
            }
        }
        if (null == error && values.isEmpty())
        {
            error = "no result, exit code " + process.exitValue() + " (see " + stderr + ")";
        }
        return new RunResult(run.spec, run.client, run.rep, values, error, wall);
    }

    /**
     * The same flags for every client of a workload. The fan-in pre-touches a fixed heap so that the RSS
     * delta measures native memory (direct buffers, thread stacks) rather than heap pages first touched.
     */
    static List<String> clientJvmFlags(final WorkloadSpec spec)
    {
        final List<String> flags = new ArrayList<>(List.of(ADD_EXPORTS, "-XX:+UseG1GC"));
        if ("fanin".equals(spec.workload()))
        {
            final String heap = spec.connections() > 2_000 ? "2g" : "1g";
            flags.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
        }
        else
        {
            flags.addAll(List.of("-Xms1g", "-Xmx1g"));
        }
        return flags;
    }

    static Map<String, String> parseResult(final String line)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String token : line.substring("RESULT ".length()).trim().split(" "))
        {
            final int eq = token.indexOf('=');
            if (eq > 0)
            {
                values.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return values;
    }

    private void startServer(final boolean echoSpin, final boolean tls) throws IOException
    {
        final List<String> command = new ArrayList<>();
        if (pin)
        {
            command.addAll(List.of("taskset", "-c", "1"));
        }
        command.addAll(List.of(javaBin, "-XX:+UseG1GC", "-Xms512m", "-Xmx512m", "-cp", classPath,
            FeedServer.class.getName(), "--watch-stdin", "--echo-spin", Boolean.toString(echoSpin),
            "--tls", Boolean.toString(tls), "--tls-dir", outDir.resolve("tls").toAbsolutePath().toString()));
        server = new ProcessBuilder(command).redirectError(logDir.resolve("feed-server.err").toFile()).start();
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        final String line = reader.readLine();
        if (null == line || !line.startsWith("LISTENING "))
        {
            server.destroyForcibly();
            throw new IOException("feed server did not start: " + line + " (see " + logDir + "/feed-server.err)");
        }
        final Map<String, String> listening = parseListening(line);
        port = Integer.parseInt(listening.get("port"));
        tlsPort = Integer.parseInt(listening.getOrDefault("tls", "0"));
        certificate = listening.get("cert");
        tlsError = listening.getOrDefault("tls-error", "TLS off");
        out.println("feed server: 127.0.0.1:" + port + (echoSpin ? ", echo busy-polls" : ", echo blocks") +
            (0 == tlsPort ? "; no TLS listener: " + tlsError : "; TLS on 127.0.0.1:" + tlsPort + ", certificate " +
            certificate));
    }

    /**
     * The feed server's ready line: {@code LISTENING <port> tls=<port> cert=<file>}, the certificate's path
     * last (it may hold spaces), or {@code tls=0 tls-error=<why>}.
     *
     * @param line as printed.
     * @return {@code port}, {@code tls}, and {@code cert} or {@code tls-error}.
     */
    static Map<String, String> parseListening(final String line)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        final String rest = line.substring("LISTENING ".length()).trim();
        final int space = rest.indexOf(' ');
        values.put("port", space < 0 ? rest : rest.substring(0, space));
        final int cert = rest.indexOf(" cert=");
        final String middle = space < 0 ? "" : cert < 0 ? rest.substring(space + 1) : rest.substring(space + 1, cert);
        for (final String token : middle.trim().split(" "))
        {
            final int eq = token.indexOf('=');
            if (eq > 0)
            {
                values.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        if (cert >= 0)
        {
            values.put("cert", rest.substring(cert + " cert=".length()));
        }
        return values;
    }

    private void stopServer()
    {
        if (null != server)
        {
            server.destroy();
            try
            {
                if (!server.waitFor(5, TimeUnit.SECONDS))
                {
                    server.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String configText(final boolean full, final int reps, final int connections, final int threadCap,
        final boolean echoSpin, final List<WorkloadSpec> specs)
    {
        final StringBuilder text = new StringBuilder();
        text.append("- Mode: ").append(full ? "full" : "default").append(", ").append(reps)
            .append(" repetitions; each repetition runs every client once per workload, in an order rotated by one ")
            .append("client each repetition. Figures are medians over the repetitions, (min-max) where shown.\n");
        for (final WorkloadSpec spec : specs)
        {
            text.append("- ").append(spec.title()).append(": ").append(describeSpec(spec, connections)
                .replace("(", "").replace(")", "")).append('\n');
        }
        text.append("- Fan-in connections of thread-per-connection clients (java-websocket, okhttp) are capped at ")
            .append(count(Math.min(connections, threadCap))).append(".\n");
        text.append("- Client JVM flags: push/rtt `").append(String.join(" ", clientJvmFlags(specs.get(0))))
            .append("`, fan-in `").append(String.join(" ", clientJvmFlags(WorkloadSpec.fanIn(connections, 0))))
            .append('`').append(extraJvmArgs.isEmpty() ? "" : ", plus `" + String.join(" ", extraJvmArgs) + "`")
            .append(".\n");
        text.append("- Feed server: its own JVM (`-XX:+UseG1GC -Xms512m -Xmx512m`); echo threads ")
            .append(echoSpin ? "busy-poll" : "block on").append(" their socket; pushes are written by a blocking ")
            .append("thread from pre-encoded frames (").append(count(FeedServer.pushFramesPerBatch(128)))
            .append(" different 128 B messages, ").append(count(FeedServer.pushFramesPerBatch(1024)))
            .append(" of 1 KiB, repeated).\n");
        if (specs.stream().anyMatch(WorkloadSpec::tls))
        {
            text.append("- TLS: the feed server's second listener, a JDK `SSLServerSocket` (default protocols and ")
                .append("suites; TLS 1.3 chosen by every client) with a self-signed EC P-256 certificate for ")
                .append("`IP:127.0.0.1` and `DNS:localhost` made by `keytool` at start-up; a thread per connection ")
                .append("writes the pre-encoded frames through the TLS stream in 256 KiB writes. Before it reports ")
                .append("ready the server pushes 1,000,000 128 B and 200,000 1 KiB messages to itself over TLS so ")
                .append("that its encryption is compiled. Clients trust that certificate only (an `SSLContext` ")
                .append("from it, handed to each library in its own way) and keep hostname verification on.\n");
        }
        if (specs.stream().anyMatch(WorkloadSpec::deflate))
        {
            text.append("- Compression: permessage-deflate offered by the client (JetSocket ")
                .append("`ConnectRequest.Builder#compression(true)`, Netty `WebSocketClientCompressionHandler`, ")
                .append("Java-WebSocket `Draft_6455(new PerMessageDeflateExtension())`, Jetty ")
                .append("`ClientUpgradeRequest#addExtensions(\"permessage-deflate\")`, OkHttp on its own); the server ")
                .append("accepts with `server_no_context_takeover` and sends every message pre-deflated. The JDK ")
                .append("client cannot offer it and is not run.\n");
        }
        text.append("- Pinning: ").append(pin ? "clients `taskset -c 0`, server `taskset -c 1`" : "none").append(".\n");
        return text.toString();
    }

    private static boolean tasksetWorks()
    {
        try
        {
            final Process process = new ProcessBuilder("taskset", "-c", "0", "true")
                .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && 0 == process.exitValue();
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }

    static String clock(final double seconds)
    {
        final long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String count(final long n)
    {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * One client JVM to start.
     */
    static final class Run
    {
        final WorkloadSpec spec;
        final String client;
        final int rep;
        final int connections;

        Run(final WorkloadSpec spec, final String client, final int rep, final int connections)
        {
            this.spec = spec;
            this.client = client;
            this.rep = rep;
            this.connections = connections;
        }
    }
}
