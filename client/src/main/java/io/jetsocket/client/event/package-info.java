/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Client events: {@link io.jetsocket.client.event.EventType} and one record per event of the seeds, each with
 * its fields and a timestamp. Handlers run on the engine thread.
 */
package io.jetsocket.client.event;
