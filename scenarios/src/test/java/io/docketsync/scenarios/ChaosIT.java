package io.docketsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.scenarios.chaos.ChaosRun;
import org.junit.jupiter.api.Test;

/**
 * The chaos run ({@link ChaosRun}) as a test: small in the default build (CI), full with {@code -Pchaos};
 * {@code -Dchaos.seed=N -Dchaos.size=small|full|<ops>} choose. Fails unless nothing was lost, duplicated or
 * orphaned.
 */
class ChaosIT extends ScenarioSupport {
    @Test
    void mailboxesHoldExactlyWhatTheRulesSayAfterKillsRestartsAndFaults() throws Exception {
        long seed = Long.parseLong(System.getProperty("chaos.seed", "42"));
        String size = System.getProperty("chaos.size", "small");
        ChaosRun.Report report = new ChaosRun(system, ChaosRun.Options.of(seed, size)).run();
        assertTrue(report.expected() > 0, "the run left nothing to compare: " + report.summary());
        // both sides changed events while the faults were on, or the run proved only half of what it claims
        assertTrue(report.operations().getOrDefault("outlook edit", 0) > 0, () -> "no Outlook edit: " + report.operations());
        assertTrue(report.operations().getOrDefault("outlook delete", 0)
                + report.operations().getOrDefault("outlook delete by a restricted user", 0) > 0,
                () -> "no Outlook deletion: " + report.operations());
        assertEquals(0, report.lost(), () -> "lost: " + report.summary() + "\n" + String.join("\n", report.details()));
        assertEquals(0, report.duplicated(), () -> "duplicated: " + report.summary() + "\n" + String.join("\n", report.details()));
        assertEquals(0, report.orphaned(), () -> "orphaned: " + report.summary() + "\n" + String.join("\n", report.details()));
        assertTrue(report.clean(), () -> report.summary() + "\n" + String.join("\n", report.details()));
    }
}
