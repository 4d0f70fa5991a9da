package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.DeltaRound;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.sync.domain.MailboxTokens;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.ReadEvent;
import io.docketsync.sync.domain.WriteOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The worker's one threading rule in one place: the flows are reactive (Hibernate Reactive on Vert.x), the Graph
 * SDK and the token sources block. Every call runs on this class's named pool ({@code graph-call-N},
 * {@code docketsync.sync.graph-threads}) and its result resumes on the caller's Vert.x context, where its
 * Hibernate Reactive session lives. No transaction is open across these calls: the flows read first, then write.
 */
@ApplicationScoped
public class GraphCalendar implements Calendar {
    private static final Logger LOG = Logger.getLogger(GraphCalendar.class);

    private final GraphCalendarClient graph;
    private final MailboxWriter writer;
    private final MailboxTokens tokens;
    private final SyncConfig config;
    private final ExecutorService pool;
    private final MailboxSlots slots;
    private final WritesInFlight inFlight;

    @Inject
    public GraphCalendar(GraphCalendarClient graph, MailboxWriter writer, @Named("mailboxTokens") MailboxTokens tokens,
            SyncConfig config, MailboxSlots slots, WritesInFlight inFlight) {
        this.graph = graph;
        this.slots = slots;
        this.inFlight = inFlight;
        this.writer = writer;
        this.tokens = tokens;
        this.config = config;
        this.pool = Executors.newFixedThreadPool(config.graphThreads(), GraphThreads.named(GraphThreads.GRAPH_CALL));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public Uni<Optional<ReadEvent>> read(UserKey user, String mailbox, String eventId) {
        return blocking(() -> Optional.ofNullable(
                patiently(user, () -> graph.readWithAnswers(mailbox, token(user), eventId))));
    }

    @Override
    public Uni<List<OfficeEvent>> calendarView(UserKey user, String mailbox, LocalDate from, LocalDate to) {
        return blocking(() -> patiently(user, () -> graph.calendarView(mailbox, token(user), from, to)));
    }

    @Override
    public Uni<List<OfficeEvent>> instances(UserKey user, String mailbox, String seriesId, java.time.Instant from,
            java.time.Instant to) {
        return blocking(() -> patiently(user, () -> graph.instances(mailbox, token(user), seriesId, from, to)));
    }

    @Override
    public Uni<DeltaRound> delta(UserKey user, String mailbox, String deltaLink, LocalDate from, LocalDate to) {
        return blocking(() -> {
            DeltaRound round = deltaRound(user, mailbox, deltaLink, from, to);
            // delta also reports events that only left the window as removed: only a 404 means deleted
            List<OfficeEvent> changed = new ArrayList<>(round.changed());
            List<String> removed = new ArrayList<>();
            for (String id : round.removed()) {
                ReadEvent still = patiently(user, () -> graph.readWithAnswers(mailbox, token(user), id));
                if (still == null) {
                    removed.add(id);
                } else {
                    changed.add(still.event());
                }
            }
            return asSeries(user, mailbox, new DeltaRound(changed, removed, round.deltaLink(), round.baseline()),
                    from, to);
        });
    }

    /** Occurrences reported by delta become their series master, read with the series' occurrences. */
    private DeltaRound asSeries(UserKey user, String mailbox, DeltaRound round, LocalDate from, LocalDate to) {
        List<OfficeEvent> changed = new ArrayList<>();
        java.util.Set<String> masters = new java.util.LinkedHashSet<>();
        for (OfficeEvent e : round.changed()) {
            if (e.occurrence() && e.series().masterId() != null) {
                masters.add(e.series().masterId());
            } else {
                changed.add(e);
            }
        }
        java.util.Map<String, List<OfficeEvent>> occurrences = new java.util.HashMap<>();
        for (String id : masters) {
            ReadEvent master = patiently(user, () -> graph.readWithAnswers(mailbox, token(user), id));
            if (master == null) {
                continue; // the series is gone: its deletion comes as the master's own
            }
            changed.removeIf(e -> e.eventId().equals(id));
            changed.add(master.event());
            java.time.Instant since = from.minusDays(7).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            java.time.Instant until = to.plusDays(8).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            occurrences.put(id, patiently(user, () -> graph.instances(mailbox, token(user), id, since, until)));
        }
        return new DeltaRound(changed, round.removed(), round.deltaLink(), round.baseline(), occurrences);
    }

    private DeltaRound deltaRound(UserKey user, String mailbox, String deltaLink, LocalDate from, LocalDate to) {
        if (deltaLink != null) {
            try {
                return patiently(user, () -> graph.delta(mailbox, token(user), deltaLink, from, to, false));
            } catch (GraphWriteException e) {
                if (e.status() != 410) {
                    throw e;
                }
                LOG.infof("delta link of %s expired (%s): a new baseline", user, e.code());
            }
        }
        return patiently(user, () -> graph.delta(mailbox, token(user), null, from, to, true));
    }

    @Override
    public Uni<Map<String, WriteOutcome>> write(Map<UserKey, List<CalendarWrite>> writesByUser) {
        return blocking(() -> writer.writeAll(writesByUser));
    }

    /**
     * One read of the mailbox within one of its slots ({@link MailboxSlots}), waiting out Graph's throttling within
     * the read patience; the slot is held only while the request is out, never while waiting.
     */
    private <T> T patiently(UserKey user, Supplier<T> read) {
        return PatientReads.read(config.readPatience(), () -> slots.hold(user, 1, read));
    }

    @Override
    public Uni<Boolean> writesAnswered(UserKey user, Duration atMost) {
        CompletableFuture<Void> settled = inFlight.settled(user);
        if (settled == null) {
            return Uni.createFrom().item(false);
        }
        return onCallersContext(Uni.createFrom().completionStage(settled).replaceWith(true)
                .ifNoItem().after(atMost).recoverWithItem(true));
    }

    private String token(UserKey user) {
        return tokens.tokenFor(user).accessToken();
    }

    private <T> Uni<T> blocking(Supplier<T> call) {
        return onCallersContext(Uni.createFrom().item(call).runSubscriptionOn(pool));
    }

    /** Its item on the caller's Vert.x context (the reactive database session lives there), if it has one. */
    private static <T> Uni<T> onCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
