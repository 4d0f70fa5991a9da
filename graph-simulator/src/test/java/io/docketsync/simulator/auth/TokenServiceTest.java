package io.docketsync.simulator.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docketsync.simulator.api.GraphException;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.state.Directory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TokenService#verify}: a token checked once is known by its text after, and still expires on time. */
class TokenServiceTest {
    static final Directory.User ALICE = new Directory.User("a1", "alice@halemarsh.test", "Alice", "t1", false);

    static TokenService issuing(Duration lifetime) {
        TokenService service = new TokenService();
        service.json = new ObjectMapper();
        service.config = (SimulatorConfig) Proxy.newProxyInstance(SimulatorConfig.class.getClassLoader(),
                new Class<?>[] {SimulatorConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("accessTokenLifetime")) {
                        return lifetime;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return service;
    }

    static int status(Runnable call) {
        return assertThrows(GraphException.class, call::run).status();
    }

    @Test
    void aTokenVerifiedAgainSaysTheSame() {
        TokenService tokens = issuing(Duration.ofHours(1));
        String bearer = "Bearer " + tokens.accessToken(ALICE, "docketsync-local", "Calendars.ReadWrite");
        TokenService.Caller first = tokens.verify(bearer);
        assertEquals(new TokenService.Caller("docketsync-local", "t1", "a1", "Calendars.ReadWrite", false), first);
        assertEquals(first, tokens.verify(bearer));

        String app = "Bearer " + tokens.appToken("docketsync-local", "t1", List.of("Calendars.ReadWrite"));
        TokenService.Caller appCaller = tokens.verify(app);
        assertNull(appCaller.userId());
        assertEquals(appCaller, tokens.verify(app));
    }

    @Test
    void aKnownTokenStillExpires() throws InterruptedException {
        TokenService tokens = issuing(Duration.ofSeconds(2));
        long issuedAt = Instant.now().getEpochSecond();
        String bearer = "Bearer " + tokens.accessToken(ALICE, "docketsync-local", "Calendars.ReadWrite");
        assertEquals("a1", tokens.verify(bearer).userId());
        while (Instant.now().getEpochSecond() < issuedAt + 2) {
            Thread.sleep(100);
        }
        assertEquals(401, status(() -> tokens.verify(bearer)));
    }

    @Test
    void aTamperedOrForeignTokenIsRefusedEachTime() {
        TokenService tokens = issuing(Duration.ofHours(1));
        String good = tokens.accessToken(ALICE, "docketsync-local", "Calendars.ReadWrite");
        tokens.verify("Bearer " + good);
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals(401, status(() -> tokens.verify("Bearer " + tampered)));
        assertEquals(401, status(() -> tokens.verify("Bearer " + tampered)));
        String foreign = issuing(Duration.ofHours(1)).accessToken(ALICE, "docketsync-local", "Calendars.ReadWrite");
        assertEquals(401, status(() -> tokens.verify("Bearer " + foreign)));
        assertEquals(401, status(() -> tokens.verify(null)));
    }
}
