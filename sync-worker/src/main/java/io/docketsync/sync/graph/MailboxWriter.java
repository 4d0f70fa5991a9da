package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;

import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.sync.domain.MailboxPace;
import io.docketsync.sync.domain.MailboxTokens;
import io.docketsync.sync.domain.MailboxUnavailableException;
import io.docketsync.sync.domain.WriteOutcome;
import io.docketsync.sync.persistence.WrittenChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Writes a set of independent requests to one mailbox at Graph's pace (blocking): {@code $batch}es of up to 20,
 * {@code max-in-flight-per-mailbox} batches at a time (one: Graph runs 4 of its requests at once, Outlook's limit
 * per app and mailbox), throttled requests waited out for as long
 * as Graph's Retry-After says and our patience allows, and a circuit breaker per mailbox that stops calling a
 * mailbox whose answers keep failing (503s, timeouts) until it has had time to recover.
 */
@ApplicationScoped
public class MailboxWriter {
    private static final Logger LOG = Logger.getLogger(MailboxWriter.class);
    private static final TypeLiteral<List<WriteOutcome>> OUTCOMES = new TypeLiteral<>() {
    };

    @Inject
    GraphCalendarClient graph;
    @Inject
    @Named("mailboxTokens")
    MailboxTokens tokens;
    @Inject
    MeterRegistry metrics;
    @Inject
    WrittenChanges written;
    @Inject
    SyncConfig config;
    @Inject
    MailboxSlots slots;
    @Inject
    WritesInFlight inFlight;

    private final ExecutorService mailboxes = Executors.newCachedThreadPool(
            GraphThreads.named(GraphThreads.MAILBOX_WRITE));
    private final Map<UserKey, Guard> breakers = new ConcurrentHashMap<>();
    /** The batch size of each mailbox Graph throttled lately, learnt from its 429s. */
    private final Map<UserKey, MailboxPace> paces = new ConcurrentHashMap<>();
    private final ExecutorService requests = Executors.newCachedThreadPool(
            GraphThreads.named(GraphThreads.GRAPH_WRITE));

    @PreDestroy
    void stop() {
        mailboxes.shutdownNow();
        requests.shutdownNow();
    }

    /** Every mailbox's writes at once (mailboxes are independent); the outcomes of all, by write id. */
    public Map<String, WriteOutcome> writeAll(Map<UserKey, List<CalendarWrite>> writesByUser) {
        Map<UserKey, Future<Map<String, WriteOutcome>>> running = new LinkedHashMap<>();
        writesByUser.forEach((user, writes) -> running.put(user, mailboxes.submit(() -> write(user, writes))));
        Map<String, WriteOutcome> outcomes = new HashMap<>();
        running.values().forEach(f -> outcomes.putAll(await(f)));
        return outcomes;
    }

    /** Thrown inside the breaker when Graph could not answer for the mailbox: counts as a failure there. */
    static final class MailboxUnhealthyException extends RuntimeException {
        final GraphWriteException cause;

