/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Certificates for the TLS tests, made in memory with the JDK's key and signature classes and a small DER writer
 * of our own (no keytool, no files unless a test asks for PEM): a test CA, server certificates it signs (valid for
 * 127.0.0.1 and localhost, for another host only, expired), and a server certificate from a CA nobody trusts.
 * Made once per JVM.
 */
final class TestPki
{
    static final char[] PASSWORD = "changeit".toCharArray();

    private static final byte[] OID_ECDSA_SHA256 = {0x2A, (byte)0x86, 0x48, (byte)0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] OID_BASIC_CONSTRAINTS = {0x55, 0x1D, 0x13};
    private static final byte[] OID_SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
        .withZone(ZoneOffset.UTC);
    private static final TestPki INSTANCE = new TestPki();

    private final SecureRandom random = new SecureRandom();
    final Identity ca;
    final Identity localhost;
    final Identity wrongHost;
    final Identity expired;
    final Identity untrusted;

    /**
     * A key and the certificate chain that goes with it (leaf first).
     */
    record Identity(PrivateKey key, List<X509Certificate> chain)
    {
        /**
         * A server-side context presenting this identity.
         */
        SSLContext serverContext()
        {
            try
            {
                final KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, PASSWORD, chain.toArray(new X509Certificate[0]));
                final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD);
                final SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            }
            catch (final GeneralSecurityException | IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        /**
         * Write the key (PKCS#8) and the chain as PEM files, for servers out of process.
         *
         * @return {key file, certificate chain file}.
         */
        Path[] writePem(final Path directory, final String name)
        {
            try
            {
                final Path keyFile = directory.resolve(name + "-key.pem");
                final Path certFile = directory.resolve(name + "-cert.pem");
                Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
                final StringBuilder certs = new StringBuilder();
                for (final X509Certificate certificate : chain)
                {
                    certs.append(pem("CERTIFICATE", certificate.getEncoded()));
                }
                Files.writeString(certFile, certs);
                return new Path[]{keyFile, certFile};
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    private TestPki()
    {
        try
        {
            final Instant now = Instant.now();
            final Instant from = now.minus(Duration.ofDays(1));
            final Instant to = now.plus(Duration.ofDays(30));
            final KeyPair caKeys = newKeyPair();
            final X509Certificate caCert = certificate("JetSocket Test CA", caKeys.getPublic(), "JetSocket Test CA",
                caKeys.getPrivate(), from, to, true, List.of(), List.of());
            ca = new Identity(caKeys.getPrivate(), List.of(caCert));
            localhost = leaf("localhost", from, to, List.of("localhost"), List.of("127.0.0.1"), ca);
            wrongHost = leaf("wrong.example.com", from, to, List.of("wrong.example.com"), List.of(), ca);
            expired = leaf("localhost", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
                List.of("localhost"), List.of("127.0.0.1"), ca);
            final KeyPair rogueKeys = newKeyPair();
            final X509Certificate rogueCert = certificate("Rogue CA", rogueKeys.getPublic(), "Rogue CA",
                rogueKeys.getPrivate(), from, to, true, List.of(), List.of());
            untrusted = leaf("localhost", from, to, List.of("localhost"), List.of("127.0.0.1"),
                new Identity(rogueKeys.getPrivate(), List.of(rogueCert)));
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new IllegalStateException("cannot make the test certificates", ex);
        }
    }

    static TestPki get()
    {
        return INSTANCE;
    }

    /**
     * A client context that trusts the test CA only.
     */
    SSLContext clientContext()
    {
        try
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.chain().get(0));
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Identity leaf(
        final String commonName,
        final Instant from,
        final Instant to,
        final List<String> dnsNames,
        final List<String> ipAddresses,
        final Identity issuer) throws GeneralSecurityException, IOException
    {
        final KeyPair keys = newKeyPair();
        final X509Certificate issuerCert = issuer.chain().get(0);
        final String issuerName = issuerCert.getSubjectX500Principal().getName().substring(3); // "CN=..."
        final X509Certificate cert = certificate(commonName, keys.getPublic(), issuerName, issuer.key(), from, to,
            false, dnsNames, ipAddresses);
        return new Identity(keys.getPrivate(), List.of(cert, issuerCert));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private X509Certificate certificate(
        final String subject,
        final PublicKey subjectKey,
        final String issuer,
        final PrivateKey issuerKey,
        final Instant notBefore,
        final Instant notAfter,
        final boolean ca,
        final List<String> dnsNames,
        final List<String> ipAddresses) throws GeneralSecurityException, IOException
    {
        final byte[] algorithm = der(0x30, der(0x06, OID_ECDSA_SHA256));
        final byte[] serial = new byte[9];
        random.nextBytes(serial);
        serial[0] = 0x01;
        final ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extensions.write(der(0x30, der(0x06, OID_BASIC_CONSTRAINTS), der(0x01, new byte[]{(byte)0xFF}),
            der(0x04, ca ? der(0x30, der(0x01, new byte[]{(byte)0xFF})) : der(0x30))));
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty())
        {
            final ByteArrayOutputStream names = new ByteArrayOutputStream();
            for (final String dns : dnsNames)
            {
                names.write(der(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
            }
            for (final String ip : ipAddresses)
            {
                names.write(der(0x87, InetAddress.getByName(ip).getAddress()));
            }
            extensions.write(der(0x30, der(0x06, OID_SUBJECT_ALT_NAME), der(0x04, der(0x30, names.toByteArray()))));
        }
        final byte[] tbs = der(0x30,
            der(0xA0, der(0x02, new byte[]{2})),
            der(0x02, new BigInteger(serial).toByteArray()),
            algorithm,
            name(issuer),
            der(0x30, der(0x17, UTC_TIME.format(notBefore).getBytes(StandardCharsets.US_ASCII)),
                der(0x17, UTC_TIME.format(notAfter).getBytes(StandardCharsets.US_ASCII))),
            name(subject),
            subjectKey.getEncoded(),
            der(0xA3, der(0x30, extensions.toByteArray())));
        final Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(issuerKey);
        signature.update(tbs);
        final byte[] signed = signature.sign();
        final byte[] bitString = new byte[signed.length + 1];
        System.arraycopy(signed, 0, bitString, 1, signed.length);
        final byte[] encoded = der(0x30, tbs, algorithm, der(0x03, bitString));
        return (X509Certificate)CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(encoded));
    }

    private static byte[] name(final String commonName)
    {
        return der(0x30, der(0x31, der(0x30, der(0x06, OID_COMMON_NAME),
            der(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    /**
     * One DER element: tag, definite length, then the contents concatenated.
     */
    private static byte[] der(final int tag, final byte[]... contents)
    {
        int length = 0;
        for (final byte[] content : contents)
        {
            length += content.length;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80)
        {
            out.write(length);
        }
        else if (length < 0x100)
        {
            out.write(0x81);
            out.write(length);
        }
        else
        {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        for (final byte[] content : contents)
        {
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
