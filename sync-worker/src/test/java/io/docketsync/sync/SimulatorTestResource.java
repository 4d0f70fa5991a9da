package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.EventCodec;
import io.docketsync.graph.GraphClientFactory;
import io.docketsync.testsupport.SimulatorProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Points the worker at a Graph simulator process, with app-only tokens from the simulator's Entra ID. */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {
    static SimulatorProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = SimulatorProcess.start(Map.of());
        // the worker's API is the operators' (a bearer token with the operator role): every test call carries one
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.oauth2(operatorToken());
        return Map.of(
                "docketsync.sync.graph-base-url", simulator.graphBaseUrl(),
                "docketsync.sync.token-source", "app",
                "quarkus.oidc-client.auth-server-url", simulator.authority() + "/halemarsh.test");
    }

    static String operatorToken() {
        return io.docketsync.testsupport.TestPlatform.tokens().token("ops", "docketsync-operators",
                java.util.List.of("operator"));
    }

    @Override
    public void stop() {
        simulator.close();
    }

    /** A call to the simulator's admin API (/_sim, no authentication); its body. Anything but 2xx fails the test. */
    static String admin(String method, String path, String json) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.authority() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }

    /** Graph through the SDK as the mailbox's user would reach it from Outlook (a delegated simulator token). */
    static GraphServiceClient graphAs(String upn) throws Exception {
        String token = EventCodec.mapper().readTree(admin("POST", "/_sim/token", "{\"user\":\"" + upn + "\"}"))
                .path("access_token").asText();
        return new GraphClientFactory(GraphClientFactory.Settings.of(simulator.graphBaseUrl())).create(() -> token);
    }
}
