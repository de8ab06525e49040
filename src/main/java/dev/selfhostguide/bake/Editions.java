package dev.selfhostguide.bake;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The guide's editions: English at the content root, each translation in a folder named by its
 * language code, with the same file names. A page's counterpart is the same name in the other edition.
 */
public final class Editions {

    /** The translations; English is the content root itself. */
    public static final List<String> TRANSLATIONS = List.of("ko");

    private Editions() {
    }

    /** The language of a page: a translation's code, or "en". */
    public static String languageOf(Path contentRoot, Path page) {
        Path relative = contentRoot.relativize(page.toAbsolutePath().normalize());
        if (relative.getNameCount() > 1 && TRANSLATIONS.contains(relative.getName(0).toString())) {
            return relative.getName(0).toString();
        }
        return "en";
    }

    /** The same page in the other edition (English for a translation, the translation for English). */
    public static Optional<Path> counterpart(Path contentRoot, Path page) {
        Path root = contentRoot.toAbsolutePath().normalize();
        Path relative = root.relativize(page.toAbsolutePath().normalize());
        String language = languageOf(root, page);
        if (!language.equals("en")) {
            return Optional.of(root.resolve(relative.subpath(1, relative.getNameCount())));
        }
        if (relative.getNameCount() != 1 || TRANSLATIONS.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(TRANSLATIONS.get(0)).resolve(relative));
    }
}
