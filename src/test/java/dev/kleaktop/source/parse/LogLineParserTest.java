package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineParserTest {

    private static LogRecord p(String s) { return LogLineParser.parse(s); }

    @Test
    void plainDmesgKeepsIndentationAfterTheSeparatorSpace() {
        LogRecord r = p("[  123.456789]  dump_stack+0x45/0x56");
        assertThat(r.uptimeS()).isEqualTo(123.456789);
        assertThat(r.text()).isEqualTo(" dump_stack+0x45/0x56");
        assertThat(r.seq()).isEqualTo(-1);
        assertThat(r.level()).isEqualTo(-1);
        assertThat(r.wallTime()).isNull();
        assertThat(p("[7516987.983223] memory: usage").uptimeS()).isEqualTo(7516987.983223);
    }

    @Test
    void dmesgT() {
        LogRecord r = p("[Mon Nov 24 10:00:01 2025] oom-kill:constraint=CONSTRAINT_NONE");
        assertThat(r.wallTime()).isEqualTo("Mon Nov 24 10:00:01 2025");
        assertThat(r.uptimeS()).isNull();
        assertThat(r.text()).isEqualTo("oom-kill:constraint=CONSTRAINT_NONE");
    }

    @Test
    void syslogWithAndWithoutHostAndStamp() {
        LogRecord a = p("Jan  5 15:19:27 kernel: [ 5864.708440] memorymonster invoked oom-killer: gfp_mask=0xd0");
        assertThat(a.wallTime()).isEqualTo("Jan  5 15:19:27");
        assertThat(a.uptimeS()).isEqualTo(5864.708440);
        assertThat(a.text()).isEqualTo("memorymonster invoked oom-killer: gfp_mask=0xd0");

        LogRecord b = p("Jan 28 19:58:45 localhost kernel: [  455.498827] badsysprogram invoked oom-killer:");
        assertThat(b.wallTime()).isEqualTo("Jan 28 19:58:45");
        assertThat(b.uptimeS()).isEqualTo(455.498827);
        assertThat(b.text()).isEqualTo("badsysprogram invoked oom-killer:");

        LogRecord c = p("May 30 14:08:25 linus-xfs-crc kernel:  dump_stack_lvl+0x8d/0xb0");
        assertThat(c.wallTime()).isEqualTo("May 30 14:08:25");
        assertThat(c.uptimeS()).isNull();
        assertThat(c.text()).isEqualTo(" dump_stack_lvl+0x8d/0xb0");

        LogRecord other = p("Jan  5 15:19:30 box sshd[123]: Accepted publickey");
        assertThat(other.text()).isEqualTo("sshd[123]: Accepted publickey");
    }

    @Test
    void isoSyslogAndJournalVariants() {
        LogRecord a = p("2025-11-24T10:00:01.123456+00:00 host kernel: Out of memory: Killed process 1 (x)");
        assertThat(a.wallTime()).isEqualTo("2025-11-24T10:00:01.123456+00:00");
        assertThat(a.text()).isEqualTo("Out of memory: Killed process 1 (x)");
        LogRecord b = p("2025-11-24T10:00:01+0100 host kernel: [ 12.5] msg");
        assertThat(b.wallTime()).isEqualTo("2025-11-24T10:00:01+0100");
        assertThat(b.uptimeS()).isEqualTo(12.5);
        assertThat(b.text()).isEqualTo("msg");
        LogRecord c = p("May 30 14:08:25.123456 host kernel: msg");
        assertThat(c.wallTime()).isEqualTo("May 30 14:08:25.123456");
        assertThat(c.text()).isEqualTo("msg");
        LogRecord d = p("[ 5864.708440] host kernel: msg");   // journalctl -o short-monotonic
        assertThat(d.uptimeS()).isEqualTo(5864.708440);
        assertThat(d.text()).isEqualTo("msg");
    }

    @Test
    void callerIdsAreDropped() {
        assertThat(p("[   49.921978][ T6736] leaker invoked").text()).isEqualTo("leaker invoked");
        assertThat(p("[   50.167554][   T55] oom_reaper: x").text()).isEqualTo("oom_reaper: x");
        assertThat(p("[ 1.2] [T1234] msg").text()).isEqualTo("msg");
        assertThat(p("[    1.000001][    C1] msg").text()).isEqualTo("msg");
        assertThat(p("[ 1.2] [<ffffffff81234567>] frame").text()).isEqualTo("[<ffffffff81234567>] frame");
    }

    @Test
    void levelPrefixAndDecodedLevel() {
        LogRecord a = p("<4>[76541.325574] cc1plus invoked oom-killer: ");
        assertThat(a.level()).isEqualTo(4);
        assertThat(a.uptimeS()).isEqualTo(76541.325574);
        assertThat(a.text()).isEqualTo("cc1plus invoked oom-killer: ");
        assertThat(p("<14>[ 1.0] msg").level()).isEqualTo(6);   // facility 1, level 6
        LogRecord x = p("kern  :warn  : [    1.234567] msg");
        assertThat(x.level()).isEqualTo(4);
        assertThat(x.uptimeS()).isEqualTo(1.234567);
        assertThat(x.text()).isEqualTo("msg");
    }

    @Test
    void rawKmsgRecordsAreDelegated() {
        LogRecord r = p("6,2697,3812808832,-;oom-kill:constraint=CONSTRAINT_MEMCG");
        assertThat(r.seq()).isEqualTo(2697);
        assertThat(r.level()).isEqualTo(6);
        assertThat(r.uptimeS()).isEqualTo(3812.808832);
        assertThat(r.text()).isEqualTo("oom-kill:constraint=CONSTRAINT_MEMCG");
    }

    @Test
    void noStampKeepsTheLineAsIs() {
        LogRecord r = p("    memcg_process invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)");
        assertThat(r.untimed()).isTrue();
        assertThat(r.text()).isEqualTo("    memcg_process invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)");
        assertThat(p("").text()).isEmpty();
        assertThat(p("[...]").text()).isEqualTo("[...]");
        assertThat(p("[  pid  ]   uid  tgid").untimed()).isTrue();
        assertThat(p("1,2,3").text()).isEqualTo("1,2,3");
        assertThat(p("9,9,9,-").text()).isEqualTo("9,9,9,-");
    }

    @Test
    void consoleJunkInFrontOfTheStamp() {
        LogRecord r = p("Running sysctl: [ 5201.325838] klogd invoked oom-killer: gfp_mask=0x6200ca");
        assertThat(r.uptimeS()).isEqualTo(5201.325838);
        assertThat(r.text()).isEqualTo("klogd invoked oom-killer: gfp_mask=0x6200ca");
    }

    @Test
    void indentedAndNbspLinesFromMail() {
        LogRecord r = p("     [41369.847965] rsync invoked oom-killer:");
        assertThat(r.uptimeS()).isEqualTo(41369.847965);
        assertThat(r.text()).isEqualTo("rsync invoked oom-killer:");
        LogRecord n = p("<4>[76541.325602]\u00a0 <TASK>");
        assertThat(n.text()).isEqualTo(" <TASK>");
        assertThat(p("line\r").text()).isEqualTo("line");
    }

    @Test
    void everyCorpusLogLineParses() {
        for (String dir : List.of("oom", "kmsg")) {
            for (var f : Corpus.files(dir)) {
                List<LogRecord> recs = Corpus.records(f);
                assertThat(recs).as(f.toString()).isNotEmpty().allSatisfy(x -> assertThat(x.text()).isNotNull());
            }
        }
        List<LogRecord> dmesg = Corpus.records("lab/run-memcg-v2/dmesg.txt");
        assertThat(dmesg).hasSize(424).allSatisfy(x -> assertThat(x.uptimeS()).isNotNull());
        assertThat(dmesg.get(0).uptimeS()).isEqualTo(0.0);
        assertThat(dmesg.get(423).uptimeS()).isEqualTo(31.213696);
        List<LogRecord> cadvisor = Corpus.records("oom/cadvisor-systemOomExampleLog-global-3.13.log");
        assertThat(cadvisor).allSatisfy(x -> assertThat(x.wallTime()).isEqualTo("Jan 28 19:58:45"));
        List<LogRecord> mcgrof = Corpus.records(
                "oom/lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log");
        // journalctl's 39-space continuation lines stay records of their own, untimed
        assertThat(mcgrof.get(55).text()).isEqualTo("                                       active_file:106 inactive_file:41 isolated_file:0");
        assertThat(mcgrof.get(55).untimed()).isTrue();
    }
}
