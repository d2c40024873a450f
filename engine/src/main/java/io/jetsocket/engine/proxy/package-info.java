/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Tunnels through proxies on the raw socket before TLS and the upgrade: HTTP CONNECT (with basic credentials) and
 * SOCKS5 (with username and password). Internal: applications configure proxies with
 * {@link io.jetsocket.engine.ProxyConfig}; this package is not exported by the engine's module.
 */
package io.jetsocket.engine.proxy;
