/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A runnable demo of the Aeron bridge: a local feed server, the feed handler publishing into {@code aeron:ipc} on an
 * embedded media driver, and consumer processes printing rates and latency percentiles. Not exported: it runs from
 * the class path ({@code aeron/demo.sh}).
 */
package io.jetsocket.aeron.demo;
