package io.docketsync.activity.service;

import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.contracts.recurrence.Occurrence;
import java.time.LocalDate;
import java.util.List;

/**
 * What GET /activities asks for, already checked: a user's activities overlapping the days {@code from}..{@code to}
 * (each may be null: open), page {@code page} of {@code size}. With both days given, a recurring activity is listed
 * as its occurrences in those days, at most {@code maxOccurrences} in all.
 */
public record ActivityListing(String userId, LocalDate from, LocalDate to, int page, int size, int maxOccurrences) {

    /** Whether recurring activities are listed as their occurrences (both days given) rather than as one item. */
    public boolean expandsSeries() {
        return from != null && to != null;
    }

    /** One item: an activity, or one occurrence of a recurring one ({@code occurrence} not null). */
    public record Item(ActivityEntity activity, Occurrence occurrence) {
    }

    /**
     * One page of the listing, and how many items the whole listing has; {@code read} holds the page's activities
     * (each once) with their firm and sync statuses.
     */
    public record Page(ActivitiesRead read, List<Item> items, int page, int size, long total) {
    }
}
