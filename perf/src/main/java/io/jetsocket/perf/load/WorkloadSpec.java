/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.util.ArrayList;
import java.util.List;

/**
 * One workload of a run: what the client JVM is asked to do.
 *
 * @param label       short name (push128, rtt64, fanin, idle1, idle1k, pong16k).
 * @param workload    the client's workload: push, rtt, fanin, idle or pong.
 * @param size        message size in bytes.
 * @param warmup      messages or round trips before measuring.
 * @param count       messages or round trips measured; pong: pings.
 * @param connections fan-in and idle connections.
 * @param steadyMs    fan-in: trickle time before the memory is measured; idle: the measured idle time; pong: the
 *                    interval between pings; rtt: the pause in microseconds between an echo and the next send,
 *                    made by a thread of the workload's own (0: the next send from the delivery callback).
 * @param binary      push: binary frames instead of text (no UTF-8 validation anywhere).
 * @param warmupSeconds  rtt: the warm-up ends after this many seconds if {@code warmup} round trips take longer.
 * @param measureSeconds rtt: the measurement ends after this many seconds if {@code count} take longer.
 * @param tls         push: over TLS ({@code wss://}) to the feed server's TLS listener.
 * @param deflate     push: the client offers permessage-deflate and the server sends pre-compressed frames
 *                    when it is negotiated.
 */
record WorkloadSpec(String label, String workload, int size, long warmup, long count, int connections, long steadyMs,
    boolean binary, long warmupSeconds, long measureSeconds, boolean tls, boolean deflate)
{
    static WorkloadSpec push(final int size, final long warmup, final long count)
    {
        return new WorkloadSpec(
            "push" + sizeLabel(size), "push", size, warmup, count, 0, 0, false, 0, 0, false, false);
    }

    static WorkloadSpec pushBinary(final int size, final long warmup, final long count)
    {
        return new WorkloadSpec(
            "push" + sizeLabel(size) + "bin", "push", size, warmup, count, 0, 0, true, 0, 0, false, false);
    }

    /**
     * push over TLS: the same text frames, written through the feed server's TLS listener.
     */
    static WorkloadSpec pushTls(final int size, final long warmup, final long count)
    {
        return new WorkloadSpec(
            "push" + sizeLabel(size) + "tls", "push", size, warmup, count, 0, 0, false, 0, 0, true, false);
    }

    /**
     * push compressed: permessage-deflate offered by the client; the server answers with
     * {@code server_no_context_takeover} and sends each message deflated once, ahead of time.
     */
    static WorkloadSpec pushDeflate(final int size, final long warmup, final long count)
    {
        return new WorkloadSpec(
            "push" + sizeLabel(size) + "z", "push", size, warmup, count, 0, 0, false, 0, 0, false, true);
    }

    static WorkloadSpec rtt(final int size, final long warmup, final long count)
    {
        return rtt(size, warmup, count, 60, 120);
    }

    static WorkloadSpec rtt(
        final int size, final long warmup, final long count, final long warmupSeconds, final long measureSeconds)
    {
        return new WorkloadSpec(
            "rtt" + sizeLabel(size), "rtt", size, warmup, count, 0, 0, false, warmupSeconds, measureSeconds, false,
            false);
    }

    /**
     * rtt with a pause: the next send {@code gapUs} after each echo, from a thread of the workload's own, so that
     * every round trip starts with the library idle.
     */
    static WorkloadSpec rttGap(final int size, final long warmup, final long count, final long gapUs,
        final long warmupSeconds, final long measureSeconds)
    {
        final String gap = gapUs >= 1000 && 0 == gapUs % 1000 ? (gapUs / 1000) + "ms" : gapUs + "us";
        return new WorkloadSpec("rtt" + sizeLabel(size) + "gap" + gap, "rtt", size, warmup, count, 0, gapUs, false,
            warmupSeconds, measureSeconds, false, false);
    }

    static WorkloadSpec fanIn(final int connections, final long steadyMs)
    {
        return new WorkloadSpec("fanin", "fanin", 128, 0, 0, connections, steadyMs, false, 0, 0, false, false);
    }

    /**
     * idle: {@code connections} open, silent connections; the client's CPU is measured over {@code idleMs}.
     */
    static WorkloadSpec idle(final int connections, final long idleMs)
    {
        final String n = connections >= 1000 && 0 == connections % 1000 ? (connections / 1000) + "k" :
            Integer.toString(connections);
        return new WorkloadSpec("idle" + n, "idle", 128, 0, 0, connections, idleMs, false, 0, 0, false, false);
    }

    /**
     * pong: {@code pings} pings, one every {@code pingMs}, while the client saturates the connection with binary
     * messages of {@code size} bytes.
     */
    static WorkloadSpec pong(final int size, final long pings, final long pingMs)
    {
        return new WorkloadSpec("pong" + sizeLabel(size), "pong", size, 0, pings, 1, pingMs, false, 0, 0, false,
            false);
    }

    static String sizeLabel(final int size)
    {
        return size >= 1024 && 0 == size % 1024 ? (size / 1024) + "k" : Integer.toString(size);
    }

    String title()
    {
        switch (workload)
        {
            case "push":
                return "push " + sizeText(size) + (binary ? " binary" : "") + (tls ? " over TLS" : "") +
                    (deflate ? " compressed (permessage-deflate)" : "");
            case "rtt":
                return "rtt " + sizeText(size) + (steadyMs > 0 ? ", sent " + (steadyMs >= 1000 ?
                    steadyMs / 1000 + " ms" : steadyMs + " us") + " after each echo by another thread" : "");
            case "idle":
                return "idle CPU, " + String.format(java.util.Locale.ROOT, "%,d", connections) + " open connection" +
                    (1 == connections ? "" : "s");
            case "pong":
                return "pong latency under a saturating sender of " + sizeText(size) + " binary messages";
            default:
                return "fan-in and reconnect storm";
        }
    }

    static String sizeText(final int size)
    {
        return size >= 1024 && 0 == size % 1024 ? (size / 1024) + " KiB" : size + " B";
    }

    /**
     * The client's command-line options for this workload.
     *
     * @param connectionsForClient fan-in connections for this client (capped for thread-per-connection ones).
     * @return the options.
     */
    List<String> clientArgs(final int connectionsForClient)
    {
        final List<String> args = new ArrayList<>(List.of("--workload", workload, "--size", Integer.toString(size)));
        if ("idle".equals(workload))
        {
            args.addAll(List.of("--connections", Integer.toString(connections), "--idle-ms", Long.toString(steadyMs)));
        }
        else if ("pong".equals(workload))
        {
            args.addAll(List.of("--pings", Long.toString(count), "--ping-ms", Long.toString(steadyMs)));
        }
        else if ("fanin".equals(workload))
        {
            args.addAll(List.of("--connections", Integer.toString(connectionsForClient),
                "--steady-ms", Long.toString(steadyMs)));
        }
        else
        {
            args.addAll(List.of("--warmup", Long.toString(warmup), "--count", Long.toString(count)));
            if (binary)
            {
                args.addAll(List.of("--binary", "true"));
            }
            if (tls)
            {
                args.addAll(List.of("--tls", "true"));
            }
            if (deflate)
            {
                args.addAll(List.of("--deflate", "true"));
            }
            if ("rtt".equals(workload))
            {
                args.addAll(List.of("--warmup-s", Long.toString(warmupSeconds),
                    "--measure-s", Long.toString(measureSeconds)));
                if (steadyMs > 0)
                {
                    args.addAll(List.of("--gap-us", Long.toString(steadyMs)));
                }
            }
        }
        return args;
    }
}
