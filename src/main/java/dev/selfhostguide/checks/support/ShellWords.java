package dev.selfhostguide.checks.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the shell's lexer to find commands and their words in a snippet: quotes,
 * backslash-newline continuations, comments, heredocs, and the operators that separate commands
 * ({@code | || && ; & ( ) $(} and newlines). Each word keeps the snippet line it starts on, so a
 * check can report the line of, say, a URL inside a command continued over several lines.
 * It is not a shell: expansions stay as written.
 */
public final class ShellWords {

    /** What a shell expansion ($VAR, $(...)) in a word is replaced with before its text is parsed. */
    public static final String EXPANSION = "__SHELL_EXPANSION__";

    /** One word as the shell would pass it (quotes removed), and the 1-based line it starts on. */
    public record Word(String text, int line) { }

    /** A simple command: its words, plus the body of a heredoc it reads, if any. */
    public record Command(List<Word> words, String heredoc, int heredocLine) { }

    private ShellWords() { }

    public static List<Command> commands(String text) {
        List<Command> commands = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<String[]> pendingDelimiters = new ArrayList<>(); // {delimiter, stripTabs}
        String heredoc = null;
        int heredocLine = 0;
        StringBuilder word = null;
        int wordLine = 0;
        int line = 1;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < n && text.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                continue;
            }
            if (c == '\\' && pos + 1 < n) {
                if (word == null) {
                    word = new StringBuilder();
                    wordLine = line;
                }
                word.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
                if (word != null) {
                    words.add(new Word(word.toString(), wordLine));
                    word = null;
                }
                if (!words.isEmpty() || heredoc != null) {
                    commands.add(new Command(List.copyOf(words), heredoc, heredocLine));
                }
                words.clear();
                if (c == '\n') {
                    line++;
                    pos++;
                    // heredoc bodies start on the line after the command that opened them
                    for (String[] pending : pendingDelimiters) {
                        StringBuilder body = new StringBuilder();
                        int bodyLine = line;
                        while (pos < n) {
                            int end = text.indexOf('\n', pos);
                            String bodyText = end < 0 ? text.substring(pos) : text.substring(pos, end);
                            pos = end < 0 ? n : end + 1;
                            line++;
                            String candidate = "true".equals(pending[1]) ? bodyText.replaceFirst("^\t+", "") : bodyText;
                            if (candidate.stripTrailing().equals(pending[0])) {
                                break;
                            }
                            body.append(bodyText).append('\n');
                        }
                        attachHeredoc(commands, body.toString(), bodyLine);
                    }
                    pendingDelimiters.clear();
                } else {
                    pos++;
                }
                heredoc = null;
                continue;
            }
            if (c == '$' && pos + 1 < n && text.charAt(pos + 1) == '(') {
                // a command substitution starts a new command inside this one
                if (word != null) {
                    words.add(new Word(word.toString(), wordLine));
                    word = null;
                }
                if (!words.isEmpty()) {
                    commands.add(new Command(List.copyOf(words), null, 0));
                }
                words.clear();
                pos += 2;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                if (word != null) {
                    words.add(new Word(word.toString(), wordLine));
                    word = null;
                }
                pos++;
                continue;
            }
            if (c == '#' && word == null) {
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? n : end;
                continue;
            }
            if (c == '<' && pos + 1 < n && text.charAt(pos + 1) == '<' && !(pos + 2 < n && text.charAt(pos + 2) == '<')) {
                if (word != null) {
                    words.add(new Word(word.toString(), wordLine));
                    word = null;
                }
                pos += 2;
                boolean stripTabs = pos < n && text.charAt(pos) == '-';
                if (stripTabs) {
                    pos++;
                }
                while (pos < n && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                    pos++;
                }
                StringBuilder delimiter = new StringBuilder();
                while (pos < n && !Character.isWhitespace(text.charAt(pos)) && ";|&)".indexOf(text.charAt(pos)) < 0) {
                    char d = text.charAt(pos++);
                    if (d != '\'' && d != '"' && d != '\\') {
                        delimiter.append(d);
                    }
                }
                pendingDelimiters.add(new String[] {delimiter.toString(), Boolean.toString(stripTabs)});
                words.add(new Word("<<" + delimiter, line));
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                wordLine = line;
            }
            if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                end = end < 0 ? n : end;
                String quoted = text.substring(pos + 1, end);
                word.append(quoted);
                line += count(quoted, '\n');
                pos = Math.min(n, end + 1);
                continue;
            }
            if (c == '"') {
                pos++;
                while (pos < n && text.charAt(pos) != '"') {
                    char q = text.charAt(pos);
                    if (q == '\\' && pos + 1 < n && "\"\\$`\n".indexOf(text.charAt(pos + 1)) >= 0) {
                        if (text.charAt(pos + 1) == '\n') {
                            line++;
                        } else {
                            word.append(text.charAt(pos + 1));
                        }
                        pos += 2;
                        continue;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    word.append(q);
                    pos++;
                }
                pos++;
                continue;
            }
            word.append(c);
            pos++;
        }
        if (word != null) {
            words.add(new Word(word.toString(), wordLine));
        }
        if (!words.isEmpty()) {
            commands.add(new Command(List.copyOf(words), heredoc, heredocLine));
        }
        return commands;
    }

    /** Gives the heredoc body to the last command that has a {@code <<} word and no body yet. */
    private static void attachHeredoc(List<Command> commands, String body, int bodyLine) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            Command c = commands.get(i);
            if (c.heredoc() == null && c.words().stream().anyMatch(w -> w.text().startsWith("<<"))) {
                commands.set(i, new Command(c.words(), body, bodyLine));
                // a pipeline "cat <<EOF | curl -d @-" reads it through the pipe: the next command gets it too
                if (i + 1 < commands.size() && commands.get(i + 1).heredoc() == null) {
                    Command next = commands.get(i + 1);
                    commands.set(i + 1, new Command(next.words(), body, bodyLine));
                }
                return;
            }
        }
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
