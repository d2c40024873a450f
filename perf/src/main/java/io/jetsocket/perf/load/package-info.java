/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The end-to-end load tool: a local feed server ({@link io.jetsocket.perf.load.FeedServer}), one client JVM
 * per run ({@link io.jetsocket.perf.load.LoadClient}) driving the same workloads through JetSocket, other
 * Java WebSocket clients and a raw-socket floor, and the runner that starts them, pinned, in an
 * interleaved order and writes the summary ({@link io.jetsocket.perf.load.LoadRunner}). Start it with
 * {@code perf/run.sh}.
 */
package io.jetsocket.perf.load;
