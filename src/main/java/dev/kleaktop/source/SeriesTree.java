package dev.kleaktop.source;

import java.nio.charset.StandardCharsets;

/**
 * The kernel files of a captured series' current sample, as a {@link KernelFs} serves them:
 * {@link SeriesFile#PATHS} and /proc/uptime (the sample's {@code t=}) come from the sample,
 * a path the sample lacks is missing; everything else comes from the tree under the root
 * ({@code --root}, when given with {@code --series}). Set by the one thread that samples.
 */
public final class SeriesTree implements KernelFs.Overlay {
    private final String name;
    private volatile SeriesFile.Sample sample;

    public SeriesTree(String name) { this.name = name; }

    /** The sample the files come from next. */
    public void show(SeriesFile.Sample s) { sample = s; }

    public SeriesFile.Sample sample() { return sample; }

    @Override
    public String name() { return name; }

    @Override
    public boolean owns(String rel) {
        return rel.equals(KernelFs.UPTIME) || SeriesFile.PATHS.contains(rel);
    }

    @Override
    public byte[] file(String rel) {
        SeriesFile.Sample s = sample;
        if (s == null) return null;
        if (rel.equals(KernelFs.UPTIME)) {
            return s.uptimeS() == null ? null : (s.uptimeS() + " 0\n").getBytes(StandardCharsets.US_ASCII);
        }
        return s.files().get(rel);
    }

    @Override
    public String display(String rel) {
        SeriesFile.Sample s = sample;
        return name + (s == null ? "" : ":" + s.line()) + " (" + rel + ")";
    }
}
