package dev.selfhostguide.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.snippets.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PDF warning without a cursor names the chapter line that holds the text it quotes, in either edition. */
class BookLinesTest {

    @TempDir
    Path dir;

    private static Finding warning(String message) {
        return new Finding(Path.of(Diagnostics.UNKNOWN), 0, "pdf", Finding.Severity.WARNING, message);
    }

    @Test
    void aQuotedTextIsTracedToItsChapterLine() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.createDirectories(content.resolve("ko"));
        Files.writeString(content.resolve("plan.adoc"), "= Plan\n\nIntro.\n\n|===\n| SDK: `agentops.validation` helpers to `\\https://api.agentops.ai/public/v1/…`\n|===\n");
        Files.writeString(content.resolve("ko/plan.adoc"), "= 계획\n\n| SDK: `agentops.validation` 헬퍼가 `\\https://api.agentops.ai/public/v1/…`로 호출\n");
        String book = "= Guide\n\n:leveloffset: +1\n\n[#chapter-plan]\n" + Files.readString(content.resolve("plan.adoc"));
        String quoted = "failed to parse formatted text: SDK: <code>agentops.validation</code> helpers to <code><a href=\"https://api"
            + ".agentops.ai/public/v1/&#8230;&#8203\">https://api.agentops.ai/\u200bpublic/\u200bv1/\u200b&#\u200b8230;</a>;</code>"
            + " (reason: Expected [0-9] after <code> at byte 166)";
        assertEquals("content/plan.adoc:6: [pdf] warning: " + quoted, BookLines.locate(warning(quoted), book, content).format(dir));
        String koBook = "= 가이드\n\n:leveloffset: +1\n\n[#chapter-plan]\n" + Files.readString(content.resolve("ko/plan.adoc"));
        String koQuoted = "failed to parse formatted text: SDK: <code>agentops.validation</code> 헬퍼가 <code><a href=\"https://api"
            + ".agentops.ai/public/v1/&#8230;&#8203\">https://api.agentops.ai/\u200bpublic/\u200bv1/\u200b&#\u200b8230;</a>;</code>로 호출";
        assertEquals("content/ko/plan.adoc:3: [pdf] warning: " + koQuoted, BookLines.locate(warning(koQuoted), koBook, content).format(dir));
        assertEquals("content: [pdf] warning: something else (in the book made of the pages; the text it quotes was not found in one line)",
            BookLines.locate(warning("something else"), book, content).format(dir));
    }
}
