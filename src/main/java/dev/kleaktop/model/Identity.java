package dev.kleaktop.model;

/**
 * Who and what was sampled: read once at start. Fields the source does not have are null.
 *
 * @param pageSize bytes per page, used for {@code size_bytes}
 */
public record Identity(String host, String kernel, String bootId, long pageSize) {}
