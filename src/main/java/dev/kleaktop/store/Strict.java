package dev.kleaktop.store;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Typed access to a parsed json tree that fails with one {@link SnapshotException} naming the
 * file and the json path ({@code caches[3].num_slabs}) of whatever is missing or mistyped.
 * Nothing else escapes: every cast is checked first.
 */
final class Strict {
    private final String file;

    Strict(String file) {
        this.file = file;
    }

    SnapshotException fail(String problem) {
        return new SnapshotException(file, problem);
    }

    SnapshotException mistyped(String path, String expected, Object found) {
        return fail(path + ": expected " + expected + ", found " + describe(found));
    }

    /** The value of a key that must be present (its value may still be null). */
    Object required(Map<String, Object> m, String key, String path) throws SnapshotException {
        if (!m.containsKey(key)) throw fail("missing field " + path);
        return m.get(key);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object v, String path) throws SnapshotException {
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw mistyped(path, "an object", v);
    }

    @SuppressWarnings("unchecked")
    List<Object> array(Object v, String path) throws SnapshotException {
        if (v instanceof List<?> l) return (List<Object>) l;
        throw mistyped(path, "an array", v);
    }

    Map<String, Object> requiredObject(Map<String, Object> m, String key, String path) throws SnapshotException {
        return object(required(m, key, path), path);
    }

    List<Object> requiredArray(Map<String, Object> m, String key, String path) throws SnapshotException {
        return array(required(m, key, path), path);
    }

    String string(Object v, String path) throws SnapshotException {
        if (v instanceof String s) return s;
        throw mistyped(path, "a string", v);
    }

    String stringOrNull(Object v, String path) throws SnapshotException {
        return v == null ? null : string(v, path);
    }

    /** A whole number that fits a long; any sign. */
    long integer(Object v, String path) throws SnapshotException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) return b.longValue();
        if (v instanceof BigInteger) throw fail(path + ": number out of range: " + v);
        throw mistyped(path, "an integer", v);
    }

    long count(Object v, String path) throws SnapshotException {
        long n = integer(v, path);
        if (n < 0) throw fail(path + ": expected a count (0 or more), found " + n);
        return n;
    }

    Long integerOrNull(Object v, String path) throws SnapshotException {
        return v == null ? null : integer(v, path);
    }

    Integer intOrNull(Object v, String path) throws SnapshotException {
        Long n = integerOrNull(v, path);
        if (n != null && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) throw fail(path + ": number out of range: " + n);
        return n == null ? null : n.intValue();
    }

    /** An array of strings (no nulls). */
    java.util.List<String> strings(Object v, String path) throws SnapshotException {
        List<Object> l = array(v, path);
        java.util.List<String> out = new java.util.ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) out.add(string(l.get(i), path + "[" + i + "]"));
        return out;
    }

    Double numberOrNull(Object v, String path) throws SnapshotException {
        if (v == null) return null;
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw fail(path + ": number out of range: " + v);
            return d;
        }
        throw mistyped(path, "a number", v);
    }

    Boolean booleanOrNull(Object v, String path) throws SnapshotException {
        if (v == null || v instanceof Boolean) return (Boolean) v;
        throw mistyped(path, "true, false or null", v);
    }

    /** How a json value is named in a message; strings are shown quoted and cut short. */
    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            return "string \"" + shown + "\"";
        }
        if (v instanceof Boolean) return v.toString();
        if (v instanceof Number) return "number " + v;
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        return v.getClass().getSimpleName();
    }
}
