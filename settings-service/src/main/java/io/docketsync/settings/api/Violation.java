package io.docketsync.settings.api;

/** One broken input rule, named by the field it concerns (as activity-service names them). */
public record Violation(String field, String message) {
}
