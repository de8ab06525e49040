package dev.selfhostguide.content;

import java.util.Optional;

/**
 * Where upstream shows a fact: a file of one of the pinned sources in upstream.yml, and a literal
 * or a Java regular expression that file must contain at the pinned commit.
 *
 * @param repo  a key of {@code upstream.yml sources}
 * @param path  a file in that source's repository
 * @param match the literal the file contains, or empty when {@code regex} is given
 * @param regex the pattern the file matches, or empty when {@code match} is given
 */
public record Evidence(String repo, String path, Optional<String> match, Optional<String> regex) {

    /** Exactly one of match and regex; the repo is checked against upstream.yml when the catalog loads. */
    static final Shape SHAPE = new Shape.Checked(Shape.fields().required("repo", Shape.text()).required("path", Shape.text())
        .optional("match", Shape.text()).optional("regex", Shape.regex()), (file, node, where) -> {
            java.util.Set<String> keys = Catalog.keys(node);
            if (keys.contains("match") == keys.contains("regex")) {
                throw new ContentException(file, Shape.line(node), where + " needs exactly one of 'match' and 'regex'");
            }
        });
}
