/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Messages compressed outside RFC 7692: venues that send every message as a gzip, zlib or raw-deflate binary frame
 * (Huobi/HTX, OKX v3). {@link io.jetsocket.client.compression.PayloadInflater} inflates them on the engine thread,
 * into one reused buffer bounded by the client's message size limit, before any handler sees them. The format
 * parsing lives here, apart from the client's dispatch; the package is internal (not exported), the option is
 * {@link io.jetsocket.client.config.PayloadCompression}.
 */
package io.jetsocket.client.compression;
