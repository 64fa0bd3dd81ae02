package dev.kleaktop.cli;

import dev.kleaktop.source.KernelFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Function;

/**
 * The time zone of the clock in the header. Most servers run on UTC, and asking the JVM
 * ({@link ZoneId#systemDefault()}) loads and indexes the whole time-zone database first
 * (over 10 ms of a start that prints one line of time). So where the JVM would certainly find
 * UTC, this says so without the database; anything else, or any doubt, asks the JVM.
 *
 * <p>The JVM on Linux takes the zone from {@code -Duser.timezone}, else the {@code TZ}
 * variable, else (depending on its version) {@code /etc/timezone} or the name
 * {@code /etc/localtime} links to. This answers UTC only when the first of the first two that
 * is set names UTC, or, neither being set, when both files agree on UTC as far as they exist
 * (a copied /etc/localtime, not a link, leaves it to the JVM).
 */
final class SystemZone {
    /** Names of zones whose offset is always zero. */
    static final Set<String> UTC_NAMES = Set.of("UTC", "UCT", "GMT", "GMT0", "Universal", "Zulu", "Greenwich",
            "Etc/UTC", "Etc/UCT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Universal", "Etc/Zulu",
            "Etc/Greenwich");

    /** "UTC" by name (shown as such), with fixed rules: no time-zone database behind it. */
    static final ZoneId UTC = ZoneId.of("UTC");

    private SystemZone() {}

    static ZoneId get() {
        return isUtc(System.getProperty("user.timezone"), System.getenv("TZ"), SystemZone::readFirstLine,
                SystemZone::linkTarget) ? UTC : ZoneId.systemDefault();
    }

    /**
     * True only when the first zone source present names UTC.
     *
     * @param property  {@code user.timezone}, or null
     * @param tz        the {@code TZ} variable, or null
     * @param firstLine the first line of a file, or null when it cannot be read
     * @param link      where a symlink points, "" for a file that is not a link, null when
     *                  there is no such file
     */
    static boolean isUtc(String property, String tz, Function<Path, String> firstLine, Function<Path, String> link) {
        if (property != null && !property.isEmpty()) return isUtcName(property);
        if (tz != null && !tz.isEmpty()) return isUtcName(tz.startsWith(":") ? tz.substring(1) : tz);
        String etc = firstLine.apply(Path.of("/etc/timezone"));
        boolean hasEtc = etc != null && !etc.isBlank();
        if (hasEtc && !isUtcName(etc.trim())) return false;
        String target = link.apply(Path.of("/etc/localtime"));
        if (target == null) return hasEtc;
        int at = target.indexOf("zoneinfo/");
        return at >= 0 && isUtcName(target.substring(at + "zoneinfo/".length()));
    }

    static boolean isUtcName(String name) {
        String n = name.startsWith("posix/") ? name.substring(6) : name.startsWith("right/") ? null : name;
        return n != null && UTC_NAMES.contains(n);
    }

    /** The first line of a file of this machine (trimmed), or null when it cannot be read. */
    private static String readFirstLine(Path p) {
        try {
            return KernelFs.live().readLine(p.toString()).orElse(null);
        } catch (dev.kleaktop.source.FileRefusedException e) {
            return null;  // an odd /etc/timezone (huge, a FIFO) only leaves the zone to the JVM
        }
    }

    private static String linkTarget(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (java.nio.file.NotLinkException e) {
            return "";
        } catch (IOException | RuntimeException e) {
            return Files.exists(p) ? "" : null;
        }
    }
}
