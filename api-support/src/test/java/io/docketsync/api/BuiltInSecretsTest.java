package io.docketsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each service, started outside the local run with the values its application.properties ships, is refused. */
class BuiltInSecretsTest {
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}");

    /** The service's application.properties as it runs with no environment: ${ENV:default} is the default. */
    private static Map<String, String> shipped(String service) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("..", service, "src/main/resources/application.properties"))) {
            p.load(in);
        }
        Map<String, String> values = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> {
            Matcher m = DEFAULTED.matcher(p.getProperty(k));
            values.put(k, m.replaceAll(r -> Matcher.quoteReplacement(r.group(1))));
        });
        // one level of ${other.key} references, as in quarkus.oidc-client.credentials.secret
        values.replaceAll((k, v) -> v.startsWith("${") && v.endsWith("}")
                ? values.getOrDefault(v.substring(2, v.length() - 1), v) : v);
        return values;
    }

    private static List<String> refused(String service, boolean localRun) throws IOException {
        Map<String, String> values = shipped(service);
        return BuiltInSecrets.refused(key -> Optional.ofNullable(values.get(key)), localRun);
    }

    @Test
    void connectorServiceRefusesEveryBuiltInSecret() throws IOException {
        assertEquals(List.of("DOCKETSYNC_INTERNAL_CREDENTIAL", "DOCKETSYNC_CONNECTOR_TOKEN_KEYS",
                "DOCKETSYNC_ENTRA_CLIENT_SECRET", "DOCKETSYNC_JWT_ISSUER", "DOCKETSYNC_JWT_PUBLIC_KEY",
                "DOCKETSYNC_DB_PASSWORD"), refused("connector-service", false));
    }

    @Test
    void syncWorkerRefusesEveryBuiltInSecret() throws IOException {
        assertEquals(List.of("DOCKETSYNC_INTERNAL_CREDENTIAL", "DOCKETSYNC_ENTRA_CLIENT_SECRET",
                "DOCKETSYNC_JWT_ISSUER", "DOCKETSYNC_JWT_PUBLIC_KEY", "DOCKETSYNC_DB_PASSWORD"),
                refused("sync-worker", false));
    }

    @Test
    void activityAndSettingsServiceRefuseTheLocalJwtKeyAndDatabasePassword() throws IOException {
        List<String> expected = List.of("DOCKETSYNC_JWT_ISSUER", "DOCKETSYNC_JWT_PUBLIC_KEY", "DOCKETSYNC_DB_PASSWORD");
        assertEquals(expected, refused("activity-service", false));
        assertEquals(expected, refused("settings-service", false));
    }

    @Test
    void theLocalRunStillNeedsItsOwnCredentialAndTokenKey() throws IOException {
        assertEquals(List.of("DOCKETSYNC_INTERNAL_CREDENTIAL", "DOCKETSYNC_CONNECTOR_TOKEN_KEYS"),
                refused("connector-service", true));
        assertEquals(List.of("DOCKETSYNC_INTERNAL_CREDENTIAL"), refused("sync-worker", true));
        assertEquals(List.of(), refused("activity-service", true));
    }

    @Test
    void ownValuesPassAndEmptyOnesDoNot() {
        Map<String, String> own = Map.of("docketsync.connector.internal-credential", "from-the-vault",
                "docketsync.connector.token-keys", "k1=AAAA", "quarkus.datasource.password", " ");
        assertEquals(List.of("DOCKETSYNC_DB_PASSWORD"),
                BuiltInSecrets.refused(k -> Optional.ofNullable(own.get(k)), false));
    }

    @Test
    void theMessageNamesEveryVariableToSupply() {
        String m = BuiltInSecrets.message("connector-service", List.of("A", "B"));
        assertTrue(m.startsWith("connector-service refuses to start: A, B hold a built-in"), m);
    }
}