        MailboxUnhealthyException(GraphWriteException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    /**
     * Writes every request (none may touch the same event: they may run in any order) and answers each by id.
     * Never throws for Graph's answers: each write ends ok, or failed with Graph's reason or the mailbox's state.
     */
    public Map<String, WriteOutcome> write(UserKey user, List<CalendarWrite> writes) {
        Instant started = Instant.now();
        Instant giveUp = started.plus(config.throttlePatience());
        Map<String, WriteOutcome> done = new HashMap<>();
        List<CalendarWrite> todo = writes;
        boolean tokenRefreshed = false;
        boolean told = false;
        while (!todo.isEmpty()) {
            String token;
            try {
                token = tokens.tokenFor(user).accessToken();
            } catch (MailboxUnavailableException e) {
                todo.forEach(w -> done.put(w.id(), WriteOutcome.failed(e)));
                break;
            } catch (GraphWriteException e) { // connector-service away for a moment
                if (!retryable(e, true, giveUp)) {
                    todo.forEach(w -> done.put(w.id(), WriteOutcome.failed(e)));
                    break;
                }
                told = tellStillRetrying(user, todo.size(), started, told, e);
                pause(e.retryAfter());
                continue;
            }
            Map<String, WriteOutcome> round = round(user, token, todo);
            List<CalendarWrite> again = new ArrayList<>();
            Duration wait = Duration.ZERO;
            boolean unauthorized = false;
            GraphWriteException lastRetried = null;
            for (CalendarWrite w : todo) {
                WriteOutcome o = round.get(w.id());
                if (o.succeeded()) {
                    done.put(w.id(), o);
                    count(w, "ok");
                    continue;
                }
                if (o.failure() instanceof GraphWriteException e && retryable(e, tokenRefreshed, giveUp)) {
                    unauthorized |= e.status() == 401;
                    again.add(w);
                    wait = max(wait, e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter());
                    lastRetried = e;
                    count(w, "retried-" + e.status());
                } else {
                    done.put(w.id(), o);
                    count(w, "failed");
                }
            }
            if (unauthorized) {
                tokens.forget(user); // expired between hand-out and use: ask for a fresh one, once
                tokenRefreshed = true;
            }
            if (!again.isEmpty()) {
                LOG.debugf("%d writes to %s wait %s for Graph", again.size(), user, wait);
                told = tellStillRetrying(user, again.size(), started, told, lastRetried);
                pause(wait);
            }
            todo = again;
        }
        return withExceptions(user, writes, done);
    }

    /**
     * A series written (created or updated) is then made to show its exceptions, occurrence by occurrence (over the
     * sync window, docketsync.sync.delta-window-back / -ahead); the
     * write's answer becomes the series as it is afterwards, so its echo is still known by its change key. A series
     * whose exceptions cannot be written ends failed with Graph's reason, as any write.
     */
    private Map<String, WriteOutcome> withExceptions(UserKey user, List<CalendarWrite> writes,
            Map<String, WriteOutcome> done) {
        for (CalendarWrite w : writes) {
            WriteOutcome o = done.get(w.id());
            if (o == null || !o.succeeded() || o.written() == null || w.content() == null
                    || w.content().recurrence() == null) {
                continue;
            }
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            try {
                // one request at a time, each waiting for the one before
                var after = PatientReads.read(config.throttlePatience(), () -> slots.hold(user, 1,
                        () -> graph.showAsActivity(w.mailbox(), tokens.tokenFor(user).accessToken(), o.written(),
                                w.content(), today.minus(config.deltaWindowBack()),
                                today.plus(config.deltaWindowAhead()))));
                done.put(w.id(), WriteOutcome.ok(after));
                written.remember(user, List.of(after));
            } catch (GraphWriteException | MailboxUnavailableException e) {
                done.put(w.id(), WriteOutcome.failed(e));
            }
        }
        return done;
    }

    private boolean retryable(GraphWriteException e, boolean tokenRefreshed, Instant giveUp) {
        boolean worthIt = e.transientFailure() || (e.status() == 401 && !tokenRefreshed);
        Duration wait = e.retryAfter() == null ? Duration.ZERO : e.retryAfter();
        return worthIt && Instant.now().plus(wait).isBefore(giveUp);
    }

    /**
     * One pass over the writes: batches sent at most {@code maxInFlight} at a time, as large as the mailbox's pace
     * ({@link MailboxPace}) allows (the largest unless Graph throttled it lately). Once Graph throttles the mailbox,
     * the rest of the pass is held back until its Retry-After: sent now, it would only be refused too, and against
     * real Graph every refused request still counts against the mailbox.
     */
    private Map<String, WriteOutcome> round(UserKey user, String token, List<CalendarWrite> writes) {
        Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
        int next = 0;
        while (next < writes.size()) {
            List<List<CalendarWrite>> sent = new ArrayList<>();
            for (int b = 0; b < config.maxInFlightPerMailbox() && next < writes.size(); b++) {
                MailboxPace pace = paces.get(user);
                int size = Math.min(pace == null ? config.batchSize() : pace.batchSize(), writes.size() - next);
                sent.add(writes.subList(next, next + size));
                next += size;
            }
            long sentAt = System.nanoTime();
            List<Future<List<WriteOutcome>>> inFlight = new ArrayList<>();
            for (List<CalendarWrite> batch : sent) {
                inFlight.add(requests.submit(() -> send(user, token, batch)));
            }
            Duration throttledFor = null;
            int accepted = 0;
            int throttled = 0;
            for (int b = 0; b < sent.size(); b++) {
                List<WriteOutcome> answers = await(inFlight.get(b));
                for (int w = 0; w < sent.get(b).size(); w++) {
                    WriteOutcome answer = answers.get(w);
                    outcomes.put(sent.get(b).get(w).id(), answer);
                    if (answer.failure() instanceof GraphWriteException e && e.status() == 429) {
                        Duration after = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
                        throttledFor = throttledFor == null ? after : max(throttledFor, after);
                        throttled++;
                    } else if (answer.succeeded()) {
                        accepted++;
                    }
                }
            }
            MailboxPace pace = throttled > 0 ? paces.computeIfAbsent(user, k -> new MailboxPace(config.batchSize()))
                    : paces.get(user);
            if (pace != null) {
                pace.answered(sentAt, accepted, throttled, System.nanoTime());
                if (pace.unpaced()) {
                    paces.remove(user, pace); // only mailboxes Graph throttled lately keep a pace
                }
            }
            if (throttledFor != null) {
                GraphWriteException heldBack = new GraphWriteException(429, "HeldBack",
                        "not sent yet: Office 365 is throttling this mailbox", throttledFor, null);
                writes.subList(next, writes.size()).forEach(w -> outcomes.put(w.id(), WriteOutcome.failed(heldBack)));
                break;
            }
        }
        return outcomes;
    }

    /**
     * One $batch through the mailbox's breaker; a failure of the whole request becomes every write's answer. What
     * Graph wrote is recorded at once: its notifications are on their way, and wait for it ({@link WritesInFlight}).
     */
    private List<WriteOutcome> send(UserKey user, String token, List<CalendarWrite> batch) {
        return inFlight.during(user, () -> {
            List<WriteOutcome> answers = sendThroughBreaker(user, token, batch);
            written.remember(user, answers.stream().filter(WriteOutcome::succeeded).map(WriteOutcome::written)
                    .toList());
            return answers;
        });
    }

    private List<WriteOutcome> sendThroughBreaker(UserKey user, String token, List<CalendarWrite> batch) {
        try {
            return breaker(user).call(() -> {
                List<WriteOutcome> answers;
                try {
                    // Graph runs up to 4 of a $batch's requests at once, each one of the mailbox's slots
                    answers = slots.hold(user, batch.size(), () -> graph.batch(token, batch));
                } catch (GraphWriteException e) {
                    throw unhealthy(e) ? new MailboxUnhealthyException(e) : e;
                }
                // every answer a 503/timeout: the mailbox's server is struggling, not one request
                GraphWriteException first = answers.isEmpty() ? null : unhealthyFailure(answers.get(0));
                if (first != null && answers.stream().allMatch(a -> unhealthyFailure(a) != null)) {
                    throw new MailboxUnhealthyException(first);
                }
                return answers;
            }, OUTCOMES);
        } catch (MailboxUnhealthyException e) {
            return everyWrite(batch, e.cause);
        } catch (GraphWriteException e) {
            return everyWrite(batch, e);
        } catch (CircuitBreakerOpenException e) {
            metrics.counter("docketsync.sync.mailbox.breaker.prevented").increment();
            return everyWrite(batch, new GraphWriteException(503, "CircuitOpen",
                    "paused: Office 365 kept failing for this mailbox", config.circuitBreaker().delay(), e));
        } catch (Exception e) {
            return everyWrite(batch, new GraphWriteException(0, "Unreachable", String.valueOf(e.getMessage()),
                    Duration.ofSeconds(5), e));
        }
    }

    private Guard breaker(UserKey user) {
        return breakers.computeIfAbsent(user, id -> Guard.create()
                .withCircuitBreaker()
                .requestVolumeThreshold(config.circuitBreaker().requestVolume())
                .failureRatio(config.circuitBreaker().failureRatio())
                .delay(config.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                .failOn(MailboxUnhealthyException.class)
                .onStateChange(state -> {
                    if (state == CircuitBreakerState.OPEN) {
                        LOG.warnf("Office 365 keeps failing for %s: pausing its writes for %s", id, config.circuitBreaker().delay());
                    }
                })
                .done()
                .build());
    }

    private static boolean unhealthy(GraphWriteException e) {
        return e.status() == 503 || e.status() == 504 || e.status() == 0;
    }

    private static GraphWriteException unhealthyFailure(WriteOutcome o) {
        return o.failure() instanceof GraphWriteException e && unhealthy(e) ? e : null;
    }

    private static List<WriteOutcome> everyWrite(List<CalendarWrite> batch, RuntimeException failure) {
        return batch.stream().map(w -> WriteOutcome.failed(failure)).toList();
    }

    private void count(CalendarWrite w, String outcome) {
        metrics.counter("docketsync.sync.mailbox.writes", "op", w.kind().name(), "outcome", outcome).increment();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Office 365", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing to Office 365 failed unexpectedly", e.getCause());
        }
    }

    private static final Duration STILL_RETRYING = Duration.ofMinutes(1);

    /**
     * Writes to a mailbox that have been retried for over a minute are said once, with the last reason: they hold up
     * their partition's other mailboxes, and the retries themselves log at debug only.
     */
    static boolean tellStillRetrying(UserKey user, int writes, Instant started, boolean told,
            GraphWriteException last) {
        Duration retrying = Duration.between(started, Instant.now());
        if (told || retrying.compareTo(STILL_RETRYING) < 0) {
            return told;
        }
        LOG.infof("%d writes to %s still retried after %d s (they give up after the throttle patience); last: %s",
                writes, user, retrying.toSeconds(), last == null ? "unknown" : last.reason());
        return true;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(Math.max(50, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting out Graph's throttling", e);
        }
    }
}
