package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key tables: one declaration per key gives the help screen, the hint lines and dispatch. */
class KeyTableTest {
    @Test
    void hintLinesAreTheOnesTheScreenHasAlwaysShown() {
        assertThat(KeyTable.TABLE.hints())
                .isEqualTo("g growth  c size  / filter  S snapshot  D diff  k scan  C clear  Tab pane  ? help  q quit");
        assertThat(KeyTable.DIFF.hints())
                .isEqualTo("d \u0394 size  c new size  g rate  n name  a objs  < > r sort  / filter  Esc list  ? help  q quit");
        assertThat(KeyTable.PICK.hints()).isEqualTo("\u2191\u2193 choose  Enter diff against the live state  Esc back  q quit");
        assertThat(KeyTable.TEXT.hints(true)).isEqualTo("\u2191\u2193 PgUp PgDn scroll  Esc back  q quit");
        assertThat(KeyTable.TEXT.hints(false)).isEqualTo("Up Down PgUp PgDn scroll  Esc back  q quit");
    }

    @Test
    void helpListsEveryKeyOfTheTableInSpecOrder() {
        List<String> labels = new ArrayList<>();
        for (String[] row : KeyTable.TABLE.helpRows()) labels.add(row[0]);
        assertThat(labels).containsExactly("q  Ctrl-C", "h  ?", "1", "2", "/", "g", "d", "c", "a", "o", "b", "l", "v", "p", "s",
                "u", "n", "<  >", "r", "space", ".", "G", "+  -", "z", "k", "C", "S", "D", "Tab", "Enter", "Esc",
                "\u2191 \u2193 PgUp PgDn", "Home  End", "Ctrl-L", "Ctrl-Z");
        assertThat(HelpText.KEYS).isEqualTo(KeyTable.TABLE.helpRows());
    }

    @Test
    void noKeyIsBoundTwiceInATable() {
        for (KeyTable t : List.of(KeyTable.TABLE, KeyTable.DIFF, KeyTable.TEXT, KeyTable.PICK)) {
            Set<Key> seen = new HashSet<>();
            for (KeyTable.Binding b : t.bindings()) {
                for (Key k : b.keys()) assertThat(seen.add(k)).as("%s bound twice", k).isTrue();
            }
        }
    }

    @Test
    void everySortLetterOfMinusSIsASortKeyOfTheScreen() {
        for (String name : Column.SPEC.sortKeyNames()) {
            if (name.length() != 1) continue;
            KeyTable.Binding b = KeyTable.TABLE.find(Key.of(name.charAt(0))).orElseThrow();
            assertThat(b.command()).as(name).isEqualTo(KeyTable.Command.SORT);
            assertThat(b.sort()).as(name).isEqualTo(Column.SPEC.sortKey(name).orElseThrow());
        }
    }

    @Test
    void aKeyOnlyTheTerminalHandlesIsDocumentedButNotDispatched() {
        KeyTable.Binding suspend = KeyTable.TABLE.bindings().stream()
                .filter(b -> "Ctrl-Z".equals(b.label())).findFirst().orElseThrow();
        assertThat(suspend.keys()).isEmpty();
        assertThat(suspend.command()).isNull();
        assertThat(KeyTable.TABLE.find(Key.ctrl('z'))).isEmpty();
    }
}
