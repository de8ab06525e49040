package dev.selfhostguide.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selfhostguide.AsciidoctorRuntimeExtension;
import org.junit.jupiter.api.Test;

/**
 * The cache answers exactly what ttfunk's own MacRoman lookup answers, for characters it encodes
 * (ASCII, Latin-1, typographic), characters it cannot (Hangul, an emoji, the euro sign JRuby's MacRoman lacks: the rescued-exception
 * path), and the same characters asked again from the cache; and installing it twice wraps once.
 */
class SubsetEncodingCacheTest {

    @Test
    void theCachedLookupAnswersWhatTtfunkAnswersAndIsInstalledOnce() {
        var runtime = AsciidoctorRuntimeExtension.runtime();
        SubsetEncodingCache.install(runtime);
        SubsetEncodingCache.install(runtime);
        String compared = runtime.evalRuby("""
            subset = TTFunk::Subset::MacRoman.allocate
            subset.instance_variable_set(:@encoding, Encoding::MACROMAN)
            original = subset.method(:from_unicode).super_method
            chars = [0x41, 0x20, 0xE9, 0x2014, 0x20AC, 0xAC00, 0xD55C, 0x1F600, 0x41, 0xAC00, 0x20AC]
            chars.map { |c| [c.to_s(16), subset.from_unicode(c).inspect, original.call(c).inspect].join(':') }.join(' ')
            """);
        for (String entry : compared.split(" ")) {
            String[] parts = entry.split(":");
            assertEquals(parts[2], parts[1], "U+" + parts[0] + " cached vs ttfunk: " + compared);
        }
        assertEquals("41:65:65 20:32:32 e9:142:142 2014:209:209 20ac:nil:nil ac00:nil:nil d55c:nil:nil 1f600:nil:nil "
            + "41:65:65 ac00:nil:nil 20ac:nil:nil", compared, "MacRoman codes as ttfunk gives them");
        assertEquals("1", runtime.evalRuby("TTFunk::Subset::CodePage.ancestors.count(SelfhostGuideCodePageCache)"));
        assertEquals("8", runtime.evalRuby("""
            subset = TTFunk::Subset::MacRoman.allocate
            subset.instance_variable_set(:@encoding, Encoding::MACROMAN)
            [0x41, 0x20, 0xE9, 0x2014, 0x20AC, 0xAC00, 0xD55C, 0x1F600, 0x41, 0xAC00].each { |c| subset.from_unicode(c) }
            subset.instance_variable_get(:@selfhost_guide_from_unicode).size
            """), "each character is looked up once");
    }
}
