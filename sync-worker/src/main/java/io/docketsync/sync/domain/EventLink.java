package io.docketsync.sync.domain;

/**
 * An activity's event in one user's mailbox, as the worker recorded it.
 *
 * @param role COPY: our private copy in the user's calendar; ORGANIZER: the meeting we created in the organizer's
 *             calendar; ATTENDEE: the invitation Exchange delivered for that meeting (linked, never written by us)
 */
public record EventLink(String userId, String mailbox, String eventId, Role role) {
    public enum Role { COPY, ORGANIZER, ATTENDEE }
}
