package dev.kleaktop.model;

import java.time.Instant;

/**
 * Who and what was sampled: read once at start. Fields the source does not have are null.
 *
 * @param pageSize   bytes per page, used for {@code size_bytes}
 * @param capturedAt when a captured tree was taken, as the tree records it (its
 *                   {@code captured_at} file); null for the live system or a tree without one
 * @param series     the captured series replayed ({@code --series}), as named in messages; null otherwise
 */
public record Identity(String host, String kernel, String bootId, long pageSize, Instant capturedAt, String series) {
    public Identity(String host, String kernel, String bootId, long pageSize, Instant capturedAt) {
        this(host, kernel, bootId, pageSize, capturedAt, null);
    }

    /** The live system, or a tree that does not say when it was captured. */
    public Identity(String host, String kernel, String bootId, long pageSize) {
        this(host, kernel, bootId, pageSize, null);
    }
}
