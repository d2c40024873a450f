/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * permessage-deflate (RFC 7692) with {@code java.util.zip}: negotiation of the parameters
 * ({@link io.jetsocket.engine.deflate.DeflateParameters}), the message deflater, and the inflater that limits the
 * inflated size while inflating (compression bombs end with 1009).
 */
package io.jetsocket.engine.deflate;
