package dev.selfhostguide.checks;

import static dev.selfhostguide.checks.TestCatalogs.formatted;
import static dev.selfhostguide.checks.TestCatalogs.snippet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every registered check keeps its own contract: its samples, its file kinds, its languages. */
class CheckContractTest {

    @TempDir
    Path scratch;

    private CheckContext context() {
        return new CheckContext(CheckTestSupport.realCatalog(), List.of(), Tools.onPath(System.getenv("PATH")), scratch);
    }

    private static Snippet of(Check.Sample sample) {
        return snippet(sample.language().canonical(), sample.attributes(), sample.text());
    }

    /** A check that runs programs is tested where they exist; CI must have them all. */
    private static void assumePrograms(Check check) {
        for (Tools.Program program : check.programs()) {
            assumeTrue(TestCatalogs.toolPresent(program.name()), program.name() + " is not installed: skipping " + check.id());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCheckAcceptsItsValidSample() {
        return CheckRegistry.standard().all().stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> {
            assumePrograms(check);
            Snippet valid = of(check.valid());
            assertTrue(check.appliesTo(valid) || !check.automatic(), check.id() + " must apply to its own sample");
            List<Finding> errors = check.check(valid, context()).stream().filter(Finding::isError).toList();
            assertEquals(List.of(), formatted(errors), check.id() + " rejects its valid sample");
            assertEquals(0, check.valid().failsAt());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckRejectsItsInvalidSampleAtItsLine() {
        return CheckRegistry.standard().all().stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> {
            assumePrograms(check);
            Check.Sample sample = check.invalid();
            assertTrue(sample.failsAt() >= 1, check.id() + ": an invalid sample says where it fails");
            List<Finding> errors = check.check(of(sample), context()).stream()
                .filter(Finding::isError).sorted(CheckRunner.ORDER).toList();
            assertFalse(errors.isEmpty(), check.id() + " accepts its invalid sample");
            String first = formatted(errors).get(0);
            assertTrue(first.startsWith("content/x.adoc:" + (40 + sample.failsAt() - 1) + ": [" + check.id() + "] "),
                check.id() + ": " + formatted(errors));
        }));
    }

    @Test
    void idsAreUniqueAndSamplesReadTheirOwnLanguages() {
        Set<String> ids = new HashSet<>();
        for (Check check : CheckRegistry.standard().all()) {
            assertTrue(ids.add(check.id()), "two checks are called " + check.id());
            assertTrue(check.languages().contains(check.valid().language()), check.id());
            assertTrue(check.languages().contains(check.invalid().language()), check.id());
            assertFalse(check.languages().isEmpty(), check.id() + " reads no language");
        }
    }

    @Test
    void everyReaderFileKindIsCoveredByTheChecksThatDeclareIt() {
        CheckRegistry readers = CheckRegistry.forReaders();
        for (FileKind kind : FileKind.values()) {
            Optional<Language> language = Language.of(kind.language());
            assertTrue(language.isPresent(), kind + " is written in an unknown language " + kind.language());
            List<Check> serving = readers.all().stream().filter(c -> c.serves().contains(kind)).toList();
            assertTrue(serving.stream().anyMatch(c -> c.role().covers()), kind + " has no syntax or rule check");
            for (Check check : serving) {
                assertTrue(check.languages().contains(language.get()), check.id() + " serves " + kind + " but cannot read it");
            }
            // The block doctor builds for this kind selects exactly the serving checks.
            Snippet file = Snippet.ofFile(Path.of("reader.file"), kind.language(), kind.attributes("compose"), "x\n");
            CheckRunner.Selection selection = new CheckRunner(readers, false).select(file);
            assertEquals(List.of(), selection.problems(), kind.toString());
            assertTrue(selection.checks().stream().anyMatch(c -> c.role().covers()), kind + ": " + selection.checks());
            for (Check check : serving) {
                assertTrue(check.automatic() || selection.checks().contains(check), kind + " does not name " + check.id());
            }
        }
        for (Check check : CheckRegistry.standard().all()) {
            assertTrue(!check.guideOnly() || check.serves().isEmpty(), check.id() + " is guide-only but serves doctor");
        }
    }

    @Test
    void policyChecksNeverCoverABlock() {
        for (Check check : CheckRegistry.standard().all()) {
            if (check.id().equals("ports") || check.id().equals("secrets")) {
                assertEquals(Check.Role.POLICY, check.role(), check.id());
            }
        }
        List<String> ids = new ArrayList<>();
        CheckRegistry.standard().all().stream().filter(c -> c.role().covers()).forEach(c -> ids.add(c.id()));
        assertFalse(ids.contains("ports"));
    }
}
