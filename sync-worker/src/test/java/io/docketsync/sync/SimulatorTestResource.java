package io.docketsync.sync;

import io.docketsync.testsupport.SimulatorProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the worker at a Graph simulator process, with app-only tokens from the simulator's Entra ID. */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {
    static SimulatorProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = SimulatorProcess.start(Map.of());
        return Map.of(
                "docketsync.sync.graph-base-url", simulator.graphBaseUrl(),
                "docketsync.sync.token-source", "app",
                "quarkus.oidc-client.auth-server-url", simulator.authority() + "/halemarsh.test");
    }

    @Override
    public void stop() {
        simulator.close();
    }
}
