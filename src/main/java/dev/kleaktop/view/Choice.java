package dev.kleaktop.view;

/**
 * One entry of a pick list.
 *
 * @param key   what the chosen entry stands for, handed back to the action (a file's path)
 * @param label the line shown
 */
public record Choice(String key, String label) {
    public Choice {
        if (key == null || label == null) throw new IllegalArgumentException("key and label are required");
    }
}
