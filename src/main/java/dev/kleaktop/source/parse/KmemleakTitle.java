package dev.kleaktop.source.parse;

import java.util.List;

/**
 * The name kernel developers and syzbot give a kmemleak report: {@code memory leak in FUNC},
 * so that a group can be searched for on lore.kernel.org and the syzbot dashboard.
 *
 * <p>FUNC is found by walking the backtrace from the allocation outwards:
 * <ol>
 *   <li>frames of allocators and allocator-like wrappers are passed over: the functions of
 *       {@link AllocatorFrames} and any function whose name contains one of {@link #WORDS}
 *       ({@code alloc}, {@code kmem}, {@code slab}, {@code strdup}, {@code memdup},
 *       {@code kasprintf}, {@code krealloc}, {@code __list_lru_init}, {@code _mem_init} ...):
 *       {@code usb_alloc_urb} or {@code alloc_inode} hand memory to their caller, which is
 *       where the leak is;</li>
 *   <li>the first other frame is the leaking code. When it is an {@code [inline]} frame of a
 *       symbolized report, FUNC is the real function it was inlined into: the next frame that
 *       is not {@code [inline]} (a symbolizer prints a function's inlined callees first);</li>
 *   <li>FUNC is the bare function name: no {@code [<addr>]}, {@code +0xoff/0xlen}, module or
 *       file suffix, and no compiler suffix ({@code do_ipv6_setsockopt.isra.7} is
 *       {@code do_ipv6_setsockopt});</li>
 *   <li>a bare address ({@code 0xffffffffc1a92499}: code of a module since unloaded) has no
 *       name to search for, and its callers are not where the leak is: no title;</li>
 *   <li>when every frame is allocator-like (a cut backtrace), FUNC is the outermost named
 *       frame, the closest to the leak that the report shows; an empty backtrace has no
 *       title.</li>
 * </ol>
 * The end-of-trace marker {@code 0xffffffffffffffff} of old kernels is not a frame. This
 * agrees with the titles syzkaller's own tests expect for the reports in the corpus.
 */
final class KmemleakTitle {
    /** Parts of a function name that mark an allocator-like wrapper. */
    static final List<String> WORDS = List.of(
            "alloc", "kmem", "slab", "strdup", "kstrndup", "memdup", "kasprintf", "kvasprintf",
            "krealloc", "__list_lru_init", "_mem_init");

    private KmemleakTitle() {}

    /** {@code memory leak in FUNC} for a backtrace as the record prints it, or null. */
    static String of(List<String> backtrace) {
        String outermost = null;
        boolean anchored = false;
        for (String frame : backtrace) {
            String fn = function(frame);
            if (fn == null) continue;                              // the end-of-trace marker
            boolean inline = frame.endsWith("[inline]");
            if (anchored) {
                if (inline) continue;
                return fn.startsWith("0x") ? null : title(fn);
            }
            if (fn.startsWith("0x")) return null;                  // an unloaded module's code
            if (allocatorLike(fn)) {
                if (!inline) outermost = fn;
                continue;
            }
            if (!inline) return title(fn);
            anchored = true;                                       // name the function it is inlined into
        }
        return outermost == null ? null : title(outermost);
    }

    private static String title(String fn) {
        return "memory leak in " + fn;
    }

    static boolean allocatorLike(String fn) {
        if (AllocatorFrames.isInternal(fn)) return true;
        for (String w : WORDS) if (fn.contains(w)) return true;
        return false;
    }

    /**
     * The bare function name of a frame ({@code name+0x3c/0x60 [mod] file.c:12 [inline]}), the
     * address of a bare-address frame, or null for the end-of-trace marker and empty frames.
     */
    static String function(String frame) {
        int e = 0;
        while (e < frame.length() && !OomText.isBlank(frame.charAt(e))) e++;
        String fn = frame.substring(0, e);
        int plus = fn.indexOf('+');
        if (plus >= 0) fn = fn.substring(0, plus);
        if (fn.startsWith("0x")) return isTerminator(fn) ? null : fn;
        int dot = fn.indexOf('.');
        if (dot >= 0) fn = fn.substring(0, dot);
        return fn.isEmpty() ? null : fn;
    }

    /** {@code 0xffffffff} / {@code 0xffffffffffffffff}: the end-of-trace marker, not a call site. */
    static boolean isTerminator(String fn) {
        if (fn.length() < 10 || !fn.startsWith("0x")) return false;
        for (int k = 2; k < fn.length(); k++) if (fn.charAt(k) != 'f') return false;
        return true;
    }
}
