package io.nifiecommerce.it.nifi;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKCS12 keystore with a self-signed certificate for 127.0.0.1 and localhost, made with the running JDK's
 * keytool: what the tests and the demo give the webhook listener's SSL Context Service. The password goes to keytool
 * through its environment, never on a command line.
 */
public record TlsKeystore(Path file, String password) {

    public static final String TYPE = "PKCS12";
    private static final String ALIAS = "webhook-listener";

    public static TlsKeystore generate(final Path file, final String password) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final ProcessBuilder builder = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost, O=nifi-ecommerce tests", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", TYPE, "-keystore", file.toAbsolutePath().toString(),
                "-storepass:env", "KEYSTORE_PASSWORD", "-keypass:env", "KEYSTORE_PASSWORD"))
                .redirectErrorStream(true);
        builder.environment().put("KEYSTORE_PASSWORD", password);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IOException("keytool could not make " + file + ": " + output);
        }
        return new TlsKeystore(file.toAbsolutePath(), password);
    }

    /** Writes a truststore holding this keystore's certificate only: what a listener demanding client certificates trusts in tests. */
    public Path writeTruststore(final Path truststore, final String truststorePassword) throws IOException, GeneralSecurityException {
        final KeyStore keystore = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        final KeyStore trusted = KeyStore.getInstance(TYPE);
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, keystore.getCertificate(ALIAS));
        Files.createDirectories(truststore.toAbsolutePath().getParent());
        try (java.io.OutputStream out = Files.newOutputStream(truststore)) {
            trusted.store(out, truststorePassword.toCharArray());
        }
        return truststore.toAbsolutePath();
    }

    /** A client TLS context that presents this keystore's certificate and trusts it alone: a client of a listener demanding certificates. */
    public SSLContext mutualClientContext() throws IOException, GeneralSecurityException {
        final KeyStore keystore = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        final javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keystore, password.toCharArray());
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trustingClientContextTrust(keystore), null);
        return context;
    }

    private static javax.net.ssl.TrustManager[] trustingClientContextTrust(final KeyStore keystore) throws GeneralSecurityException, IOException {
        final KeyStore trusted = KeyStore.getInstance(TYPE);
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, keystore.getCertificate(ALIAS));
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }

    /** A client TLS context that trusts this keystore's certificate and nothing else. */
    public SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
        final KeyStore keystore = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        final Certificate certificate = keystore.getCertificate(ALIAS);
        final KeyStore trusted = KeyStore.getInstance(TYPE);
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
