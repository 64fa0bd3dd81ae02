package dev.kleaktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheIdTest {
    /** A record of the same components, whose hashCode and equals are generated. */
    record Generated(String name, int index) {}

    @Test
    void hashAndEqualityAreThoseOfARecord() {
        for (String n : new String[] {"", "dentry", "kmalloc-64", "dentry(1234:session-3.scope)", "\u00e9"}) {
            for (int i = 0; i < 4; i++) {
                assertThat(new CacheId(n, i).hashCode()).isEqualTo(new Generated(n, i).hashCode());
                assertThat(new CacheId(n, i)).isEqualTo(new CacheId(new String(n), i)).isNotEqualTo(new CacheId(n, i + 1));
            }
        }
        assertThat(CacheId.of("a")).isNotEqualTo(CacheId.of("b")).isNotEqualTo("a").isNotEqualTo(null);
    }
}
