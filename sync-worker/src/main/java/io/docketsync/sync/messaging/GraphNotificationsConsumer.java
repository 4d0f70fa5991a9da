package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.outbox.Outbox;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.InboundDecision;
import io.docketsync.sync.domain.InboundRules;
import io.docketsync.sync.domain.LinkedActivity;
import io.docketsync.sync.domain.MeetingResponses;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.graph.MailboxTokens;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.sync.graph.PatientReads;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.WrittenChange;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Office 365 → app: a change notification of user U's mailbox is read back through Graph, judged by the inbound
 * rules, and turned into commands for activity-service plus the link changes that keep the next notifications
 * recognisable (our own writes come back as echoes and change nothing).
 */
@ApplicationScoped
public class GraphNotificationsConsumer {
    private static final Logger LOG = Logger.getLogger(GraphNotificationsConsumer.class);

    @Inject
    GraphCalendarClient graph;
    @Inject
    @Named("mailboxTokens")
    MailboxTokens tokens;
    @Inject
    Outbox outbox;
    @Inject
    PlanStage planner;
    @Inject
    SyncPublisher publisher;
    @Inject
    DeadLetterService deadLetters;
    @ConfigProperty(name = "docketsync.sync.read-patience")
    Duration readPatience;
    @ConfigProperty(name = "docketsync.sync.own-write-retries")
    long ownWriteRetries;
    @ConfigProperty(name = "docketsync.sync.delta-window-back")
    java.time.Period deltaBack;
    @ConfigProperty(name = "docketsync.sync.delta-window-ahead")
    java.time.Period deltaAhead;

