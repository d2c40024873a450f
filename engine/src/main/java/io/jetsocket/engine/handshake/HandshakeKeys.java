/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Sec-WebSocket-Key nonce and the Sec-WebSocket-Accept value derived from it (RFC 6455 §4.1, §4.2.2).
 */
public final class HandshakeKeys
{
    /** GUID appended to the key before hashing (RFC 6455 §1.3). */
    public static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Number of random bytes in a key. */
    public static final int KEY_BYTES = 16;

    /** Length of a key once base64-encoded: 16 bytes give 24 characters. */
    public static final int KEY_LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private HandshakeKeys()
    {
    }

    /**
     * A fresh Sec-WebSocket-Key: 16 bytes from a shared {@link SecureRandom}, base64-encoded. Use a new key for every
     * handshake attempt, retries included.
     *
     * @return a 24-character base64 key.
     */
    public static String newKey()
    {
        final byte[] nonce = new byte[KEY_BYTES];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * The Sec-WebSocket-Accept value a server must answer for a key: base64(SHA-1(key + GUID)).
     *
     * @param key the Sec-WebSocket-Key sent.
     * @return the expected Sec-WebSocket-Accept value.
     */
    public static String acceptFor(final String key)
    {
        if (null == key)
        {
            throw new IllegalArgumentException("key must not be null");
        }
        final MessageDigest sha1;
        try
        {
            sha1 = MessageDigest.getInstance("SHA-1");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 is not available in this JVM", ex);
        }
        final byte[] digest = sha1.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Is the value a well-formed key: 24 base64 characters that decode to 16 bytes?
     *
     * @param key to check, may be null.
     * @return true when the key may be sent.
     */
    public static boolean isValidKey(final String key)
    {
        if (null == key || key.length() != KEY_LENGTH || !key.endsWith("=="))
        {
            return false;
        }
        for (int i = 0; i < KEY_LENGTH - 2; i++)
        {
            final char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            {
                return false;
            }
        }
        return true;
    }
}
