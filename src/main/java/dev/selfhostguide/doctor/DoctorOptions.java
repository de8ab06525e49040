package dev.selfhostguide.doctor;

import dev.selfhostguide.checks.FileKind;
import java.util.Optional;

/**
 * What the reader asked for.
 *
 * @param kind      {@code --as}: every file is of this kind
 * @param component {@code --component}: every .env is read by this program
 * @param profile   {@code --profile}: {@code guide} also holds ports, images and commands to the
 *                  guide's reference deployment; empty means the reader's own choices stand
 */
public record DoctorOptions(Optional<FileKind> kind, Optional<String> component, Optional<String> profile) {

    public static final String GUIDE_PROFILE = "guide";

    public static DoctorOptions defaults() {
        return new DoctorOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
