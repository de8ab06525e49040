package dev.selfhostguide.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where Debian's (and Ubuntu's) fonts-nanum put the Korean fonts the PDF themes name. A free font
 * from the system, not a copy in the repository: the package is what .ci/run installs.
 */
public final class NanumFonts {

    static final List<String> FILES = List.of("NanumGothic.ttf", "NanumGothicBold.ttf", "NanumGothicCoding.ttf",
        "NanumGothicCodingBold.ttf");
    static final List<Path> PLACES = List.of(Path.of("/usr/share/fonts/truetype/nanum"), Path.of("/usr/share/fonts/nanum"),
        Path.of("/usr/local/share/fonts/nanum"));
    public static final String INSTALL = "apt-get install fonts-nanum";

    private NanumFonts() {
    }

    /** The folder holding every font the themes need, if one does. */
    public static Optional<Path> find() {
        return find(PLACES);
    }

    static Optional<Path> find(List<Path> places) {
        return places.stream().filter(dir -> FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))).findFirst();
    }
}
