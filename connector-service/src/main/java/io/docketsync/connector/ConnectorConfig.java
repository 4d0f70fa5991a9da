package io.docketsync.connector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** docketsync.connector.*: every key has a local default (application.properties), overridable by environment. */
@ConfigMapping(prefix = "docketsync.connector")
public interface ConnectorConfig {
    /** Entra ID's authority: http://localhost:8090 (the simulator) locally, https://login.microsoftonline.com in production. */
    String entraAuthority();

    /** The tenant segment of the Entra endpoints: 'organizations' accepts any work account. */
    @WithDefault("organizations")
    String entraTenant();

    String clientId();

    String clientSecret();

    String graphBaseUrl();

    /** How Graph and browsers reach this service: the callback and the webhooks are below it. */
    String publicBaseUrl();

    /** Where the browser lands after the Connect flow, told the outcome as ?office365=...&reason=... */
    String frontendUrl();

    /** The shared credential the sync-worker presents (Authorization: Bearer ...) on /internal. */
    String internalCredential();

    /** kid=base64(32 bytes),kid2=... */
    String tokenKeys();

    String activeKeyId();

    /** Access tokens with less than this to live are refreshed before they are handed out. */
    @WithDefault("PT5M")
    Duration tokenRefreshSkew();

    /** How long a started Connect flow (its state) may wait for the callback. */
    @WithDefault("PT10M")
    Duration stateLifetime();

    @WithDefault("PT72H")
    Duration subscriptionLifetime();

    @WithDefault("PT24H")
    Duration subscriptionRenewBefore();

    /** How long a subscription whose maintenance failed waits before the next attempt. */
    @WithDefault("PT5M")
    Duration maintenanceRetryBackoff();

    /** How often the subscription maintenance looks for due subscriptions (e.g. 60s). */
    String maintenanceInterval();

    /** How long after start the maintenance first runs. */
    String maintenanceDelay();

    /** Subscriptions worked on per scheduler run and instance. */
    @WithDefault("50")
    int maintenanceBatchSize();

    /** Bodies of notifications larger than this are refused with 413. */
    @WithDefault("1048576")
    int webhookMaxBodyBytes();
}
