/**
 * Fleet export to Prometheus: maps each refresh to the Prometheus client's metric model
 * ({@link dev.kleaktop.export.MetricsMapper}, pure) and runs the long-lived exporter that
 * samples the kernel once per interval and serves the latest result over HTTP and/or writes
 * it to a node_exporter textfile ({@link dev.kleaktop.export.Exporter}).
 */
package dev.kleaktop.export;
