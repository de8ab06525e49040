package dev.selfhostguide.cli;

import dev.selfhostguide.GuideFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A reader's folder of files for the doctor tests, and {@code guide -C DIR doctor ...} run in it. */
final class DoctorFixture {

    private DoctorFixture() {
    }

    static GuideFixture.Run doctor(Path dir, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "-C";
        full[1] = dir.toString();
        full[2] = "doctor";
        System.arraycopy(args, 0, full, 3, args.length);
        return GuideFixture.runIn(full);
    }

    static Path write(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
