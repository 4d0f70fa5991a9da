package io.docketsync.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code docketsync.web.*}: where the public APIs are, how users sign in, and the local run's extras. */
@ConfigMapping(prefix = "docketsync.web")
public interface WebConfig {
    /** activity-service's base URL, as the proxy reaches it. */
    String activityUrl();

    String settingsUrl();

    String connectorUrl();

    /** How long the proxy waits for a service's answer. */
    @WithDefault("PT30S")
    Duration apiTimeout();

    Demo demo();

    Oidc oidc();

    Simulator simulator();

    /** The local run's sign-in: pick a demo user, whose token this app signs with the local run's key. */
    interface Demo {
        /** Off unless the local run turns it on: a deployment never offers demo sign-in. */
        @WithDefault("false")
        boolean enabled();

        /** The folder holding {@code app-jwt.key.pem} (the local run's {@code .local/keys}). */
        Path keys();

        String issuer();

        String firm();

        /** {@code id[:role+role]}, e.g. {@code alice:admin,bob}. */
        List<String> users();

        @WithDefault("PT8H")
        Duration tokenLifetime();
    }

    /** Sign-in everywhere else: the firm's OpenID Connect provider (authorization code + PKCE in the browser). */
    interface Oidc {
        Optional<String> issuer();

        Optional<String> clientId();

        @WithDefault("openid profile")
        String scope();
    }

    /** The Graph simulator's calendars beside the app (local run only). */
    interface Simulator {
        Optional<String> url();

        /** The demo users' mailbox domain: {@code alice} is {@code alice@<domain>}. */
        String mailboxDomain();
    }
}
