/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Engine counters on Agrona's {@code CountersManager}: {@link io.jetsocket.engine.status.EngineCounters} (written
 * by the engine thread, in memory or in a memory-mapped {@link io.jetsocket.engine.status.CountersFile}),
 * {@link io.jetsocket.engine.status.EngineCountersReader} (reads them from any thread or process) and
 * {@link io.jetsocket.engine.status.EngineStat} (prints them).
 */
package io.jetsocket.engine.status;
