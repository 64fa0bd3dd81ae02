package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KmsgRecordParserTest {

    @Test
    void headerFieldsLevelAndTime() {
        LogRecord r = KmsgRecordParser.parse("6,1804,47700428483,-;wlp4s0: associated").orElseThrow();
        assertThat(r.level()).isEqualTo(6);
        assertThat(r.seq()).isEqualTo(1804);
        assertThat(r.uptimeS()).isEqualTo(47700.428483);
        assertThat(r.wallTime()).isNull();
        assertThat(r.text()).isEqualTo("wlp4s0: associated");
        // facility 3 (daemon) level 4: only the level is kept
        assertThat(KmsgRecordParser.parse("28,5,0,-;x").orElseThrow().level()).isEqualTo(4);
    }

    @Test
    void callerAndUnknownFieldsAreIgnored() {
        LogRecord r = KmsgRecordParser.parse("4,311,209670,c,caller=T14,future=1;  #1  #3  #5  #7").orElseThrow();
        assertThat(r.seq()).isEqualTo(311);
        assertThat(r.level()).isEqualTo(4);
        assertThat(r.text()).isEqualTo("  #1  #3  #5  #7");
    }

    @Test
    void dictionaryLinesAreNotText() {
        LogRecord r = KmsgRecordParser.parse(
                "6,438,377378,-;acpi PNP0A08:00: _OSC: OS supports\n SUBSYSTEM=acpi\n DEVICE=+acpi:PNP0A08:00\n")
                .orElseThrow();
        assertThat(r.text()).isEqualTo("acpi PNP0A08:00: _OSC: OS supports");
    }

    @Test
    void escapesAreDecodedToBytesReadAsUtf8() {
        assertThat(KmsgRecordParser.parse("6,1,1,-;initrd=\\x5cucode.img").orElseThrow().text())
                .isEqualTo("initrd=\\ucode.img");
        assertThat(KmsgRecordParser.parse("6,1,1,-;a\\x0ab").orElseThrow().text()).isEqualTo("a\nb");
        assertThat(KmsgRecordParser.parse("6,1,1,-;comm \\xc3\\xa9t\\xc3\\xa9").orElseThrow().text())
                .isEqualTo("comm été");
        assertThat(KmsgRecordParser.parse("6,1,1,-;esc \\x1b[31m").orElseThrow().text()).isEqualTo("esc \u001b[31m");
        assertThat(KmsgRecordParser.parse("6,1,1,-;bad \\xzz \\x4").orElseThrow().text()).isEqualTo("bad \\xzz \\x4");
        assertThat(KmsgRecordParser.parse("6,1,1,-;lone \\xff").orElseThrow().text()).isEqualTo("lone \ufffd");
    }

    @Test
    void garbledRecordsAreEmpty() {
        for (String s : new String[] {"", ";", "x;y", "6;msg", "6,1;msg", "6,1,2;msg", "a,b,c,d;msg",
                "-1,2,3,-;m", "6,,3,-;m", "6,1,99999999999999999999,-;m", "no semicolon 6,1,2,-"}) {
            assertThat(KmsgRecordParser.parse(s)).as(s).isEmpty();
        }
        assertThat(KmsgRecordParser.parse(null)).isEmpty();
        assertThat(KmsgRecordParser.parse("6,1,2,-;").orElseThrow().text()).isEmpty();
    }

    @Test
    void corpusRecords() {
        List<LogRecord> go = Corpus.records("kmsg/go-kmsg-parser-testdata-sample1.kmsg");
        assertThat(go).extracting(LogRecord::seq).containsExactly(1804L, 1805L, 2651L);
        assertThat(go.get(2).text()).isEqualTo("CPU1: Package temperature/speed normal");
        assertThat(go.get(2).uptimeS()).isEqualTo(106819.644585);

        // NUL-separated records with dictionary lines: one record per kmsg record
        List<LogRecord> ul = Corpus.records("kmsg/util-linux-tests-dmesg-kmsg-input-6.6.4-arch-EDITED.kmsg");
        assertThat(ul).allSatisfy(r -> assertThat(r.seq()).isNotNegative());
        assertThat(ul).noneMatch(r -> r.text().startsWith(" SUBSYSTEM="));
        assertThat(ul.get(0).level()).isZero();
        assertThat(ul.get(7).level()).isEqualTo(7);
        assertThat(ul.get(1).text()).startsWith("Command line: initrd=\\ucode.img initrd=\\initramfs-linux.img");
        List<LogRecord> cid = Corpus.records("kmsg/util-linux-tests-dmesg-cid-kmsg-input-caller-id-EDITED.kmsg");
        assertThat(ul).hasSize(45);
        assertThat(cid).hasSize(58);
        for (int i = 0; i < 37; i++) {
            assertThat(cid.get(i).text()).isEqualTo(ul.get(i).text());
            assertThat(cid.get(i).seq()).isEqualTo(ul.get(i).seq());
        }
        assertThat(cid).filteredOn(r -> r.seq() == 2615).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("usb 3-3.1: device firmware changed"));

        List<LogRecord> z = Corpus.records("kmsg/zehonghuang-blog-k8s-cri-containerd-oom-kill-record.kmsg");
        assertThat(z).hasSize(1);
        assertThat(z.get(0).seq()).isEqualTo(2697);
        assertThat(z.get(0).text()).startsWith("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-");

        List<LogRecord> lab = Corpus.records("lab/run-memcg-v2/kmsg.txt");
        // 554 lines: 396 records (seq 0..395, no gap) and their SUBSYSTEM=/DEVICE= dictionary lines
        assertThat(lab).hasSize(396);
        for (int i = 0; i < lab.size(); i++) assertThat(lab.get(i).seq()).isEqualTo(i);
        assertThat(lab).filteredOn(r -> r.seq() == 390).singleElement()
                .satisfies(r -> assertThat(r.text()).startsWith("anon 33435648\nfile 0\nkernel 118784\n"));
    }
}
