package io.docketsync.api;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Secrets that ship in {@code application.properties} so that the local run works out of the box (the internal
 * credential, the token-sealing key, the JWT issuer and key of the local run, the simulator's client secret, the
 * embedded database's password) must never protect a real deployment. Outside the local run and the tests, a service
 * refuses to start while any of its secrets still holds a built-in value, and names the variable to supply.
 *
 * <p>The local run ({@code deploy/local}) generates its own internal credential and token-sealing key and sets
 * {@code DOCKETSYNC_LOCAL_RUN=true}, which lets through only what its embedded servers and the simulator need.
 */
@ApplicationScoped
public class BuiltInSecrets {
    /** The environment variable the local run sets. */
    public static final String LOCAL_RUN = "DOCKETSYNC_LOCAL_RUN";

    /**
     * One secret setting that ships with a built-in value.
     *
     * @param key        the configuration key, where a service has it
     * @param env        the environment variable that supplies it
     * @param builtIns   the values that ship with docketsync (a value containing one counts: key lists)
     * @param localValue true when the local run may keep the built-in value (embedded servers, the simulator)
     */
    public record Secret(String key, String env, Set<String> builtIns, boolean localValue) {
        boolean builtIn(String value) {
            return value == null || value.isBlank() || builtIns.stream().anyMatch(value::contains);
        }
    }

    /** Every built-in secret of docketsync; a service checks those of its keys it has. */
    public static final List<Secret> KNOWN = List.of(
            new Secret("docketsync.connector.internal-credential", "DOCKETSYNC_INTERNAL_CREDENTIAL",
                    Set.of("local-internal-credential"), false),
            new Secret("docketsync.sync.connector-credential", "DOCKETSYNC_INTERNAL_CREDENTIAL",
                    Set.of("local-internal-credential"), false),
            new Secret("docketsync.connector.token-keys", "DOCKETSYNC_CONNECTOR_TOKEN_KEYS",
                    Set.of("nE4I0CTbOIwxYzqPfGOlLL7sPza68WWfAisbIs11xXE="), false),
            new Secret("docketsync.connector.client-secret", "DOCKETSYNC_ENTRA_CLIENT_SECRET",
                    Set.of("docketsync-local-secret"), true),
            new Secret("quarkus.oidc-client.credentials.secret", "DOCKETSYNC_ENTRA_CLIENT_SECRET",
                    Set.of("docketsync-local-secret"), true),
            new Secret("mp.jwt.verify.issuer", "DOCKETSYNC_JWT_ISSUER", Set.of("docketsync-local"), true),
            new Secret("mp.jwt.verify.publickey.location", "DOCKETSYNC_JWT_PUBLIC_KEY",
                    Set.of(".local/keys/app-jwt.pub.pem"), true),
            new Secret("quarkus.datasource.password", "DOCKETSYNC_DB_PASSWORD", Set.of("postgres"), true));

    void onStart(@Observes StartupEvent ignored) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // tests and dev mode run against embedded servers and the simulator only
        }
        Config config = ConfigProvider.getConfig();
        String service = config.getOptionalValue("quarkus.application.name", String.class).orElse("this service");
        boolean localRun = config.getOptionalValue("docketsync.local-run", Boolean.class).orElse(false);
        List<String> refused = refused(key -> config.getOptionalValue(key, String.class), localRun);
        if (!refused.isEmpty()) {
            throw new IllegalStateException(message(service, refused));
        }
    }

    /**
     * The environment variables whose secrets still hold a built-in (or an empty) value in this service.
     *
     * @param values a key's value, empty where the service has no such key
     */
    public static List<String> refused(Function<String, Optional<String>> values, boolean localRun) {
        List<String> refused = new ArrayList<>();
        for (Secret s : KNOWN) {
            Optional<String> value = values.apply(s.key());
            if (value.isPresent() && s.builtIn(value.get()) && !(localRun && s.localValue())
                    && !refused.contains(s.env())) {
                refused.add(s.env());
            }
        }
        return refused;
    }

    static String message(String service, List<String> refused) {
        return service + " refuses to start: " + String.join(", ", refused) + (refused.size() == 1 ? " holds" : " hold")
                + " a built-in or empty secret that ships with docketsync. Supply your own (README, \"Production "
                + "secrets\"); only the local run (deploy/local/run.sh) may use built-in values.";
    }
}
