package io.docketsync.connector;

import io.docketsync.testsupport.SimulatorProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Graph simulator as a process (real HTTP, reached through the Graph SDK and quarkus-oidc-client), and this
 * service on a known port so that the simulator can call its webhooks and Entra can redirect to its callback.
 * Short lifetimes make refreshes and renewals happen during the tests: access tokens live 60 s and are refreshed
 * 90 s before expiry (so every token request refreshes), subscriptions live 15 s and are renewed 10 s before.
 */
public class ConnectorTestResource implements QuarkusTestResourceLifecycleManager {
    public static final byte[] OLD_KEY = key(7);
    public static final byte[] NEW_KEY = key(9);
    static SimulatorProcess simulator;
    static int port;

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 17 + i * 3);
        }
        return k;
    }

    @Override
    public Map<String, String> start() {
        simulator = SimulatorProcess.start(Map.of("docketsync.simulator.access-token-lifetime", "PT60S",
                "docketsync.simulator.notifications.initial-backoff", "PT0.2S"));
        port = freePort();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", String.valueOf(port));
        config.put("docketsync.connector.public-base-url", "http://localhost:" + port);
        config.put("docketsync.connector.entra-authority", simulator.authority());
        config.put("docketsync.connector.graph-base-url", simulator.graphBaseUrl());
        config.put("docketsync.connector.token-keys", "old=" + Base64.getEncoder().encodeToString(OLD_KEY) + ",new="
                + Base64.getEncoder().encodeToString(NEW_KEY));
        config.put("docketsync.connector.active-key-id", "new");
        config.put("docketsync.connector.token-refresh-skew", "PT90S");
        config.put("docketsync.connector.subscription-lifetime", "PT15S");
        config.put("docketsync.connector.subscription-renew-before", "PT10S");
        config.put("docketsync.connector.maintenance-interval", "1s");
        config.put("docketsync.connector.maintenance-delay", "1s");
        config.put("docketsync.connector.maintenance-retry-backoff", "PT2S");
        config.put("docketsync.connector.internal-credential", "test-internal-credential");
        return config;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
