package dev.selfhostguide.pdf;

import dev.selfhostguide.bake.AsciidoctorRuntime;

/**
 * Makes the Korean edition about as fast as the English one, with the same bytes. Prawn places
 * every character of every text run into a font subset through ttfunk 1.7.0, whose first subset
 * (MacRoman) answers "can I encode this?" by transcoding the character and rescuing
 * Encoding::UndefinedConversionError. Every Hangul character fails that way at least twice per
 * run, and a JRuby exception with its backtrace costs far more than the layout around it: the
 * Korean PDF took about twice the English one's time (JRuby probe, docs/benchmarks.md). The answer
 * depends only on the character and the subset's encoding, so one Hash per subset remembers it;
 * the subsets, their order and the PDF bytes stay exactly what ttfunk makes.
 */
final class SubsetEncodingCache {

    static final String PATCH = """
        require 'asciidoctor/pdf'
        unless defined?(SelfhostGuideCodePageCache)
          module SelfhostGuideCodePageCache
            def from_unicode(character)
              cache = (@selfhost_guide_from_unicode ||= {})
              cache.fetch(character) { cache[character] = super(character) }
            end
          end
          TTFunk::Subset::CodePage.prepend(SelfhostGuideCodePageCache)
        end
        true
        """;

    private SubsetEncodingCache() {
    }

    /** Loads asciidoctor-pdf into the runtime with the cache in place; running it again changes nothing. */
    static void install(AsciidoctorRuntime runtime) {
        runtime.evalRuby(PATCH);
    }
}
