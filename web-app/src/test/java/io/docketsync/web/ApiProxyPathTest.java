package io.docketsync.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiProxyPathTest {
    @Test
    void thePublicResourcesOfEachServicePass() {
        assertTrue(ApiProxy.isPublic("activity", "/activities"));
        assertTrue(ApiProxy.isPublic("activity", "/activities/7f0c/history"));
        assertTrue(ApiProxy.isPublic("activity", "/office365/push-jobs/42"));
        assertTrue(ApiProxy.isPublic("activity", "/me"));
        assertTrue(ApiProxy.isPublic("settings", "/settings/office365"));
        assertTrue(ApiProxy.isPublic("settings", "/users/alice"));
        assertTrue(ApiProxy.isPublic("connector", "/connections/office365"));
    }

    @Test
    void internalOperatorAndClimbingPathsDoNot() {
        assertFalse(ApiProxy.isPublic("connector", "/internal/tokens/alice"));
        assertFalse(ApiProxy.isPublic("activity", "/q/health"));
        assertFalse(ApiProxy.isPublic("activity", "/users/alice"), "users are settings-service's");
        assertFalse(ApiProxy.isPublic("sync", "/sync/mailboxes"), "the sync-worker's operator API is not proxied");
        assertFalse(ApiProxy.isPublic("activity", "/activities/../q/metrics"));
        assertFalse(ApiProxy.isPublic("activity", "/activities/%2e%2e/q/metrics"));
        assertFalse(ApiProxy.isPublic("activity", "/activities%2F..%2Fq"));
        assertFalse(ApiProxy.isPublic("activity", "activities"));
    }
}
