package io.docketsync.activity.service;

import java.time.LocalDate;

/**
 * What GET /activities asks for, already checked: a user's activities overlapping the days {@code from}..{@code to}
 * (each may be null: open), page {@code page} of {@code size}.
 */
public record ActivityListing(String userId, LocalDate from, LocalDate to, int page, int size) {

    /** One page of the listing, and how many activities the whole listing has. */
    public record Page(ActivitiesRead items, int page, int size, long total) {
    }
}
