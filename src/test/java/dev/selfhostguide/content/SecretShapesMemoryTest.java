package dev.selfhostguide.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A scan with memory (serve, rebuilding after an edit) finds exactly what a scan without it
 * finds, however the long texts it remembers were edited; and a text that shares lines with one
 * it remembers reuses those lines' strings, which is what makes it cheap.
 */
class SecretShapesMemoryTest {

    private final SecretShapes shapes = new SecretShapes(List.of());

    /** A line of the generated texts: mostly plain, some with values, assignments and halves of keys. */
    private static String line(Random random) {
        return random.nextInt(3) == 0 ? "plain words on line " + random.nextInt(1000) : SecretShapesSearchTest.generated(random).replace('\n', ' ');
    }

    /** One random edit of {@code lines}, as an author's change moves a search index's or a page's lines. */
    private static void edit(List<String> lines, Random random) {
        int at = random.nextInt(lines.size());
        switch (random.nextInt(7)) {
            case 0 -> lines.set(at, line(random));                                      // a changed line
            case 1 -> lines.add(at, line(random));                                      // an inserted line
            case 2 -> lines.remove(at);                                                  // a deleted line
            case 3 -> {                                                                  // a few lines inserted
                for (int k = random.nextInt(9); k >= 0; k--) {
                    lines.add(at, line(random));
                }
            }
            case 4 -> lines.add(at, "");                                                 // a blank line
            case 5 -> lines.set(at, lines.get(at) + (random.nextBoolean() ? " =" : ":")); // now assigns to the next line
            default -> lines.add(at, lines.get(random.nextInt(lines.size())));           // a repeated line
        }
    }

    @Test
    void everyEditedTextIsScannedAsWithoutMemory() {
        Random random = new Random(20261202);
        List<List<String>> texts = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                lines.add(line(random));
            }
            texts.add(lines);
        }
        SecretShapes.Memory memo = new SecretShapes.Memory();
        int found = 0;
        for (int round = 0; round < 60; round++) {
            memo.next();
            for (List<String> lines : texts) {
                for (int e = random.nextInt(4); e >= 0; e--) {
                    edit(lines, random);
                }
                String text = String.join("\n", lines);
                List<SecretShapes.Match> expected = shapes.scan(text);
                assertEquals("none", firstDifference(expected, shapes.scan(text, memo)), "round " + round + ": without memory vs with");
                found += expected.size();
            }
        }
        assertFalse(found < 1_000, "the texts held too few matches to tell: " + found);
    }

    private static String firstDifference(List<SecretShapes.Match> a, List<SecretShapes.Match> b) {
        for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
            Object x = k < a.size() ? a.get(k) : "(none)";
            Object y = k < b.size() ? b.get(k) : "(none)";
            if (!x.equals(y)) {
                return "match " + k + ": " + x + " vs " + y;
            }
        }
        return "none";
    }

    @Test
    void aScanTakesTheLinesOfTheMostSimilarTextItRemembers() {
        Random random = new Random(7);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < SecretShapes.Memory.LONG; i++) {
            a.add("a " + line(random));
            b.add("b " + line(random));
        }
        SecretShapes.Memory memo = new SecretShapes.Memory();
        shapes.scan(String.join("\n", a), memo);
        shapes.scan(String.join("\n", b), memo);
        memo.next();
        a.set(100, "changed");
        SecretShapes.Lines first = memo.closest(String.join("\n", a).split("\n"));
        assertEquals(a.get(0), first.lines()[0], "a's text is the closer one");
        shapes.scan(String.join("\n", a), memo);
        memo.next();
        SecretShapes.Lines second = memo.closest(String.join("\n", a).split("\n"));
        assertSame(first.lines()[5], second.lines()[5], "an unchanged line is the string the first scan split");
        assertEquals("changed", second.lines()[100]);
    }

    @Test
    void sharedLinesAreTakenFromTheTextRemembered() {
        String[] old = {"a", "b", "c", "d", "e", "f"};
        String[] lines = {"a", "b", "new", "c", "e", "f2", "x"};
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new String(lines[i]);                      // fresh strings, as a new text's split makes them
        }
        int[] was = SecretShapes.Memory.adopt(lines, old);
        assertArrayEquals(new int[] {0, 1, -1, 2, 4, -1, -1}, was, "inserted 'new', deleted 'd', changed 'f', added 'x'");
        for (int i = 0; i < lines.length; i++) {
            if (was[i] >= 0) {
                assertSame(old[was[i]], lines[i], "line " + i);
            }
        }
    }
}
