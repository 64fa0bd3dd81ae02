package dev.kleaktop.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a pick list. An entry may carry a time, shown as its age counted to the
 * screen's clock at every draw, so the ages move while the list is up.
 *
 * @param key   what the chosen entry stands for, handed back to the action (a file's path)
 * @param label the line shown; with a time, the part before the age
 * @param time  when the entry was made, or null for no age
 * @param after with a time, what follows the age; else empty
 */
public record Choice(String key, String label, Instant time, String after) {
    public Choice {
        if (key == null || label == null) throw new IllegalArgumentException("key and label are required");
        if (after == null) after = "";
    }

    /** An entry without an age. */
    public Choice(String key, String label) {
        this(key, label, null, "");
    }

    /** The lines of a list at {@code now}, each age right-aligned to the widest of the list. */
    public static List<String> lines(List<Choice> choices, Instant now) {
        int width = 0;
        for (Choice c : choices) {
            if (c.time != null) width = Math.max(width, age(c.time, now).length());
        }
        List<String> out = new ArrayList<>(choices.size());
        for (Choice c : choices) {
            out.add(c.time == null ? c.label : c.label + Text.padLeft(age(c.time, now), width) + c.after);
        }
        return out;
    }

    /** {@code 3h12m ago}, or {@code in the future} for a time after {@code now}. */
    public static String age(Instant t, Instant now) {
        long s = Duration.between(t, now).getSeconds();
        return s < 0 ? Units.age(s) : Units.age(s) + " ago";
    }
}
