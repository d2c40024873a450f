/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Turns the runs' results into the Markdown summary: the machine and set-up, one table per workload with
 * medians, (min-max) and ratios against the raw-socket floor and the best peer, the targets with
 * what was measured, and any failures.
 */
final class Summary
{
    private static final String PRIMARY = "jetsocket";

    private final List<RunResult> results;
    private final Map<String, String> descriptions;
    private final MachineInfo machine;
    private final String javaVersion;
    private final String command;
    private final String config;
    private final List<String> requested;

    Summary(final List<RunResult> results, final Map<String, String> descriptions, final MachineInfo machine,
        final String javaVersion, final String command, final String config, final List<String> requested)
    {
        this.requested = requested;
        this.results = results;
        this.descriptions = descriptions;
        this.machine = machine;
        this.javaVersion = javaVersion;
        this.command = command;
        this.config = config;
    }

    String render()
    {
        final StringBuilder md = new StringBuilder();
        md.append("# JetSocket end-to-end load results\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("## Machine\n\n");
        md.append("- Run: ").append(machine.start).append(" to ").append(machine.end).append('\n');
        md.append("- `nproc`: ").append(machine.cpus).append("; `lscpu` model name: ").append(machine.cpuModel)
            .append("; memory ").append(machine.memTotalKiB / 1024 / 1024).append(" GiB; ").append(machine.os)
            .append("; open-files limit ").append(machine.maxFileDescriptors).append('\n');
        md.append("- Load average (1, 5, 15 min) at start: ").append(machine.loadAtStart).append(", at end: ")
            .append(machine.loadAtEnd).append('\n');
        md.append("- Java (server and clients): ").append(javaVersion).append("\n\n");
        md.append("## Set-up\n\n").append(config).append('\n');
        md.append("| client | what runs |\n|---|---|\n");
        for (final String client : clients())
        {
            md.append("| ").append(client).append(" | ").append(descriptions.getOrDefault(client, "?")).append(" |\n");
        }
        md.append('\n');
        final Set<String> labels = new LinkedHashSet<>();
        results.forEach((r) -> labels.add(r.spec().label()));
        for (final String label : labels)
        {
            final List<RunResult> runs = results.stream().filter((r) -> r.spec().label().equals(label)).toList();
            final WorkloadSpec spec = runs.get(0).spec();
            switch (spec.workload())
            {
                case "push":
                    pushTable(md, spec, runs);
                    break;
                case "rtt":
                    rttTable(md, spec, runs);
                    break;
                case "idle":
                    idleTable(md, spec, runs);
                    break;
                case "pong":
                    pongTable(md, spec, runs);
                    break;
                default:
                    fanInTable(md, runs);
                    break;
            }
        }
        glance(md, labels);
        targets(md);
        failures(md);
        md.append(Notes.TEXT);
        return md.toString();
    }

    private List<String> clients()
    {
        final Set<String> seen = new LinkedHashSet<>();
        for (final String name : LoadRunner.CLIENTS)
        {
            if (results.stream().anyMatch((r) -> r.client().equals(name)))
            {
                seen.add(name);
            }
        }
        results.forEach((r) -> seen.add(r.client()));
        return new ArrayList<>(seen);
    }

    private Map<String, Stats> byClient(final List<RunResult> runs, final ToDoubleFunction<RunResult> metric)
    {
        final Map<String, Stats> stats = new LinkedHashMap<>();
        for (final String client : clients())
        {
            final List<Double> values = new ArrayList<>();
            runs.stream().filter((r) -> r.client().equals(client) && r.ok())
                .forEach((r) -> values.add(metric.applyAsDouble(r)));
            final Stats s = Stats.of(values);
            if (null != s)
            {
                stats.put(client, s);
            }
        }
        return stats;
    }

    private static String bestPeer(final Map<String, Stats> stats, final boolean higherIsBetter)
    {
        String best = null;
        for (final String peer : ClientAdapters.PEERS)
        {
            final Stats s = stats.get(peer);
            if (null != s && (null == best ||
                (higherIsBetter ? s.median > stats.get(best).median : s.median < stats.get(best).median)))
            {
                best = peer;
            }
        }
        return best;
    }

    private void pushTable(final StringBuilder md, final WorkloadSpec spec, final List<RunResult> runs)
    {
        final boolean variant = spec.tls() || spec.deflate();
        final Map<String, Stats> rate = byClient(runs, (r) -> r.number("msgs_per_s"));
        final Map<String, Stats> comparable = comparable(spec, runs, rate);
        final Map<String, Stats> mb = byClient(runs, (r) -> r.number("mb_per_s"));
        final Map<String, Stats> alloc = byClient(runs, (r) -> r.number("alloc_per_msg"));
        final Map<String, Stats> gcs = byClient(runs, (r) -> r.number("gcs"));
        final Map<String, Stats> perRead = byClient(runs, (r) -> r.number("bytes_per_read"));
        final Map<String, Stats> wire = byClient(runs, (r) -> r.number("wire_bytes_per_msg"));
        final String best = bestPeer(comparable, true);
        final Stats raw = comparable.get("raw");
        md.append("## ").append(spec.title()).append(": ").append(LoadRunner.count(spec.count()))
            .append(" messages measured after ").append(LoadRunner.count(spec.warmup())).append(" warm-up\n\n");
        if (variant)
        {
            md.append(variantIntro(spec, runs));
        }
        md.append("| client | M msg/s, median (min-max) | MB/s | B allocated / msg | GCs | KiB per read(2) | ")
            .append("x raw floor |")
            .append(" x best peer").append(null == best ? "" : " (" + best + ")")
            .append(variant ? " | wire B / msg | notes" : "")
            .append(" |\n|---|---:|---:|---:|---:|---:|---:|---:|").append(variant ? "---:|---|" : "").append('\n');
        for (final Map.Entry<String, Stats> e : rate.entrySet())
        {
            final Stats s = e.getValue();
            final boolean counted = comparable.containsKey(e.getKey());
            md.append("| ").append(e.getKey()).append(" | ").append(range(s, 1e-6, "%.2f"))
                .append(" | ").append(fmt("%.0f", mb.get(e.getKey()).median))
                .append(" | ").append(bytes(alloc.get(e.getKey()).median))
                .append(" | ").append(fmt("%.0f", gcs.get(e.getKey()).median))
                .append(" | ").append(null == perRead.get(e.getKey()) ? "-" :
                    fmt("%.1f", perRead.get(e.getKey()).median / 1024))
                .append(" | ").append(counted ? ratio(s.median, null == raw ? Double.NaN : raw.median) : "-")
                .append(" | ").append(counted ? ratio(s.median, null == best ? Double.NaN : rate.get(best).median) :
                    "-");
            if (variant)
            {
                md.append(" | ").append(null == wire.get(e.getKey()) ? "-" : fmt("%.1f", wire.get(e.getKey()).median))
                    .append(" | ").append(variantNote(spec, runs, e.getKey()));
            }
            md.append(" |\n");
        }
        if (variant)
        {
            for (final String client : requested)
            {
                final String reason = rate.containsKey(client) || runs.stream().anyMatch((r) -> r.client()
                    .equals(client)) ? null : ClientAdapters.create(client).unsupported(spec);
                if (null != reason)
                {
                    md.append("| ").append(client).append(" | - | - | - | - | - | - | - | - | ").append(reason)
                        .append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    /**
     * The clients whose push figures compare with the floor and each other: all of them, except in a compressed
     * push those that did not negotiate compression (they were sent the messages uncompressed).
     */
    private static Map<String, Stats> comparable(
        final WorkloadSpec spec, final List<RunResult> runs, final Map<String, Stats> rate)
    {
        if (!spec.deflate())
        {
            return rate;
        }
        final Map<String, Stats> compressed = new LinkedHashMap<>();
        rate.forEach((client, stats) ->
        {
            if (compressed(runs, client))
            {
                compressed.put(client, stats);
            }
        });
        return compressed;
    }

    private static boolean compressed(final List<RunResult> runs, final String client)
    {
        return runs.stream().filter((r) -> r.client().equals(client) && r.ok())
            .allMatch((r) -> "true".equals(r.values().get("compressed")));
    }

    private static String firstValue(final List<RunResult> runs, final String client, final String key)
    {
        return runs.stream().filter((r) -> r.client().equals(client) && r.ok() && r.values().containsKey(key))
            .map((r) -> r.values().get(key)).findFirst().orElse(null);
    }

    private static String variantNote(final WorkloadSpec spec, final List<RunResult> runs, final String client)
    {
        final List<String> notes = new ArrayList<>();
        if (spec.deflate())
        {
            final String extensions = firstValue(runs, client, "extensions");
            notes.add(compressed(runs, client) ? (null == extensions ? "" : extensions.replace(";", "; ")) :
                "**not compressed** (negotiated: " + extensions + "): sent uncompressed, not compared");
        }
        if (spec.tls())
        {
            final String session = firstValue(runs, client, "tls_session");
            notes.add(null == session ? "(library does not show the TLS session)" : session);
        }
        return String.join("; ", notes);
    }

    private static String variantIntro(final WorkloadSpec spec, final List<RunResult> runs)
    {
        final StringBuilder text = new StringBuilder();
        if (spec.tls())
        {
            text.append("Over TLS: `wss://127.0.0.1` to the feed server's TLS listener (a JDK `SSLServerSocket`, ")
                .append("self-signed EC P-256 certificate made at start-up, default protocols and suites; the ")
                .append("same pre-encoded frames written through the TLS stream). Every client trusts that ")
                .append("certificate only and verifies the host name. The TLS floors (`raw`, `raw-spin`) drive a ")
                .append("JDK `SSLEngine` by hand over their channel, unwrapping every buffered record into heap ")
                .append("buffers. The server encrypts on its own core with the same JDK TLS, so the floors may be ")
                .append("bound by the server. wire B / msg: bytes read from the socket per message (`rchar`), TLS ")
                .append("records included.\n\n");
        }
        if (spec.deflate())
        {
            final FeedMessages.Batch plain = FeedMessages.batch(FeedMessages.TEXT, spec.size(),
                FeedServer.pushFramesPerBatch(spec.size()), false, false);
            final FeedMessages.Batch deflated = FeedMessages.batch(FeedMessages.TEXT, spec.size(),
                FeedServer.pushFramesPerBatch(spec.size()), true, false);
            text.append("Compressed: the client offers permessage-deflate; the feed server accepts with ")
                .append("`server_no_context_takeover` (and `client_no_context_takeover` when offered) and sends ")
                .append(LoadRunner.count(deflated.frames())).append(" different messages, each deflated on its ")
                .append("own once before the push (zlib level 6, sync flush, tail stripped, RSV1), over and over: ")
                .append(fmt("%.1f", deflated.averageFrameLength())).append(" B per frame on average against ")
                .append(fmt("%.1f", plain.averageFrameLength())).append(" B uncompressed (")
                .append(fmt("%.0f", 100 * deflated.averageFrameLength() / plain.averageFrameLength()))
                .append(" %). MB/s counts inflated payload bytes. The raw floor inflates with one reused ")
                .append("`java.util.zip.Inflater` (reset per message) into one reused array, and does not validate ")
                .append("UTF-8. A client that did not negotiate compression is marked and left out of the ratios. ")
                .append("wire B / msg: bytes read from the socket per message (`rchar`).\n\n");
        }
        return text.toString();
    }

    private void rttTable(final StringBuilder md, final WorkloadSpec spec, final List<RunResult> runs)
    {
        final Map<String, Stats> p50 = byClient(runs, (r) -> r.number("p50_ns"));
        final Map<String, Stats> p90 = byClient(runs, (r) -> r.number("p90_ns"));
        final Map<String, Stats> p99 = byClient(runs, (r) -> r.number("p99_ns"));
        final Map<String, Stats> p999 = byClient(runs, (r) -> r.number("p999_ns"));
        final Map<String, Stats> max = byClient(runs, (r) -> r.number("max_ns"));
        final Map<String, Stats> alloc = byClient(runs, (r) -> r.number("alloc_per_rtt"));
        final String best = bestPeer(p50, false);
        final Stats raw50 = p50.get("raw");
        final Stats raw99 = p99.get("raw");
        final Stats spin50 = p50.get("raw-spin");
        final Stats spin99 = p99.get("raw-spin");
        final Stats samples = Stats.of(runs.stream().filter(RunResult::ok).map((r) -> r.number("samples")).toList());
        md.append("## ").append(spec.title()).append(": up to ").append(LoadRunner.count(spec.count()))
            .append(" round trips or ").append(spec.measureSeconds()).append(" s measured, after up to ")
            .append(LoadRunner.count(spec.warmup())).append(" or ").append(spec.warmupSeconds())
            .append(" s of warm-up\n\n");
        md.append("Microseconds, medians over the repetitions (min-max for p50 and p99). Samples per run: ")
            .append(null == samples ? "-" : range(samples, 1, "%,.0f")).append(".\n\n");
        md.append("| client | p50 | p90 | p99 | p99.9 | max | p50 x raw | p99 x raw | p50 x raw-spin | ")
            .append("p99 x raw-spin | ")
            .append("p50 x best peer | p99 x best peer | B allocated / rtt |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Map.Entry<String, Stats> e : p50.entrySet())
        {
            final String client = e.getKey();
            md.append("| ").append(client)
                .append(" | ").append(range(e.getValue(), 1e-3, "%.1f"))
                .append(" | ").append(fmt("%.1f", p90.get(client).median / 1e3))
                .append(" | ").append(range(p99.get(client), 1e-3, "%.1f"))
                .append(" | ").append(fmt("%.0f", p999.get(client).median / 1e3))
                .append(" | ").append(fmt("%.0f", max.get(client).median / 1e3))
                .append(" | ").append(ratio(e.getValue().median, null == raw50 ? Double.NaN : raw50.median))
                .append(" | ").append(ratio(p99.get(client).median, null == raw99 ? Double.NaN : raw99.median))
                .append(" | ").append(ratio(e.getValue().median, null == spin50 ? Double.NaN : spin50.median))
                .append(" | ").append(ratio(p99.get(client).median, null == spin99 ? Double.NaN : spin99.median))
                .append(" | ").append(ratio(e.getValue().median, null == best ? Double.NaN : p50.get(best).median))
                .append(" | ").append(ratio(p99.get(client).median, null == best ? Double.NaN : p99.get(best).median))
                .append(" | ").append(bytes(alloc.get(client).median))
                .append(" |\n");
        }
        md.append("\nBest peer by p50: ").append(null == best ? "none" : best).append(".\n\n");
    }

    private void idleTable(final StringBuilder md, final WorkloadSpec spec, final List<RunResult> runs)
    {
        final Map<String, Stats> cpu = byClient(runs, (r) -> r.number("cpu_pct"));
        final Map<String, Stats> engine = byClient(runs, (r) -> r.number("engine_cpu_pct"));
        final Map<String, Stats> busiest = byClient(runs, (r) -> r.number("busiest_cpu_pct"));
        final Map<String, Stats> msgs = byClient(runs, (r) -> r.number("idle_msgs"));
        md.append("## ").append(spec.title()).append("\n\n");
        md.append("CPU time over ").append(spec.steadyMs() / 1000).append(" s of silence as % of one core, medians ")
            .append("(min-max): the whole client JVM (`getProcessCpuTime`), the library's I/O thread where it has one ")
            .append("to name (JetSocket's engine thread), and the busiest thread. The client JVM is pinned to one ")
            .append("core where `taskset` works.\n\n");
        md.append("| client | process CPU % | engine thread CPU % | busiest thread | busiest CPU % | ")
            .append("x jetsocket-selecting (process) | messages while idle |\n|---|---:|---:|---|---:|---:|---:|\n");
        final Stats selecting = cpu.get("jetsocket-selecting");
        for (final Map.Entry<String, Stats> e : cpu.entrySet())
        {
            final String client = e.getKey();
            md.append("| ").append(client)
                .append(" | ").append(range(e.getValue(), 1, "%.2f"))
                .append(" | ").append(range(engine.get(client), 1, "%.2f"))
                .append(" | ").append(firstValue(runs, client, "busiest_thread"))
                .append(" | ").append(range(busiest.get(client), 1, "%.2f"))
                .append(" | ").append(ratio(e.getValue().median, null == selecting ? Double.NaN : selecting.median))
                .append(" | ").append(fmt("%.0f", msgs.get(client).median))
                .append(" |\n");
        }
        md.append('\n');
    }

    private void pongTable(final StringBuilder md, final WorkloadSpec spec, final List<RunResult> runs)
    {
        final Map<String, Stats> p50 = byClient(runs, (r) -> r.number("delay_p50_us"));
        final Map<String, Stats> p99 = byClient(runs, (r) -> r.number("delay_p99_us"));
        final Map<String, Stats> max = byClient(runs, (r) -> r.number("delay_max_us"));
        final Map<String, Stats> frames50 = byClient(runs, (r) -> r.number("frames_p50"));
        final Map<String, Stats> framesMax = byClient(runs, (r) -> r.number("frames_max"));
        final Map<String, Stats> answered = byClient(runs, (r) -> r.number("pongs") / r.number("pings"));
        final Map<String, Stats> rate = byClient(runs, (r) -> r.number("mb_per_s"));
        md.append("## ").append(spec.title()).append("\n\n");
        md.append(LoadRunner.count(spec.count())).append(" pings from the feed server, one every ")
            .append(spec.steadyMs()).append(" ms, while a producer thread in the client keeps the library's outbound ")
            .append("buffer full (it offers the next message whenever the library accepts it, parking 50 us when it ")
            .append("does not). Delay: ping written by the server to the pong's bytes read by it, in microseconds; ")
            .append("frames: the data frames the server read in between. Medians over the repetitions (min-max).\n\n");
        md.append("| client | delay p50, us | delay p99, us | delay max, us | frames between p50 | ")
            .append("frames between max | pongs / pings | data read, MB/s |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Map.Entry<String, Stats> e : p50.entrySet())
        {
            final String client = e.getKey();
            md.append("| ").append(client)
                .append(" | ").append(range(e.getValue(), 1, "%,.0f"))
                .append(" | ").append(range(p99.get(client), 1, "%,.0f"))
                .append(" | ").append(range(max.get(client), 1, "%,.0f"))
                .append(" | ").append(range(frames50.get(client), 1, "%,.0f"))
                .append(" | ").append(range(framesMax.get(client), 1, "%,.0f"))
                .append(" | ").append(fmt("%.2f", answered.get(client).median))
                .append(" | ").append(range(rate.get(client), 1, "%,.0f"))
                .append(" |\n");
        }
        md.append('\n');
    }

    private void fanInTable(final StringBuilder md, final List<RunResult> runs)
    {
        final Map<String, Stats> conns = byClient(runs, (r) -> r.number("connections"));
        final Map<String, Stats> open = byClient(runs, (r) -> r.number("open_ms"));
        final Map<String, Stats> first = byClient(runs, (r) -> r.number("first_msg_ms"));
        final Map<String, Stats> heap = byClient(runs, (r) -> r.number("heap_per_conn"));
        final Map<String, Stats> rss = byClient(runs, (r) -> r.number("rss_per_conn"));
        final Map<String, Stats> direct = byClient(runs, (r) -> r.number("direct_per_conn"));
        final Map<String, Stats> threads = byClient(runs, (r) -> r.number("threads_added"));
        final Map<String, Stats> steady = byClient(runs,
            (r) -> r.number("steady_msgs") / r.number("steady_expected"));
        final Map<String, Stats> back = byClient(runs, (r) -> r.number("storm_reopen_ms"));
        final Map<String, Stats> receiving = byClient(runs, (r) -> r.number("storm_receiving_ms"));
        md.append("## Fan-in and reconnect storm\n\n");
        md.append("Per connection: heap after GC, RSS (heap pre-touched, so mostly native memory) and direct ")
            .append("memory, each as (after all are open and trickling) minus (library started, no connection), ")
            .append("divided by the connections. Threads: live threads minus those before the library started. ")
            .append("Times from the first connect, and for the storm from the drop request.\n\n");
        md.append("| client | conns | all open, ms | all had a msg, ms | heap / conn, B | RSS / conn, KiB | ")
            .append("direct / conn, KiB | threads added | steady msgs / expected | storm: all back, ms | ")
            .append("storm: all receiving, ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Map.Entry<String, Stats> e : conns.entrySet())
        {
            final String client = e.getKey();
            md.append("| ").append(client)
                .append(" | ").append(LoadRunner.count((long)e.getValue().median))
                .append(" | ").append(range(open.get(client), 1, "%.0f"))
                .append(" | ").append(fmt("%.0f", first.get(client).median))
                .append(" | ").append(range(heap.get(client), 1, "%,.0f"))
                .append(" | ").append(fmt("%.1f", rss.get(client).median / 1024))
                .append(" | ").append(fmt("%.1f", direct.get(client).median / 1024))
                .append(" | ").append(fmt("%.0f", threads.get(client).median))
                .append(" | ").append(fmt("%.2f", steady.get(client).median))
                .append(" | ").append(range(back.get(client), 1, "%.0f"))
                .append(" | ").append(fmt("%.0f", receiving.get(client).median))
                .append(" |\n");
        }
        md.append('\n');
    }

    /**
     * One row per headline metric: JetSocket, the raw floor and the best peer side by side, and the ratios.
     */
    private void glance(final StringBuilder md, final Set<String> labels)
    {
        final List<String> rows = new ArrayList<>();
        for (final String label : labels)
        {
            final List<RunResult> runs = forLabel(label);
            final WorkloadSpec spec = runs.get(0).spec();
            if ("push".equals(spec.workload()))
            {
                glanceRow(rows, spec.title() + ", M msg/s",
                    comparable(spec, runs, byClient(runs, (r) -> r.number("msgs_per_s") / 1e6)), true);
            }
            else if ("rtt".equals(spec.workload()))
            {
                glanceRow(rows, spec.title() + " p50, us", byClient(runs, (r) -> r.number("p50_ns") / 1e3), false);
                glanceRow(rows, spec.title() + " p99, us", byClient(runs, (r) -> r.number("p99_ns") / 1e3), false);
            }
        }
        if (rows.isEmpty())
        {
            return;
        }
        md.append("## Ratios at a glance (medians; JetSocket = `").append(PRIMARY).append("`)\n\n");
        md.append("| metric | JetSocket | raw floor | raw-spin floor | best peer | JetSocket x raw | ")
            .append("JetSocket x raw-spin | JetSocket x best peer |\n|---|---:|---:|---:|---|---:|---:|---:|\n");
        rows.forEach(md::append);
        md.append('\n');
    }

    private static void glanceRow(
        final List<String> rows, final String metric, final Map<String, Stats> stats, final boolean higherIsBetter)
    {
        final Stats j = stats.get(PRIMARY);
        if (null == j)
        {
            return;
        }
        final double raw = median(stats, "raw");
        final double rawSpin = median(stats, "raw-spin");
        final String best = bestPeer(stats, higherIsBetter);
        final double bestValue = null == best ? Double.NaN : stats.get(best).median;
        rows.add("| " + metric + " | " + fmt("%.2f", j.median) + " | " + value(raw) + " | " + value(rawSpin) +
            " | " + (null == best ? "-" : best + " " + fmt("%.2f", bestValue)) + " | " + ratio(j.median, raw) +
            " | " + ratio(j.median, rawSpin) + " | " + ratio(j.median, bestValue) + " |\n");
    }

    private static double median(final Map<String, Stats> stats, final String client)
    {
        final Stats s = stats.get(client);
        return null == s ? Double.NaN : s.median;
    }

    private static String value(final double value)
    {
        return Double.isNaN(value) ? "-" : fmt("%.2f", value);
    }

    private void targets(final StringBuilder md)
    {
        final List<String[]> rows = new ArrayList<>();
        final Map<String, Stats> push = byClient(forLabel("push128"), (r) -> r.number("msgs_per_s"));
        if (push.containsKey(PRIMARY))
        {
            final String best = bestPeer(push, true);
            final double j = push.get(PRIMARY).median;
            if (null != best)
            {
                rows.add(target("push 128 B >= 3x the best Java peer", j / push.get(best).median, 3, true,
                    "x " + best));
            }
            if (push.containsKey("raw"))
            {
                rows.add(target("push 128 B >= 0.5x the raw floor (UTF-8 validation on)",
                    j / push.get("raw").median, 0.5, true, "x raw"));
            }
            final Stats alloc = byClient(forLabel("push128"), (r) -> r.number("alloc_per_msg")).get(PRIMARY);
            final Stats total = byClient(forLabel("push128"), (r) -> r.number("alloc_bytes")).get(PRIMARY);
            rows.add(new String[] {"0 B allocated per received message (push 128 B, all threads)",
                bytes(alloc.median) + " B/msg (max " + bytes(alloc.max) + "; " +
                fmt("%,.0f", total.median) + " B in the whole window)",
                alloc.max < 0.01 ? "met: the bytes are the measurement's own, not per message" : "missed"});
        }
        final Map<String, Stats> p50 = byClient(forLabel("rtt64"), (r) -> r.number("p50_ns"));
        final Map<String, Stats> p99 = byClient(forLabel("rtt64"), (r) -> r.number("p99_ns"));
        for (final String floor : List.of("raw", "raw-spin"))
        {
            if (p50.containsKey(PRIMARY) && p50.containsKey(floor))
            {
                rows.add(target("rtt 64 B p50 <= 1.10x " + floor, p50.get(PRIMARY).median / p50.get(floor).median,
                    1.10, false, "x " + floor));
                rows.add(target("rtt 64 B p99 <= 1.25x " + floor, p99.get(PRIMARY).median / p99.get(floor).median,
                    1.25, false, "x " + floor));
            }
        }
        final List<RunResult> fanIn = forLabel("fanin");
        final Map<String, Stats> conns = byClient(fanIn, (r) -> r.number("connections"));
        if (conns.containsKey(PRIMARY))
        {
            final double n = conns.get(PRIMARY).median;
            final double threads = byClient(fanIn, (r) -> r.number("threads_added")).get(PRIMARY).median;
            rows.add(new String[] {"10,000 connections on one engine thread",
                LoadRunner.count((long)n) + " connections, " + fmt("%.0f", threads) + " thread(s) added",
                n >= 10_000 && threads <= 1 ? "met" : n < 10_000 ? "not run at 10,000 (use --full)" : "missed"});
            final double heap = byClient(fanIn, (r) -> r.number("heap_per_conn")).get(PRIMARY).median;
            final double direct = byClient(fanIn, (r) -> r.number("direct_per_conn")).get(PRIMARY).median;
            final String[] row = target("heap per idle connection < 2 KiB", heap, 2048, false, "B");
            row[1] = row[1] + "; direct memory " + fmt("%,.0f", direct) + " B per connection";
            rows.add(row);
        }
        clientTargets(rows, push, fanIn);
        if (rows.isEmpty())
        {
            return;
        }
        md.append("## The issue's targets (JetSocket = `").append(PRIMARY).append("`)\n\n");
        md.append("| target | measured | verdict |\n|---|---|---|\n");
        for (final String[] row : rows)
        {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        md.append('\n');
    }

    /**
     * The client layer against the engine under it, both measured in this run: the zero-copy push of
     * {@code jetsocket-client} against {@code jetsocket}'s, and the client's heap per idle connection.
     */
    private void clientTargets(
        final List<String[]> rows, final Map<String, Stats> push, final List<RunResult> fanIn)
    {
        final String client = JetSocketClientAdapter.PREFIX;
        if (push.containsKey(PRIMARY) && push.containsKey(client))
        {
            rows.add(target("client push 128 B (zero-copy handler) >= 0.8x the engine's",
                push.get(client).median / push.get(PRIMARY).median, 0.8, true, "x " + PRIMARY));
            final Map<String, Stats> cpu = byClient(forLabel("push128"), (r) -> r.number("cpu_ns_per_msg"));
            if (cpu.containsKey(PRIMARY) && cpu.containsKey(client))
            {
                rows.add(target("the same by the delivering thread's CPU time per message (engine / client)",
                    cpu.get(PRIMARY).median / cpu.get(client).median, 0.8, true, "x " + PRIMARY + " (" +
                    fmt("%.1f", cpu.get(client).median) + " vs " + fmt("%.1f", cpu.get(PRIMARY).median) + " ns)"));
            }
        }
        final String sequenced = client + JetSocketClientAdapter.SEQUENCED_SUFFIX;
        if (push.containsKey(client) && push.containsKey(sequenced))
        {
            final double ratio = push.get(sequenced).median / push.get(client).median;
            rows.add(new String[] {"client push 128 B with sequence tracking on (SequencedFeed) / without",
                fmt("%.2f", ratio) + " x " + client, "measured (no target)"});
        }
        final Stats heap = byClient(fanIn, (r) -> r.number("heap_per_conn")).get(client);
        if (null != heap)
        {
            rows.add(target("client heap per idle connection <= 3 KiB", heap.median, 3072, false, "B"));
        }
    }

    private static String[] target(
        final String name, final double value, final double goal, final boolean atLeast, final String unit)
    {
        final boolean met = atLeast ? value >= goal : value <= goal;
        final String measured = ("B".equals(unit) ? fmt("%,.0f", value) + " B" : fmt("%.2f", value) + " " + unit);
        final String verdict = met ? "met" : "missed by " + fmt("%.0f", Math.abs(value / goal - 1) * 100) + " %";
        return new String[] {name, measured, verdict};
    }

    private List<RunResult> forLabel(final String label)
    {
        return results.stream().filter((r) -> r.spec().label().equals(label)).toList();
    }

    private void failures(final StringBuilder md)
    {
        final List<RunResult> failed = results.stream().filter((r) -> !r.ok()).toList();
        if (failed.isEmpty())
        {
            return;
        }
        md.append("## Failed runs\n\n");
        for (final RunResult r : failed)
        {
            md.append("- ").append(r.spec().label()).append(' ').append(r.client()).append(" rep ").append(r.rep())
                .append(": ").append(r.error()).append('\n');
        }
        md.append('\n');
    }

    static String progressLine(final RunResult r)
    {
        if (!r.ok())
        {
            return "FAILED: " + r.error();
        }
        switch (r.spec().workload())
        {
            case "push":
                return fmt("%.2f M msg/s, %.0f MB/s, ", r.number("msgs_per_s") / 1e6, r.number("mb_per_s")) +
                    bytes(r.number("alloc_per_msg")) + " B/msg" +
                    (r.spec().tls() || r.spec().deflate() ? fmt(", %.1f wire B/msg", r.number("wire_bytes_per_msg")) :
                    "") + (r.spec().deflate() ? ", compressed=" + r.values().get("compressed") : "");
            case "rtt":
                return fmt("p50 %.1f us, p99 %.1f us, p99.9 %.0f us, max %.0f us", r.number("p50_ns") / 1e3,
                    r.number("p99_ns") / 1e3, r.number("p999_ns") / 1e3, r.number("max_ns") / 1e3);
            case "idle":
                return fmt("%,.0f idle connections: process %.2f %% of a core, engine thread %.2f %%, busiest ",
                    r.number("connections"), r.number("cpu_pct"), r.number("engine_cpu_pct")) +
                    r.values().get("busiest_thread") + fmt(" %.2f %%", r.number("busiest_cpu_pct"));
            case "pong":
                return fmt("%.0f/%.0f pongs, delay p50 %,.0f us, p99 %,.0f us, max %,.0f us, frames between p50 %.0f " +
                    "max %.0f, %.0f MB/s read", r.number("pongs"), r.number("pings"), r.number("delay_p50_us"),
                    r.number("delay_p99_us"), r.number("delay_max_us"), r.number("frames_p50"),
                    r.number("frames_max"), r.number("mb_per_s"));
            default:
                return fmt("%,.0f open in %.0f ms, heap %,.0f B/conn, direct %,.0f B/conn, %.0f threads added, " +
                    "storm: all receiving in %.0f ms", r.number("connections"), r.number("open_ms"),
                    r.number("heap_per_conn"), r.number("direct_per_conn"), r.number("threads_added"),
                    r.number("storm_receiving_ms"));
        }
    }

    static String csv(final List<RunResult> results)
    {
        final Set<String> keys = new LinkedHashSet<>();
        results.forEach((r) -> keys.addAll(r.values().keySet()));
        keys.remove("client");
        keys.remove("workload");
        final StringBuilder csv = new StringBuilder("label,client,rep,wall_s,error");
        keys.forEach((k) -> csv.append(',').append(k));
        csv.append('\n');
        for (final RunResult r : results)
        {
            csv.append(r.spec().label()).append(',').append(r.client()).append(',').append(r.rep()).append(',')
                .append(fmt("%.2f", r.wallSeconds())).append(',')
                .append(null == r.error() ? "" : '"' + r.error().replace('"', '\'') + '"');
            for (final String key : keys)
            {
                csv.append(',').append(r.values().getOrDefault(key, ""));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String range(final Stats s, final double scale, final String format)
    {
        if (null == s)
        {
            return "-";
        }
        final String median = fmt(format, s.median * scale);
        return s.count < 2 ? median :
            median + " (" + fmt(format, s.min * scale) + "-" + fmt(format, s.max * scale) + ")";
    }

    static String ratio(final double value, final double base)
    {
        return Double.isNaN(value) || Double.isNaN(base) || 0 == base ? "-" : fmt("%.2f", value / base);
    }

    static String bytes(final double value)
    {
        return Double.isNaN(value) ? "-" : value < 10 ? fmt("%.2f", value) : fmt("%,.0f", value);
    }

    static String fmt(final String format, final Object... args)
    {
        return String.format(Locale.ROOT, format, args);
    }
}
