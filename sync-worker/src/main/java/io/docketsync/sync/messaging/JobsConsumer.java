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
import io.docketsync.sync.domain.PushMyCalendar;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.SyncJob;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
            if (job.kind() != JobKind.PUSH_MY_CALENDAR) {
                return finish(row, JobProgress.State.FAILED, "import from Office 365 is not available yet");
            }
            return MailboxConnectionEntity.<MailboxConnectionEntity>findById(job.userId()).chain(mailbox -> {
                if (mailbox == null || mailbox.state != ConnectionState.CONNECTED) {
                    return finish(row, JobProgress.State.FAILED, "not connected to Office 365: connect in "
                            + "User Settings > Office 365, then push again");
                }
                return pushMyCalendar(job, row);
            });
        });
    }

    private Uni<Void> pushMyCalendar(JobRequested job, SyncJob row) {
        LocalDate from = job.from() != null ? job.from() : PushMyCalendar.defaultFrom(LocalDate.now(clock));
        return EventLinkEntity.<EventLinkEntity>list("id.userId", job.userId())
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
                    .map(op -> new MailboxOp(jobOpId(op.opId(), job.jobId()), op.op(), op.userId(), op.mailbox(), op.activityId(),
                            op.activityVersion(), op.eventId(), op.content(), op.responseStatus(), job.jobId(),
                            op.role()))
                    .forEach(ops::add)).replaceWithVoid());
        }
        return chain.replaceWith(ops);
    }

    static String jobOpId(String opId, String jobId) {
        return java.util.UUID.nameUUIDFromBytes((opId + "|job|" + jobId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private Uni<Void> finish(SyncJob row, JobProgress.State state, String error) {
        row.state = state;
        row.lastError = error;
        row.updatedAt = Instant.now();
        return row.persist().chain(() -> publisher.progress(row.firmId, row.progress()));
    }
}
