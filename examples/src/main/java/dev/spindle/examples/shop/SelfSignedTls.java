package dev.spindle.examples.shop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away TLS identity for {@code --tls}: a self-signed EC key for {@code localhost} and
 * {@code 127.0.0.1}, made by the JDK's {@code keytool} in a temporary directory, plus its
 * certificate in PEM so {@code curl --cacert} can trust it. In production, load your real key store
 * instead.
 *
 * @param context the server's TLS context, for {@code HttpServer.Builder.tls}
 * @param certificate the certificate, PEM
 */
record SelfSignedTls(SSLContext context, Path certificate) {
    private static final String PASSWORD = "changeit";

    /** Makes the key with keytool (a second or two). */
    static SelfSignedTls create() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("spindle-shop-tls");
        Path keystore = dir.resolve("shop.p12");
        Path certificate = dir.resolve("shop.pem");
        keytool("-genkeypair", "-alias", "shop", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "shop", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return new SelfSignedTls(context, certificate);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String[] command = new String[args.length + 1];
        command[0] = keytool;
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
