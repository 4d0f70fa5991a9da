package io.docketsync.local;

/**
 * When the platform is quiet enough to start a phase: the CPU the work before it left (the users' Connects, the last
 * phase's echoes and reads) must not be charged to the next phase's changes. Quiet is a
 * window whose CPU rate is under {@code floor} (a platform at rest), or one that no longer falls: within
 * {@code plateau} of the window before it (what is left is the platform's own idle cost, which no wait removes).
 * Plain Java, no I/O.
 */
record Quiet(double floorMsPerSecond, double plateau) {
    static final Quiet DEFAULT = new Quiet(150, 0.10);

    /**
     * @param previousMsPerSecond the CPU rate of the window before, or a negative number for the first window
     * @param msPerSecond the CPU rate of the window just measured (all processes but the simulator)
     */
    boolean reached(double previousMsPerSecond, double msPerSecond) {
        if (msPerSecond <= floorMsPerSecond) {
            return true;
        }
        return previousMsPerSecond >= 0 && Math.abs(msPerSecond - previousMsPerSecond) <= plateau * previousMsPerSecond;
    }
}
