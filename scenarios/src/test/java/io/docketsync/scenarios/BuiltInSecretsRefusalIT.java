package io.docketsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service, started as production starts it (java -jar, the prod profile) with the secrets that ship in its
 * application.properties, refuses to start and names the variables to supply. No database or broker is needed for
 * that: schema validation and migrations are switched off, so the start gets as far as the check.
 */
class BuiltInSecretsRefusalIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "activity-service  | DOCKETSYNC_JWT_ISSUER, DOCKETSYNC_JWT_PUBLIC_KEY, DOCKETSYNC_DB_PASSWORD",
        "settings-service  | DOCKETSYNC_JWT_ISSUER, DOCKETSYNC_JWT_PUBLIC_KEY, DOCKETSYNC_DB_PASSWORD",
        "connector-service | DOCKETSYNC_INTERNAL_CREDENTIAL, DOCKETSYNC_CONNECTOR_TOKEN_KEYS, DOCKETSYNC_ENTRA_CLIENT_SECRET",
        "sync-worker       | DOCKETSYNC_INTERNAL_CREDENTIAL, DOCKETSYNC_ENTRA_CLIENT_SECRET, DOCKETSYNC_JWT_ISSUER",
    })
    void aServiceStartedWithBuiltInSecretsRefusesToStartAndSaysWhichOnes(String service, String named)
            throws Exception {
        Path jar = Docketsync.repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is not built");
        Path log = Files.createTempFile("refusal-" + service, ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKETSYNC_") || k.startsWith("QUARKUS_"));
        pb.environment().put("QUARKUS_HTTP_PORT", "0");
        pb.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        pb.environment().put("QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY", "none");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), service + " neither started nor stopped in 120 s");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertNotEquals(0, p.exitValue(), service + " started with built-in secrets:\n" + tail(output));
        assertTrue(output.contains(service + " refuses to start: "), "no refusal:\n" + tail(output));
        for (String variable : List.of(named.split(",\\s*"))) {
            assertTrue(output.contains(variable), service + " does not name " + variable + ":\n" + tail(output));
        }
        Files.deleteIfExists(log);
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
