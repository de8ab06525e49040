package dev.selfhostguide.checks;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names in shell and Python blocks that hold a letter from another script looking like a Latin one
 * (Cyrillic 'а', Greek 'ο', fullwidth 'Ａ'): {@code $PАTH} is not {@code $PATH}, and a reader who
 * copies the block runs something other than what they read. Comments are left alone, so a
 * translated comment may use any script.
 */
public final class LookalikeCheck implements Check {

    public static final String ID = "lookalike";

    /** Letters that render like ASCII letters in common fonts, with the ASCII letter they pass for. */
    private static final String LOOKALIKES = "аaеeоoрpсcуyхxіiјjѕsԁdһhӏlАAВBЕEКKМMНHОOРPСCТTХXІIЈJЅSԌG"
        + "αaοoνvρpτtυuχxιiκkΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Language> languages() {
        return Set.of(Language.SHELL, Language.PYTHON, Language.DOTENV);
    }

    /** A look-alike letter is a trap in a block that is otherwise valid: policy, not coverage. */
    @Override
    public Role role() {
        return Role.POLICY;
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.SHELL, java.util.Map.of(), "export PATH=\"$HOME/bin:$PATH\"\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.SHELL, java.util.Map.of(), "echo start\nexport P\u0410TH=\"$HOME/bin\"\n", 2);
    }

    @Override
    public boolean runsOnOptedOut() {
        return false;
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = snippet.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = withoutComment(lines[i]);
            int start = -1;
            for (int j = 0; j <= code.length(); j++) {
                boolean word = j < code.length() && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_');
                if (word && start < 0) {
                    start = j;
                } else if (!word && start >= 0) {
                    String name = code.substring(start, j);
                    String problem = lookalike(name);
                    if (problem != null) {
                        findings.add(Finding.error(snippet, i + 1, ID, "'" + name + "' " + problem
                            + "; it looks like an ASCII name but is another one, so a reader's copy does not do what it says"));
                    }
                    start = -1;
                }
            }
        }
        return findings;
    }

    /** What is wrong with a name, or null. */
    static String lookalike(String name) {
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < 0x80) {
                continue;
            }
            int at = LOOKALIKES.indexOf(c);
            if (at >= 0 && at % 2 == 0) {
                return "holds " + Character.UnicodeScript.of(c).name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " '" + c + "' (U+" + String.format("%04X", (int) c) + "), which looks like '" + LOOKALIKES.charAt(at + 1) + "'";
            }
            if (c >= 0xFF01 && c <= 0xFF5E) {
                return "holds fullwidth '" + c + "' (U+" + String.format("%04X", (int) c) + "), which looks like '"
                    + (char) (c - 0xFEE0) + "'";
            }
        }
        return null;
    }

    /** The line up to a # that starts a comment (at the start, or after a blank). */
    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
