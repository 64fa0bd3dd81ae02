package dev.kleaktop.export;

/**
 * What one client of the metrics server may hold: connections at once, the size of a request
 * head and the times to send it, to take the answer and to close.
 */
record ServerLimits(int maxConnections, int headBytes, long headTimeoutMs, long writeTimeoutMs, long lingerMs) {
    static final ServerLimits DEFAULT = new ServerLimits(256, 8192, 5_000, 30_000, 2_000);
}
