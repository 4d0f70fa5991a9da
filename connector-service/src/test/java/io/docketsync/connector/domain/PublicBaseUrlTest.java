package io.docketsync.connector.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicBaseUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://sync.example-firm.com", "https://sync.example-firm.com:8443/docketsync",
        "http://localhost:8083", "http://127.0.0.1:8083", "http://[::1]:8083", "https://10.0.0.5"})
    void httpsOrLoopbackHttpIsAccepted(String url) {
        assertEquals(url, PublicBaseUrl.check(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sync.example-firm.com", "http://10.0.0.5:8083", "http://connector-service:8083",
        "ftp://sync.example-firm.com", "sync.example-firm.com", "", "http:// spaces"})
    void anythingElseIsRefusedAtStartWithTheReason(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublicBaseUrl.check(url));
        assertTrue(e.getMessage().startsWith("docketsync.connector.public-base-url"), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
}
