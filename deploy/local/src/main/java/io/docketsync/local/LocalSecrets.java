package io.docketsync.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The local run's own secrets, made on its first start and kept in its home's {@code keys/} folder (like the JWT key
 * pair): the credential the sync-worker presents to connector-service's internal API, and the AES-256 key that seals
 * users' Office 365 tokens at rest. No service of the local run uses a secret that ships with docketsync.
 */
final class LocalSecrets {
    static final String TOKEN_KEY_ID = "local-run";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /** What every service of the local run gets: it may keep the embedded servers' and the simulator's values. */
    static Map<String, String> commonEnv() {
        return Map.of("DOCKETSYNC_LOCAL_RUN", "true");
    }

    /** Each secret goes only to the services that use it (least privilege, as in production): service → env. */
    static Map<String, Map<String, String>> serviceEnv(Path keys) throws IOException {
        String credential = readOrCreate(keys.resolve("internal-credential"), 32, Base64.getUrlEncoder().withoutPadding());
        String tokenKey = readOrCreate(keys.resolve("token-key"), 32, Base64.getEncoder());
        return Map.of(
                "connector-service", Map.of(
                        "DOCKETSYNC_INTERNAL_CREDENTIAL", credential,
                        "DOCKETSYNC_CONNECTOR_TOKEN_KEYS", TOKEN_KEY_ID + "=" + tokenKey,
                        "DOCKETSYNC_CONNECTOR_ACTIVE_KEY_ID", TOKEN_KEY_ID),
                "sync-worker", Map.of("DOCKETSYNC_INTERNAL_CREDENTIAL", credential));
    }

    private static String readOrCreate(Path file, int bytes, Base64.Encoder encoding) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        String value = encoding.encodeToString(secret);
        Files.writeString(file, value + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions apply
        }
        return value;
    }
}
