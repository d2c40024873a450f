/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Client events: {@link io.jetsocket.client.event.EventType} and one record per event, each with its fields and
 * a timestamp. Handlers run on the engine thread: they must not block, or every connection of that engine
 * waits.
 */
package io.jetsocket.client.event;
