/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * RFC 6455 framing: the zero-copy {@link io.jetsocket.engine.frame.FrameDecoder} (every section 5 check decided from
 * the header, fragments reassembled once, incremental UTF-8 validation), the
 * {@link io.jetsocket.engine.frame.FrameEncoder} with masking eight bytes per step, opcodes and close codes.
 * {@code CloseCode} and {@code Opcode} are public API; the codec classes are public for the benchmarks and tests.
 */
package io.jetsocket.engine.frame;
