/**
 * The user-facing JetSocket client (reconnect, heartbeat, buffering, replay, codecs) layered over
 * {@code io.jetsocket.engine}. Not yet built: see the client issue.
 */
package io.jetsocket.client;
