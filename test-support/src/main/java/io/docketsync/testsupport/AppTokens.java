package io.docketsync.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs the bearer tokens the docketsync APIs accept (RS256; {@code sub} = user id, {@code firm} = firm id,
 * {@code groups} = roles). In production the firm's identity provider issues them; this is for tests and
 * the local run, whose services are configured with the matching public key.
 */
public final class AppTokens {
    public static final String LOCAL_ISSUER = "docketsync-local";
    private final PrivateKey privateKey;
    private final String publicKeyPem;
    private final String issuer;

    private AppTokens(PrivateKey privateKey, String publicKeyPem, String issuer) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
        this.issuer = issuer;
    }

    public static AppTokens generate(String issuer) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            return new AppTokens(pair.getPrivate(), pem("PUBLIC KEY", pair.getPublic().getEncoded()), issuer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys kept in a folder ({@code app-jwt.key.pem}, {@code app-jwt.pub.pem}), created on first use. */
    public static AppTokens inFolder(Path folder, String issuer) {
        Path privateFile = folder.resolve("app-jwt.key.pem");
        Path publicFile = folder.resolve("app-jwt.pub.pem");
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(folder);
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new AppTokens(key, Files.readString(publicFile), issuer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read or create the token keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    public String issuer() {
        return issuer;
    }

    public String token(String userId, String firmId, List<String> roles) {
        return token(userId, firmId, roles, Duration.ofHours(8));
    }

    public String token(String userId, String firmId, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        String groups = roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(",", "[", "]"));
        String claims = "{\"iss\":\"" + json(issuer) + "\",\"sub\":\"" + json(userId) + "\",\"upn\":\"" + json(userId)
                + "\",\"firm\":\"" + json(firmId) + "\",\"groups\":" + groups + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(lifetime).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return signed(claims);
    }

    /** A token with exactly these claims (a JSON object), properly signed: for tests of odd or missing claims. */
    public String signed(String claims) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
