package io.docketsync.activity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** activity-service's settings ({@code docketsync.activity.*}), each with a default that runs locally. */
@ConfigMapping(prefix = "docketsync.activity")
public interface ActivityConfig {
    /** Page size of GET /activities when the caller names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest page GET /activities answers; a larger size is a 400. */
    @WithDefault("200")
    int maxPageSize();

    /**
     * The most occurrences of recurring activities one GET /activities?from=&to= expands (over all its pages); days
     * holding more are a 400 asking for fewer.
     */
    @WithDefault("10000")
    int maxListedOccurrences();

    /** How far back "Push my calendar to 365" reaches when the caller names no start. */
    @WithDefault("30")
    int pushDaysBack();

    /**
     * Whether a firm's settings, users and connections are kept in memory between requests (forgotten on every
     * instance when they change); false reads them for every request.
     */
    @WithDefault("true")
    boolean firmCache();

    /**
     * Commands from Office 365 received and not applied yet, over all activities, before this instance stops taking
     * more (each activity's commands are applied in order, different activities' side by side).
     */
    @WithDefault("128")
    int commandsInFlight();
}
