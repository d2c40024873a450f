/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of the load tool: a throwaway self-signed certificate for the feed server's loopback TLS
 * listener (an EC P-256 key made by the {@code keytool} of the running JDK, subject {@code CN=localhost}, subject
 * alternative names {@code IP:127.0.0.1} and {@code DNS:localhost}, so that clients keep hostname verification
 * on), and the client side: an {@link SSLContext} that trusts that one certificate and nothing else.
 */
final class LoadTls
{
    /** Password of the throwaway key store: the key guards nothing but a loopback benchmark. */
    static final String PASSWORD = "jetsocket-load";
    static final String KEY_STORE = "feed-server.p12";
    static final String CERTIFICATE = "feed-server.crt";
    private static final String ALIAS = "feed";

    private LoadTls()
    {
    }

    /**
     * Make a new key pair and self-signed certificate in {@code dir}: {@value #KEY_STORE} (PKCS#12, for the
     * server) and {@value #CERTIFICATE} (PEM, for the clients' trust). Files of an earlier run are replaced.
     *
     * @param dir to write into (created if missing).
     * @return the key store's path.
     * @throws IOException if keytool is missing or fails.
     */
    static Path generate(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        final Path keyStore = dir.resolve(KEY_STORE);
        final Path certificate = dir.resolve(CERTIFICATE);
        Files.deleteIfExists(keyStore);
        Files.deleteIfExists(certificate);
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
            "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
            "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
            "-keystore", keyStore.toString(), "-storetype", "PKCS12",
            "-storepass", PASSWORD, "-keypass", PASSWORD));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try
        {
            if (!process.waitFor(60, TimeUnit.SECONDS) || 0 != process.exitValue() || !Files.exists(keyStore))
            {
                process.destroyForcibly();
                throw new IOException("keytool failed: " + output);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", ex);
        }
        try
        {
            final Certificate cert = load(keyStore).getCertificate(ALIAS);
            final String pem = "-----BEGIN CERTIFICATE-----\n" +
                Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()) +
                "\n-----END CERTIFICATE-----\n";
            Files.writeString(certificate, pem, StandardCharsets.US_ASCII);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
        return keyStore;
    }

    /**
     * The PEM certificate next to a key store made by {@link #generate(Path)}.
     *
     * @param keyStore the key store.
     * @return the certificate's path.
     */
    static Path certificateOf(final Path keyStore)
    {
        return keyStore.resolveSibling(CERTIFICATE);
    }

    /**
     * The server's context: the key store's key and certificate, the JDK's default protocols and suites.
     *
     * @param keyStore from {@link #generate(Path)}.
     * @return the context.
     * @throws IOException if the key store cannot be read.
     */
    static SSLContext serverContext(final Path keyStore) throws IOException
    {
        try
        {
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
    }

    /**
     * A client context that trusts the one certificate in the file, with the JDK's default protocols, suites and
     * (in each library) hostname verification.
     *
     * @param certificate PEM or DER file.
     * @return the context.
     * @throws IOException if the file cannot be read.
     */
    static SSLContext clientContext(final Path certificate) throws IOException
    {
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(certificate)}, null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
    }

    /**
     * The trust manager of {@link #clientContext(Path)} (OkHttp wants it next to the socket factory).
     *
     * @param certificate PEM or DER file.
     * @return a PKIX trust manager with the one certificate as its only anchor.
     * @throws IOException if the file cannot be read.
     */
    static X509TrustManager trustManager(final Path certificate) throws IOException
    {
        try (InputStream in = Files.newInputStream(certificate))
        {
            final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, CertificateFactory.getInstance("X.509").generateCertificate(in));
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            for (final TrustManager manager : factory.getTrustManagers())
            {
                if (manager instanceof X509TrustManager)
                {
                    return (X509TrustManager)manager;
                }
            }
            throw new IOException("no X509TrustManager");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
    }

    private static KeyStore load(final Path keyStore) throws IOException
    {
        try (InputStream in = Files.newInputStream(keyStore))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
    }
}
