package io.docketsync.simulator.limits;

import io.docketsync.simulator.config.SimulatorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a Graph request takes to be answered (docketsync.simulator.latency.*, replaced at run time by
 * PUT /_sim/latency): a log-normal wait, median and sigma configured, cut at a maximum. Graph's answer times are
 * right-skewed (most near the median, a long tail of slow ones), which a log-normal models with two numbers.
 */
@ApplicationScoped
public class LatencyModel {
    /** @param seed 0: unseeded */
    public record Settings(boolean enabled, Duration median, double sigma, Duration max, long seed) {
        public Settings {
            median = median == null ? Duration.ofMillis(120) : median;
            max = max == null ? Duration.ofSeconds(2) : max;
            if (median.isNegative() || max.isNegative() || sigma < 0 || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("median and max must not be negative, sigma must be 0 or more");
            }
        }
    }

    @Inject
    SimulatorConfig config;

    private volatile Settings settings;
    /** Only when seeded: one sequence for every request, drawn under its lock. */
    private volatile Random seeded;

    @PostConstruct
    void init() {
        reset();
    }

    public void reset() {
        SimulatorConfig.Latency l = config.latency();
        configure(new Settings(l.enabled(), l.median(), l.sigma(), l.max(), l.seed()));
    }

    public void configure(Settings newSettings) {
        seeded = newSettings.seed() == 0 ? null : new Random(newSettings.seed());
        settings = newSettings;
    }

    public Settings settings() {
        return settings;
    }

    /** The wait for one request, or zero when the model is off. */
    public Duration next() {
        Settings s = settings;
        if (!s.enabled()) {
            return Duration.ZERO;
        }
        Random r = seeded;
        double gaussian;
        if (r == null) {
            gaussian = ThreadLocalRandom.current().nextGaussian();
        } else {
            synchronized (r) {
                gaussian = r.nextGaussian();
            }
        }
        return wait(s, gaussian);
    }

    /** The wait a standard normal draw {@code z} gives: median × e^(sigma·z), at most max. */
    static Duration wait(Settings s, double z) {
        double nanos = s.median().toNanos() * Math.exp(s.sigma() * z);
        return Duration.ofNanos((long) Math.min(nanos, s.max().toNanos()));
    }
}
