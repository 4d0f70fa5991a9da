package io.docketsync.web;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The local run's demo users and their bearer tokens, signed with the key pair the local run made (the services
 * trust its public half there). Exists only when {@code docketsync.web.demo.enabled}; a deployment has no such key.
 */
@ApplicationScoped
public class DemoTokens {
    public record DemoUser(String id, List<String> roles) {
    }

    public record Signed(String token, long expiresAt) {
    }

    @Inject
    WebConfig config;

    private volatile PrivateKey key;

    /** A local run that turns demo sign-in on without its key fails at start, not at the first sign-in. */
    void checkAtStart(@Observes StartupEvent start) {
        if (config.demo().enabled()) {
            key();
        }
    }

    public List<DemoUser> users() {
        return config.demo().users().stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            String[] parts = s.split(":", 2);
            List<String> roles = parts.length < 2 ? List.of()
                    : Arrays.stream(parts[1].split("\\+")).map(String::trim).filter(r -> !r.isEmpty()).toList();
            return new DemoUser(parts[0].trim(), roles);
        }).toList();
    }

    public Optional<Signed> sign(String userId) {
        if (!config.demo().enabled()) {
            return Optional.empty();
        }
        return users().stream().filter(u -> u.id().equals(userId)).findFirst().map(u -> {
            long now = System.currentTimeMillis() / 1000;
            long expires = now + config.demo().tokenLifetime().toSeconds();
            String token = Jwt.issuer(config.demo().issuer()).subject(u.id()).upn(u.id())
                    .claim("firm", config.demo().firm()).groups(new LinkedHashSet<>(u.roles()))
                    .issuedAt(now).expiresAt(expires).jws().sign(key());
            return new Signed(token, expires);
        });
    }

    private PrivateKey key() {
        if (key == null) {
            Path file = config.demo().keys().resolve("app-jwt.key.pem");
            try {
                byte[] der = Base64.getMimeDecoder().decode(Files.readString(file)
                        .replaceAll("-----[A-Z ]+-----", "").trim());
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception e) {
                throw new IllegalStateException("demo sign-in is on but " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return key;
    }
}
