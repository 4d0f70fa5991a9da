package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.Outbox;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.ImportSelection;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.PushMyCalendar;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.sync.graph.MailboxTokens;
import io.docketsync.sync.graph.PatientReads;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.SyncJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * "Push my calendar to 365": plans a create in the user's calendar for every selected activity that is not
 * there yet, tagged with the job so the writer counts it. A job is planned once, however often it is delivered;
 * running the button twice plans only what the first run did not link.
 */
@ApplicationScoped
public class JobsConsumer {
    @Inject
    PlanStage planner;
    @Inject
    SyncPublisher publisher;
    @Inject
    GraphCalendarClient graph;
    @Inject
    @Named("mailboxTokens")
    MailboxTokens tokens;
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "docketsync.sync.read-patience")
    java.time.Duration readPatience;
    Clock clock = Clock.systemUTC();

    @Incoming("jobs")
    @WithTransaction
    public Uni<Void> onJobRequested(String json) {
        EventEnvelope<JobRequested> event = EventCodec.fromJson(json, JobRequested.class);
        JobRequested job = event.data;
        return SyncJob.<SyncJob>findById(job.jobId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            SyncJob row = new SyncJob();
            row.jobId = job.jobId();
            row.kind = job.kind();
            row.userId = job.userId();
            row.firmId = job.firmId();
            row.updatedAt = Instant.now();
            return MailboxConnectionEntity.<MailboxConnectionEntity>findById(job.user()).chain(mailbox -> {
                if (mailbox == null || mailbox.state != ConnectionState.CONNECTED) {
                    return finish(row, JobProgress.State.FAILED, "not connected to Office 365: connect in "
                            + "User Settings > Office 365, then "
                            + (job.kind() == JobKind.IMPORT_FROM_OFFICE365 ? "import" : "push") + " again");
                }
                return job.kind() == JobKind.IMPORT_FROM_OFFICE365 ? importFrom365(job, row, mailbox.mailbox)
                        : pushMyCalendar(job, row);
            });
        });
    }

    private Uni<Void> pushMyCalendar(JobRequested job, SyncJob row) {
        LocalDate from = job.from() != null ? job.from() : PushMyCalendar.defaultFrom(LocalDate.now(clock));
        return EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and id.userId = ?2", job.firmId(), job.userId())
                .map(links -> links.stream().map(l -> l.id.activityId).collect(Collectors.toSet()))
                .chain(linked -> ActivityProjection.<ActivityProjection>list("firmId = ?1 and deleted = false",
                        job.firmId()).map(all -> selected(all, job, from, linked)))
                .chain(activities -> opsFor(job, activities))
                .chain(ops -> {
                    row.total = ops.size();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (MailboxOp op : ops) {
                        chain = chain.chain(() -> publisher.op(job.firmId(), Origin.app(job.userId()), op));
                    }
                    return chain.chain(() -> finish(row, ops.isEmpty() ? JobProgress.State.COMPLETED
                            : JobProgress.State.RUNNING, null));
                });
    }

    private static List<ActivitySnapshot> selected(List<ActivityProjection> all, JobRequested job, LocalDate from,
            Set<String> linked) {
        return all.stream().map(ActivityProjection::snapshot)
                .filter(a -> PushMyCalendar.selects(a, job.userId(), from, job.to(), linked)).toList();
    }

    /** The user's own writes of each activity's plan; meetings organized by others reach them as invitations. */
    private Uni<List<MailboxOp>> opsFor(JobRequested job, List<ActivitySnapshot> activities) {
        List<MailboxOp> ops = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ActivitySnapshot a : activities) {
            EventEnvelope<ActivityChanged> change = EventEnvelope.of(SyncPublisher.SOURCE, ActivityChanged.TYPE,
                    a.id(), a.firmId(), Origin.app(job.userId()),
                    new ActivityChanged(ActivityChanged.ChangeType.UPDATED, a, List.of()));
            chain = chain.chain(() -> planner.decide(change).invoke(plan -> plan.ops().stream()
                    .filter(op -> op.userId().equals(job.userId()) && op.op() == MailboxOp.OpType.CREATE)
                    // the job's own op id: the same create planned on save may be done already, and the job
                    // must still count it (the writer skips what the mailbox already holds)
                    .map(op -> new MailboxOp(jobOpId(op.opId(), job.jobId()), op.op(), op.userId(), op.mailbox(),
                            op.activityId(), op.activityVersion(), op.eventId(), op.content(), op.responseStatus(), job.jobId(),
                            op.role(), op.unlessChangeKey()))
                    .forEach(ops::add)).replaceWithVoid());
        }
        return chain.replaceWith(ops);
    }

    /**
     * "Import from 365": the date range of the user's calendar read through Graph; each selected event becomes a
     * CREATE_FROM_OFFICE command linked to it (the link is kept first, so a re-run skips it and the new activity's
     * change is not pushed back). Activity ids follow from the event, so an import racing a notification for the
     * same event still makes one activity.
     */
    private Uni<Void> importFrom365(JobRequested job, SyncJob row, String mailbox) {
        LocalDate from = job.from() != null ? job.from() : LocalDate.now(clock).minusDays(30);
        LocalDate to = job.to() != null ? job.to() : from.plusYears(1);
        return Offload.blocking(() -> {
            try {
                String token = tokens.tokenFor(job.user()).accessToken();
                return PatientReads.read(readPatience, () -> graph.calendarView(mailbox, token, from, to));
            } catch (RuntimeException e) {
                return null; // reported as the job's failure below, with the reason
            }
        }).chain(events -> {
            if (events == null) {
                return finish(row, JobProgress.State.FAILED, "Office 365 could not be read: try the import again");
            }
            // the user's own links, and any link to one of these meetings (invitations of meetings we pushed)
            List<String> meetingIds = events.stream().map(OfficeEvent::iCalUId).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            var linksQuery = meetingIds.isEmpty()
                    ? EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and id.userId = ?2", job.firmId(), job.userId())
                    : EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and (id.userId = ?2 or iCalUId in ?3)",
                            job.firmId(), job.userId(), meetingIds);
            return linksQuery.chain(links -> {
                Set<String> linkedEvents = links.stream().filter(l -> l.id.userId.equals(job.userId()))
                        .map(l -> l.eventId).collect(Collectors.toSet());
                Set<String> meetings = links.stream().filter(l -> l.iCalUId != null).map(l -> l.iCalUId)
                        .collect(Collectors.toSet());
                var selection = ImportSelection.select(events, job.prefix(), linkedEvents, meetings);
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (OfficeEvent e : selection.toImport()) {
                    chain = chain.chain(() -> importEvent(job, mailbox, e));
                }
                row.total = selection.toImport().size();
                row.done = row.total;
                return chain.chain(() -> finish(row, JobProgress.State.COMPLETED, null));
            });
        });
    }

    private Uni<Void> importEvent(JobRequested job, String mailbox, OfficeEvent e) {
        String activityId = StableIds.activityFromEvent(e.eventId());
        ActivityCommand cmd = new ActivityCommand(StableIds.uuid("import|" + job.userId() + "|"
                + e.eventId()), ActivityCommand.Type.CREATE_FROM_OFFICE, null, activityId, job.userId(), e.fields(),
                null, new ActivityCommand.GraphLink(mailbox, e.eventId(), e.iCalUId(), e.changeKey()),
                e.lastModified() == null ? Instant.now() : e.lastModified());
        return GraphNotificationsConsumer.linkTo(activityId, job.user(), EventLink.Role.COPY, mailbox, e)
                .chain(() -> outbox.append(Topics.ACTIVITY_COMMANDS, activityId, EventEnvelope.of(SyncPublisher.SOURCE,
                        ActivityCommand.TYPE, activityId, job.firmId(), Origin.office365(job.userId(), mailbox,
                                e.changeKey()), cmd)));
    }

    static String jobOpId(String opId, String jobId) {
        return StableIds.uuid(opId + "|job|" + jobId);
    }

    private Uni<Void> finish(SyncJob row, JobProgress.State state, String error) {
        row.state = state;
        row.lastError = error;
        row.updatedAt = Instant.now();
        return row.persist().chain(() -> publisher.progress(row.firmId, row.progress()));
    }
}