    @Incoming("graph-notifications")
    public Uni<Void> onNotification(String json) {
        EventEnvelope<GraphNotification> env = EventCodec.fromJson(json, GraphNotification.class);
        GraphNotification n = env.data;
        if (n.kind() == GraphNotification.Kind.DELTA_REPAIR
                || (n.kind() == GraphNotification.Kind.LIFECYCLE && "missed".equalsIgnoreCase(n.lifecycleEvent()))) {
            return repair(env);
        }
        if (n.kind() != GraphNotification.Kind.CHANGE || n.eventId() == null) {
            LOG.debugf("%s for %s (%s): nothing to read", n.kind(), n.user(), n.lifecycleEvent());
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> ProcessedEvent.<ProcessedEvent>findById(env.id).chain(done -> done != null
                ? Uni.createFrom().item(Boolean.TRUE) : recordedEcho(n))).chain(skip -> {
            if (skip) {
                return Uni.createFrom().voidItem();
            }
            if ("deleted".equalsIgnoreCase(n.changeType())) {
                return Panache.withTransaction(() -> ProcessedEvent.firstTime(env.id).chain(() -> deleted(env))
                        .chain(() -> deadLetters.settled(n)));
            }
            return readAndJudge(env, true)
                    // our write is in the event but not yet in the link: read and judge again shortly
                    .onFailure(OwnWriteNotRecorded.class).retry()
                    .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)).atMost(ownWriteRetries)
                    // still not recorded (that write failed for us though Graph applied it): judge as it stands
                    .onFailure(OwnWriteNotRecorded.class).recoverWithUni(e -> {
                        LOG.infof("%s in %s's mailbox: %s; judged as it stands", n.eventId(), n.user(),
                                e.getMessage());
                        return readAndJudge(env, false);
                    });
        });
    }

    /**
     * The notification's change key is the one the writer recorded for this event: the echo of our own write,
     * known without reading the event back (a Graph request less per write against the mailbox's limits).
     */
    private static Uni<Boolean> recordedEcho(GraphNotification n) {
        if (n.changeKey() == null || "deleted".equalsIgnoreCase(n.changeType())) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        return linkOf(n.user(), n.eventId()).chain(link -> {
            if (link != null && n.changeKey().equals(link.changeKey)) {
                LOG.debugf("%s in %s's mailbox (activity %s): echo of our own write, by its change key", n.eventId(),
                        n.user(), link.id.activityId);
                return Uni.createFrom().item(Boolean.TRUE);
            }
            // the wave that wrote it may still be waiting out throttling before it records the link
            return WrittenChange.isOurs(n.user(), n.eventId(), n.changeKey()).invoke(ours -> {
                if (ours) {
                    LOG.debugf("%s in %s's mailbox: echo of our own write, by the change key its $batch answered",
                            n.eventId(), n.user());
                }
            });
        });
    }

    /** Thrown to have a notification judged again once the write stage has recorded our write. */
    static final class OwnWriteNotRecorded extends RuntimeException {
        OwnWriteNotRecorded(String reason) {
            super(reason, null, false, false);
        }
    }

    private Uni<Void> readAndJudge(EventEnvelope<GraphNotification> env, boolean honourStamp) {
        GraphNotification n = env.data;
        return Offload.blocking(() -> {
            var token = tokens.tokenFor(n.user());
            return java.util.Optional.ofNullable(PatientReads.read(readPatience, () -> graph.readWithAnswers(n.mailbox(),
                    token.accessToken(), n.eventId())));
        }).chain(read -> Panache.withTransaction(() -> ProcessedEvent.firstTime(env.id)
                .chain(() -> read.isPresent()
                        ? changed(env, read.get().event(), honourStamp)
                                .chain(() -> answers(env, read.get()))
                        : deleted(env))
                // processed after all: a dead letter of this event no longer stands (DeadLetterService)
                .chain(() -> deadLetters.settled(n))));
    }

    /**
     * Notifications were missed (or the subscription was recreated): the mailbox's delta since the last round is
     * read and every change judged as if notified, with the same rules and command ids, so changes that were
     * notified after all are recognised. A first round (no delta link yet) is a baseline: it reconciles only
     * events already linked, and never turns the mailbox's existing events into activities.
     */
    private Uni<Void> repair(EventEnvelope<GraphNotification> env) {
        GraphNotification n = env.data;
        return Panache.withSession(() -> ProcessedEvent.<ProcessedEvent>findById(env.id)
                .chain(done -> done != null ? Uni.createFrom().<DeltaLinkEntity>nullItem()
                        : DeltaLinkEntity.<DeltaLinkEntity>findById(n.user()).onItem().ifNull()
                                .continueWith(DeltaLinkEntity::new)))
                .chain(stored -> stored == null ? Uni.createFrom().voidItem() : Offload.blocking(() -> readDelta(n, stored.deltaLink))
                        .chain(round -> Panache.withTransaction(() -> ProcessedEvent.firstTime(env.id)
                                .chain(first -> first ? applyDelta(env, round.round(), round.baseline())
                                        : Uni.createFrom().voidItem()))));
    }

    record Repair(GraphCalendarClient.DeltaRound round, boolean baseline) {
    }

    private Repair readDelta(GraphNotification n, String deltaLink) {
        String token = tokens.tokenFor(n.user()).accessToken();
        Repair r = readDeltaRound(n, token, deltaLink);
        // delta also reports events that only left the window as removed: only a 404 means deleted
        List<OfficeEvent> changed = new java.util.ArrayList<>(r.round().changed());
        List<String> removed = new java.util.ArrayList<>();
        for (String id : r.round().removed()) {
            OfficeEvent still = PatientReads.read(readPatience, () -> graph.read(n.mailbox(), token, id));
            if (still == null) {
                removed.add(id);
            } else {
                changed.add(still);
            }
        }
        return new Repair(new GraphCalendarClient.DeltaRound(changed, removed, r.round().deltaLink()), r.baseline());
    }

    private Repair readDeltaRound(GraphNotification n, String token, String deltaLink) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate from = today.minus(deltaBack);
        java.time.LocalDate to = today.plus(deltaAhead);
        if (deltaLink != null) {
            try {
                return new Repair(PatientReads.read(readPatience,
                        () -> graph.delta(n.mailbox(), token, deltaLink, from, to)), false);
            } catch (io.docketsync.sync.graph.GraphWriteException e) {
                if (e.status() != 410) {
                    throw e;
                }
                LOG.infof("delta link of %s expired (%s): a new baseline", n.user(), e.code());
            }
        }
        return new Repair(PatientReads.read(readPatience, () -> graph.delta(n.mailbox(), token, null, from, to)), true);
    }

    private Uni<Void> applyDelta(EventEnvelope<GraphNotification> cause, GraphCalendarClient.DeltaRound round,
            boolean baseline) {
        GraphNotification n = cause.data;
        LOG.infof("delta repair of %s's mailbox: %d changed, %d removed%s", n.user(), round.changed().size(),
                round.removed().size(), baseline ? " (baseline: linked events only)" : "");
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OfficeEvent e : round.changed()) {
            EventEnvelope<GraphNotification> as = asNotification(cause, e.eventId(), "updated");
            chain = chain.chain(() -> linkOf(n.user(), e.eventId()).chain(link -> baseline && link == null
                    ? Uni.createFrom().voidItem() : changed(as, e, true)));
        }
        for (String removedId : round.removed()) {
            chain = chain.chain(() -> deleted(asNotification(cause, removedId, "deleted")));
        }
        return chain.chain(() -> DeltaLinkEntity.<DeltaLinkEntity>findById(n.user())).chain(found -> {
            if (round.deltaLink() == null) {
                return Uni.createFrom().voidItem();
            }
            DeltaLinkEntity d = found == null ? new DeltaLinkEntity() : found;
            d.firmId = n.firmId();
            d.userId = n.userId();
            d.mailbox = n.mailbox();
            d.deltaLink = round.deltaLink();
            d.updatedAt = Instant.now();
            return d.persist().replaceWithVoid();
        });
    }

    /**
     * The attendees' answers on a meeting we sent from this (the organizer's) mailbox become each Scheduled For
     * user's response status on the activity. Set every time the meeting changes: setting an answer is idempotent,
     * and the command id (per meeting version) lets activity-service apply it once.
     */
    private Uni<Void> answers(EventEnvelope<GraphNotification> env, GraphCalendarClient.ReadEvent read) {
        GraphNotification n = env.data;
        if (read.answers().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return EventLinkEntity.<EventLinkEntity>find(
                "firmId = ?1 and id.userId = ?2 and eventId = ?3 and id.role = 'ORGANIZER'", n.firmId(), n.userId(),
                n.eventId()).firstResult().chain(link -> link == null ? Uni.createFrom().voidItem()
                        : FirmProjection.<FirmProjection>findById(n.firmId()).chain(firm -> ActivityProjection
                                .<ActivityProjection>findById(link.id.activityId).chain(a -> {
                                    if (firm == null || a == null || a.deleted) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    java.util.Map<String, String> userByEmail = new java.util.HashMap<>();
                                    firm.users().forEach(u -> userByEmail.put(u.email(), u.userId()));
                                    var byUser = MeetingResponses.byUser(read.answers(), userByEmail,
                                            a.snapshot().scheduledFor(), n.userId());
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (var answer : byUser.entrySet()) {
                                        chain = chain.chain(() -> response(env, link.id.activityId, answer.getKey(),
                                                answer.getValue(), read.event()));
                                    }
                                    return chain;
                                })));
    }

    private Uni<Void> response(EventEnvelope<GraphNotification> env, String activityId, String attendee,
            String response, OfficeEvent meeting) {
        GraphNotification n = env.data;
        String commandId = StableIds.uuid("SET_RESPONSE_STATUS|" + attendee + "|" + n.eventId() + "|" + meeting.changeKey());
        ActivityCommand cmd = new ActivityCommand(commandId, ActivityCommand.Type.SET_RESPONSE_STATUS, activityId,
                null, attendee, null, response, new ActivityCommand.GraphLink(n.mailbox(), n.eventId(),
                        meeting.iCalUId(), meeting.changeKey()),
                meeting.lastModified() == null ? Instant.now() : meeting.lastModified());
        return outbox.append(Topics.ACTIVITY_COMMANDS, activityId, EventEnvelope.of(SyncPublisher.SOURCE,
                ActivityCommand.TYPE, activityId, n.firmId(), Origin.office365(attendee, n.mailbox(),
                        meeting.changeKey()), cmd));
    }

    /** A change found by delta, judged as the notification that would have announced it. */
    private static EventEnvelope<GraphNotification> asNotification(EventEnvelope<GraphNotification> cause,
            String eventId, String changeType) {
        GraphNotification n = cause.data;
        return EventEnvelope.of(SyncPublisher.SOURCE, GraphNotification.TYPE, n.userId(), n.firmId(), Origin.system(),
                new GraphNotification(GraphNotification.Kind.CHANGE, n.userId(), n.firmId(), n.mailbox(),
                        n.subscriptionId(), changeType, null, null, eventId, null, Instant.now()));
    }

    private Uni<Void> changed(EventEnvelope<GraphNotification> env, OfficeEvent event, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        // read back holding exactly what one of our writes left (a notification without a change key, or read
        // again while waiting for the write stage): our echo, whatever the links say yet
        return WrittenChange.isOurs(n.user(), event.eventId(), event.changeKey()).chain(ours -> ours
                ? Uni.createFrom().voidItem() : judgeChanged(env, event, waitForOwnWrites));
    }

    private Uni<Void> judgeChanged(EventEnvelope<GraphNotification> env, OfficeEvent event, boolean waitForOwnWrites) {
        GraphNotification n = env.data;
        return linkOf(n.user(), event.eventId()).chain(link -> FirmProjection.<FirmProjection>findById(n.firmId())
                .chain(firm -> linkedActivity(link).chain(activity -> sameMeeting(n.user(), link, event)
                        .chain(same -> {
                            Office365Settings settings = firm == null ? Office365Settings.defaults() : firm.settings();
                            InboundDecision d = InboundRules.changed(n.userId(), event,
                                    link == null ? null : link.toDomain(), link == null ? null : link.changeKey,
                                    activity, same == null ? null : same.activity(), same != null && same.ours(),
                                    settings, firm == null ? null : firm.createNewSince,
                                    permission(firm, n.userId(), true), waitForOwnWrites);
                            return act(env, d, event, link);
                        }))));
    }

    private Uni<Void> deleted(EventEnvelope<GraphNotification> env) {
        GraphNotification n = env.data;
        return linkOf(n.user(), n.eventId()).chain(link -> FirmProjection.<FirmProjection>findById(n.firmId())
                .chain(firm -> linkedActivity(link).chain(activity -> {
                    InboundDecision d = InboundRules.deleted(n.userId(), link == null ? null : link.toDomain(), activity,
                            firm == null ? Office365Settings.defaults() : firm.settings(),
                            permission(firm, n.userId(), false), link != null && link.deletingSince != null);
                    return act(env, d, null, link);
                })));
    }

    private Uni<Void> act(EventEnvelope<GraphNotification> env, InboundDecision d, OfficeEvent event,
            EventLinkEntity link) {
        GraphNotification n = env.data;
        String user = n.userId();
        LOG.debugf("%s in %s's mailbox (activity %s, changeKey %s, recorded %s): %s (%s)", n.eventId(), user,
                d.activityId(), event == null ? null : event.changeKey(), link == null ? null : link.changeKey, d.kind(),
                d.reason());
        switch (d.kind()) {
            case IGNORE:
                return Uni.createFrom().voidItem();
            case AWAIT_OWN_WRITE:
                return Uni.createFrom().failure(new OwnWriteNotRecorded(d.reason()));
            case UPDATE_ACTIVITY:
                link.changeKey = event.changeKey();
                link.updatedAt = Instant.now();
                return link.persist().chain(() -> command(env, ActivityCommand.Type.UPDATE_FIELDS, d.activityId(), null,
                        event, event.changeKey()));
            case DETACH_AND_CREATE: {
                String newId = StableIds.activityFromEvent(event.eventId());
                // the event still names the activity the user left (our property): recorded without its change
                // key, the new activity's own push writes it once, naming the new one, instead of skipping it as the
                // change it came from (the content is the user's edit either way)
                return unlink(link).chain(() -> linkTo(newId, n.user(), EventLink.Role.COPY, n.mailbox(), event,
                                false))
                        .chain(() -> command(env, ActivityCommand.Type.REMOVE_SCHEDULED_USER, d.activityId(), null, event,
                                event.changeKey()))
                        .chain(() -> command(env, ActivityCommand.Type.CREATE_FOR_USER, null, newId, event,
                                event.changeKey()));
            }
            case RESTORE_EVENT:
                if (event == null) { // deleted: the event is gone, the activity's is made again
                    return unlink(link).chain(() -> restore(env, d.activityId(), link, null));
                }
                // the restored version's own write is what the next notification must recognise, not the user's edit
                return restore(env, d.activityId(), link, link.eventId);
            case DELETE_ACTIVITY:
                return unlink(link).chain(() -> command(env, ActivityCommand.Type.DELETE, d.activityId(), null, null,
                        "deleted:" + n.eventId()));
            case REMOVE_USER:
                return unlink(link).chain(() -> command(env, ActivityCommand.Type.REMOVE_SCHEDULED_USER, d.activityId(),
                        null, null, "deleted:" + n.eventId()));
            case REPUSH_APP_VERSION:
                return ActivityProjection.<ActivityProjection>findById(d.activityId()).chain(a -> a == null || a.deleted
                        ? Uni.createFrom().voidItem()
                        : planner.plan(PlanStage.asItStands(a)));
            case LINK_INVITATION:
                return linkTo(d.activityId(), n.user(), EventLink.Role.ATTENDEE, n.mailbox(), event);
            case JOIN_ACTIVITY:
                return linkTo(d.activityId(), n.user(), EventLink.Role.ATTENDEE, n.mailbox(), event)
                        .chain(() -> command(env, ActivityCommand.Type.ADD_SCHEDULED_USER, d.activityId(), null, event,
                                event.changeKey()));
            case CREATE_ACTIVITY: {
                String newId = StableIds.activityFromEvent(event.eventId());
                return linkTo(newId, n.user(), EventLink.Role.COPY, n.mailbox(), event)
                        .chain(() -> command(env, ActivityCommand.Type.CREATE_FROM_OFFICE, null, newId, event,
                                event.changeKey()));
            }
            default:
                throw new IllegalStateException("unhandled decision " + d.kind());
        }
    }

    /**
     * When Editing / When Deleting: RESTORE_EVENT. The activity's current version is written to this user's calendar
     * once more: over the event they edited, or as a new event in place of the one they deleted. It is the user's
     * op of a plan of the activity as it stands, sent as an update (the writer makes the event again when the link is
     * gone), with an op id of its own so that it is not taken for the write of that version done before.
     */
    private Uni<Void> restore(EventEnvelope<GraphNotification> env, String activityId, EventLinkEntity link,
            String eventId) {
        GraphNotification n = env.data;
        return ActivityProjection.<ActivityProjection>findById(activityId).chain(a -> {
            if (a == null || a.deleted) {
                return Uni.createFrom().voidItem();
            }
            return planner.decide(PlanStage.asItStands(a)).chain(plan -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (MailboxOp op : plan.ops()) {
                    if (!op.userId().equals(n.userId()) || op.op() == MailboxOp.OpType.DELETE
                            || !op.role().name().equals(link.id.role)) {
                        continue;
                    }
                    MailboxOp restore = new MailboxOp(StableIds.uuid("restore|" + n.eventId() + "|" + env.id),
                            MailboxOp.OpType.UPDATE, op.userId(), op.mailbox(), op.activityId(), op.activityVersion(),
                            eventId, op.content(), null, null, op.role(), null);
                    chain = chain.chain(() -> publisher.op(n.firmId(), Origin.system(), restore));
                }
                return chain;
            });
        });
    }

    private Uni<Void> command(EventEnvelope<GraphNotification> env, ActivityCommand.Type type, String activityId,
            String newActivityId, OfficeEvent event, String version) {
        GraphNotification n = env.data;
        // the same change judged twice yields the same command id: activity-service applies it once
        String commandId = StableIds.uuid(type + "|" + n.userId() + "|" + n.eventId() + "|" + version);
        ActivityCommand cmd = new ActivityCommand(commandId, type, activityId, newActivityId, n.userId(),
                event == null ? null : event.fields(), null,
                new ActivityCommand.GraphLink(n.mailbox(), n.eventId(), event == null ? null : event.iCalUId(),
                        event == null ? null : event.changeKey()),
                event == null || event.lastModified() == null ? Instant.now() : event.lastModified());
        String key = activityId != null ? activityId : newActivityId;
        return outbox.append(Topics.ACTIVITY_COMMANDS, key, EventEnvelope.of(SyncPublisher.SOURCE, ActivityCommand.TYPE,
                key, n.firmId(), Origin.office365(n.userId(), n.mailbox(), event == null ? null : event.changeKey()),
                cmd));
    }

    /** The link of an event in this user's mailbox: found by firm, user and event (a user id is per firm). */
    private static Uni<EventLinkEntity> linkOf(UserKey user, String eventId) {
        return EventLinkEntity.<EventLinkEntity>find("firmId = ?1 and id.userId = ?2 and eventId = ?3", user.firmId(),
                user.userId(), eventId).firstResult();
    }

    private static Uni<LinkedActivity> linkedActivity(EventLinkEntity link) {
        if (link == null) {
            return Uni.createFrom().nullItem();
        }
        return ActivityProjection.<ActivityProjection>findById(link.id.activityId).map(p -> p == null || p.deleted
                ? null : toLinked(p, link.pushedVersion));
    }

    record SameMeeting(LinkedActivity activity, boolean ours) {
    }

    /** An activity another user's link ties to the same meeting (iCalUId), and whether we pushed that meeting. */
    private static Uni<SameMeeting> sameMeeting(UserKey user, EventLinkEntity link, OfficeEvent event) {
        if (link != null || event.iCalUId() == null) {
            return Uni.createFrom().nullItem();
        }
        return EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and iCalUId = ?2 and id.userId <> ?3", user.firmId(),
                event.iCalUId(), user.userId())
                .chain(others -> {
                    if (others.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    EventLinkEntity other = others.stream().filter(l -> "ORGANIZER".equals(l.id.role)).findFirst()
                            .orElse(others.get(0));
                    return ActivityProjection.<ActivityProjection>findById(other.id.activityId).map(p -> p == null
                            || p.deleted ? null : new SameMeeting(toLinked(p, other.pushedVersion),
                                    "ORGANIZER".equals(other.id.role)));
                });
    }

    private static LinkedActivity toLinked(ActivityProjection p, long pushedVersion) {
        var a = p.snapshot();
        return new LinkedActivity(a.id(), a.createdBy(), a.organizerId(), a.scheduledFor(), p.version, p.appModifiedAt,
                pushedVersion);
    }

    private static Permission permission(FirmProjection firm, String userId, boolean edit) {
        if (firm == null) {
            return Permission.NONE;
        }
        return firm.users().stream().filter(u -> u.userId().equals(userId)).findFirst()
                .map(u -> edit ? u.edit() : u.delete()).orElse(Permission.NONE);
    }

    private static Uni<Void> unlink(EventLinkEntity link) {
        return link == null ? Uni.createFrom().voidItem() : EventLinkEntity.delete("id", link.id).replaceWithVoid();
    }

    static Uni<Void> linkTo(String activityId, UserKey user, EventLink.Role role, String mailbox,
            OfficeEvent event) {
        return linkTo(activityId, user, role, mailbox, event, true);
    }

    /** @param withChangeKey false: the event is to be written once more (see DETACH_AND_CREATE) */
    static Uni<Void> linkTo(String activityId, UserKey user, EventLink.Role role, String mailbox,
            OfficeEvent event, boolean withChangeKey) {
        EventLinkEntity l = new EventLinkEntity();
        l.id = new EventLinkEntity.Key(activityId, user.userId(), role.name());
        l.firmId = user.firmId();
        l.mailbox = mailbox;
        l.eventId = event.eventId();
        l.iCalUId = event.iCalUId();
        l.changeKey = withChangeKey ? event.changeKey() : null;
        l.updatedAt = Instant.now();
        return l.persist().replaceWithVoid();
    }

}
