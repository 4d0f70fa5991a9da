package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.MailboxOp.OpType;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SyncState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * App → Office 365 (DESIGN.md section 3, "Push"): decides, without any I/O, which writes one activity change
 * needs in which mailbox.
 *
 * <ul>
 * <li>copies mode: one event per connected Scheduled For user, no attendees;</li>
 * <li>organizer mode (appointments, with useOrganizerForActivities and a connected organizer): one meeting in the
 * organizer's calendar with the other Scheduled For users as attendees; Exchange delivers the invitations;</li>
 * <li>users removed from Scheduled For lose their copy; unticking push or deleting removes every event we
 * wrote; switching mode replaces the events of the old mode;</li>
 * <li>users who are not connected are reported as pending, never dropped: a later plan (after they connect)
 * writes their event;</li>
 * <li>the mailbox a change came from is not written back to (no echo): its op carries the change it came from
 * and is sent only if a write of ours overwrote that change meanwhile;</li>
 * <li>a removal or deletion also covers users whose create is still queued (see {@link #deleteUnwritten}).</li>
 * </ul>
 */
public final class PushPlanner {

    private PushPlanner() {
    }

    /**
     * The users whose connections {@link #plan} may consult for this change: its Scheduled For users (now and
     * before), its organizer and creator, and the users its events are in. The plan stage loads only these
     * connections, not the firm's hundreds.
     */
    public static Set<String> usersConsulted(ActivityChanged change, List<EventLink> links) {
        ActivitySnapshot a = change.activity();
        Set<String> users = new LinkedHashSet<>();
        if (a.scheduledFor() != null) {
            users.addAll(a.scheduledFor());
        }
        if (change.previousScheduledFor() != null) {
            users.addAll(change.previousScheduledFor());
        }
        if (a.organizerId() != null) {
            users.add(a.organizerId());
        }
        if (a.createdBy() != null) {
            users.add(a.createdBy());
        }
        links.forEach(l -> users.add(l.userId()));
        return users;
    }

    /**
     * @param mailboxes the firm's users' connections by user id (absent = never connected)
     * @param emails    every firm user's e-mail address by user id, for meeting attendees
     * @param links     the activity's events as recorded so far
     */
    public static PushPlan plan(ActivityChanged change, Origin origin, Office365Settings settings,
            Map<String, Mailbox> mailboxes, Map<String, String> emails, List<EventLink> links) {
        ActivitySnapshot a = change.activity();
        String echoMailbox = origin != null && origin.kind() == Origin.Kind.OFFICE365 ? origin.mailbox() : null;
        String echoChangeKey = echoMailbox == null ? null : origin.changeKey();
        List<MailboxOp> ops = new ArrayList<>();
        List<PushPlan.Pending> pending = new ArrayList<>();

        boolean gone = change.changeType() == ActivityChanged.ChangeType.DELETED || !a.pushToOffice365();
        String organizer = organizerFor(a, settings, mailboxes);
        // A link in the mailbox the change came from is never the event the user deleted there: the inbound flow
        // unlinks that event in the transaction that sends the command. It is a newer event of ours, made by a write
        // that raced the deletion (an update whose event was gone makes it again), and goes like any other.
        if (gone) {
            for (EventLink link : links) {
                if (link.role() != EventLink.Role.ATTENDEE) {
                    ops.add(delete(a, link));
                }
            }
            if (change.changeType() != ActivityChanged.ChangeType.CREATED) {
                List<String> owners = organizer != null ? List.of(organizer) : a.scheduledFor();
                EventLink.Role role = organizer != null ? EventLink.Role.ORGANIZER : EventLink.Role.COPY;
                owners.forEach(u -> deleteUnwritten(a, u, role, mailboxes, links, ops));
            }
            return new PushPlan(ops, pending);
        }

        Set<String> targets = new LinkedHashSet<>();
        if (organizer != null) {
            List<String> attendees = a.scheduledFor().stream().filter(u -> !u.equals(organizer))
                    .map(u -> emails.getOrDefault(u, addressOf(mailboxes.get(u)))).filter(e -> e != null).toList();
            targets.add(organizer);
            write(a, organizer, EventLink.Role.ORGANIZER, EventContentMapper.content(a, attendees), mailboxes, links,
                    echoMailbox, echoChangeKey, ops, pending);
        } else {
            for (String user : a.scheduledFor()) {
                targets.add(user);
                if (holdsOutsideMeeting(user, links)) {
                    continue; // the user holds the meeting as an invitation already: a copy would double it
                }
                write(a, user, EventLink.Role.COPY, EventContentMapper.content(a, List.of()), mailboxes, links,
                        echoMailbox, echoChangeKey, ops, pending);
            }
        }

        // events that no longer belong: removed users, or the other mode's events after a mode switch
        EventLink.Role wanted = organizer != null ? EventLink.Role.ORGANIZER : EventLink.Role.COPY;
        for (EventLink link : links) {
            boolean stale = link.role() != EventLink.Role.ATTENDEE
                    && (!targets.contains(link.userId()) || link.role() != wanted);
            if (stale) {
                ops.add(delete(a, link));
            }
        }
        if (organizer == null && change.previousScheduledFor() != null) {
            change.previousScheduledFor().stream().filter(u -> !targets.contains(u))
                    .forEach(u -> deleteUnwritten(a, u, EventLink.Role.COPY, mailboxes, links, ops));
        }
        return new PushPlan(ops, pending);
    }

    /**
     * A delete for an event the worker may still be creating: the user's create op is queued ahead of it in the
     * mailbox's partition but not written yet, so no link exists to plan from. The writer resolves the event when
     * it gets there (and sends nothing if there is none); without it, that create would leave an orphan. The
     * mailbox the change came from is included: its event is gone (deleted in Outlook), but a create planned for it
     * by an earlier change (made between that deletion and its notification) may still be queued.
     */
    private static void deleteUnwritten(ActivitySnapshot a, String user, EventLink.Role role,
            Map<String, Mailbox> mailboxes, List<EventLink> links, List<MailboxOp> ops) {
        Mailbox m = mailboxes.get(user);
        boolean linked = links.stream().anyMatch(l -> l.userId().equals(user) && l.role() == role);
        if (!linked && m != null && m.connected()) {
            ops.add(op(OpType.DELETE, a, user, m.address(), null, null, MailboxOp.LinkRole.valueOf(role.name())));
        }
    }

    /** An invitation to a meeting organized in Outlook (not one we pushed: those go when our meeting goes). */
    private static boolean holdsOutsideMeeting(String user, List<EventLink> links) {
        boolean oursIsAMeeting = links.stream().anyMatch(l -> l.role() == EventLink.Role.ORGANIZER);
        return !oursIsAMeeting
                && links.stream().anyMatch(l -> l.userId().equals(user) && l.role() == EventLink.Role.ATTENDEE);
    }

    /** The organizer when the activity syncs as a meeting, else null (copies mode). */
    static String organizerFor(ActivitySnapshot a, Office365Settings settings, Map<String, Mailbox> mailboxes) {
        if (a.kind() != ActivityKind.APPOINTMENT || !settings.useOrganizerForActivities()) {
            return null;
        }
        String organizer = a.organizerId() != null ? a.organizerId() : a.createdBy();
        Mailbox m = organizer == null ? null : mailboxes.get(organizer);
        return m != null && m.connected() ? organizer : null;
    }

    private static void write(ActivitySnapshot a, String user, EventLink.Role role, EventContent content,
            Map<String, Mailbox> mailboxes, List<EventLink> links, String echoMailbox, String echoChangeKey,
            List<MailboxOp> ops, List<PushPlan.Pending> pending) {
        Mailbox m = mailboxes.get(user);
        if (m == null || !m.connected()) {
            pending.add(new PushPlan.Pending(user, notConnectedReason(m), m != null && m.state() == ConnectionState.NEEDS_REAUTH,
                    m != null && m.state() == ConnectionState.REFUSED ? SyncState.NOT_SUPPORTED : SyncState.PENDING));
            return;
        }
        EventLink existing = links.stream().filter(l -> l.userId().equals(user) && l.role() == role).findFirst()
                .orElse(null);
        MailboxOp.LinkRole linkRole = MailboxOp.LinkRole.valueOf(role.name());
        if (m.address().equalsIgnoreCase(nullToEmpty(echoMailbox))) {
            // the change came from this mailbox's event, which holds it already, unless a write of ours planned
            // before it was read lands on top of it: then (only then) the writer puts this version back
            if (existing != null && echoChangeKey != null) {
                ops.add(op(OpType.UPDATE, a, user, m.address(), existing.eventId(), content, linkRole, echoChangeKey));
            }
            return;
        }
        ops.add(existing == null
                ? op(OpType.CREATE, a, user, m.address(), null, content, linkRole)
                : op(OpType.UPDATE, a, user, m.address(), existing.eventId(), content, linkRole));
    }

    static String notConnectedReason(Mailbox m) {
        if (m == null || m.state() == ConnectionState.DISCONNECTED) {
            return "not connected to Office 365";
        }
        if (m.state() == ConnectionState.NEEDS_REAUTH) {
            return "Office 365 connection expired: reconnect in User Settings > Office 365";
        }
        // REFUSED: the connector's reason (an on-premises or elsewhere-hosted mailbox) says what to do
        return m.lastError() == null || m.lastError().isBlank() ? "Office 365 refused the mailbox"
                : "Office 365 refused the mailbox: " + m.lastError();
    }

    private static MailboxOp delete(ActivitySnapshot a, EventLink link) {
        return op(OpType.DELETE, a, link.userId(), link.mailbox(), link.eventId(), null,
                MailboxOp.LinkRole.valueOf(link.role().name()));
    }

    private static MailboxOp op(OpType type, ActivitySnapshot a, String user, String mailbox, String eventId,
            EventContent content, MailboxOp.LinkRole role) {
        return op(type, a, user, mailbox, eventId, content, role, null);
    }

    private static MailboxOp op(OpType type, ActivitySnapshot a, String user, String mailbox, String eventId,
            EventContent content, MailboxOp.LinkRole role, String unlessChangeKey) {
        String opId = StableIds.op(a.id(), a.version(), user, type, eventId);
        return new MailboxOp(opId, type, user, mailbox, a.id(), a.version(), eventId, content, null, null, role,
                unlessChangeKey);
    }

    private static String addressOf(Mailbox m) {
        return m == null ? null : m.address();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
