package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.MemInfo;
import dev.kleaktop.testing.Corpus;
import org.junit.jupiter.api.Test;

class MeminfoParserTest {
    @Test
    void readsTheLabMeminfo() {
        String text = Corpus.text("slabinfo/meminfo.2-final.txt");
        MemInfo m = MeminfoParser.parse(text);
        assertThat(m.memTotalKb()).isEqualTo(valueOf(text, "MemTotal"));
        assertThat(m.slabKb()).isEqualTo(valueOf(text, "Slab"));
        assertThat(m.sUnreclaimKb()).isEqualTo(valueOf(text, "SUnreclaim"));
        assertThat(m.sReclaimableKb()).isEqualTo(valueOf(text, "SReclaimable"));
        assertThat(m.memAvailableKb()).isEqualTo(valueOf(text, "MemAvailable"));
        assertThat(m.slabKb()).isEqualTo(m.sUnreclaimKb() + m.sReclaimableKb());
    }

    @Test
    void skipsWhatItCannotRead() {
        MemInfo m = MeminfoParser.parse("MemTotal:  100 kB\ngarbage\nSlab: x kB\nHugePages_Total:       0\n");
        assertThat(m.memTotalKb()).isEqualTo(100);
        assertThat(m.slabKb()).isNull();
        assertThat(m.kb("HugePages_Total")).isZero();
    }

    private static long valueOf(String text, String field) {
        return text.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.replaceAll("\\D+", " ").trim().split(" ")[0])
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }
}
