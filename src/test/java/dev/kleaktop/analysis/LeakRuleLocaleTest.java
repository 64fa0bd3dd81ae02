package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The verdict's words are the same in every locale: a German box prints r^2=0.95, not 0,95. */
class LeakRuleLocaleTest {
    @Test
    void verdictNumbersDoNotFollowTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Fit grows = new Fit(1500.5, 58.0, 20, 0.953, 1_000_000, 1_087_000);
            LeakRule.Verdict v = LeakRule.judge(grows, 60, false, 4096);
            assertThat(v.suspect()).isTrue();
            assertThat(dev.kleaktop.view.VerdictText.why(v)).contains("r^2=0.95").contains("in 58s").doesNotContain(",95");
            LeakRule.Verdict early = LeakRule.judge(new Fit(1, 12.5, 3, 1, 0, 10), 60, false, 4096);
            assertThat(dev.kleaktop.view.VerdictText.why(early)).isEqualTo("window not covered yet (3 samples over 13s of 60s)");
        } finally {
            Locale.setDefault(before);
        }
    }
}
