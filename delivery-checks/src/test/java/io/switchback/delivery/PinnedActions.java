package io.switchback.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code uses:} of a workflow or action file names what it runs immutably: a third-party action by the full
 * commit SHA, with the version it is in a comment for the person (and the tool) who updates it; a container by its
 * digest. A tag or a branch can be moved under us; a commit cannot. Only this repository's own files are called by
 * path or, from a service repository, by the release tag this repository moves ({@code v1}).
 */
final class PinnedActions {

    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s*)?uses:\\s*[\"']?([^\\s\"'#]+)[\"']?\\s*(#.*)?$");
    private static final Pattern COMMIT = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+(/[A-Za-z0-9._/-]+)?@[0-9a-f]{40}");
    private static final Pattern DIGEST = Pattern.compile("docker://[^@\\s]+@sha256:[0-9a-f]{64}");
    private static final Pattern OWN_RELEASE = Pattern.compile("switchback-io/switchback/\\.github/[\\w./-]+@v\\d+");
    private static final Pattern VERSION_COMMENT = Pattern.compile("#\\s*(v?\\d+(\\.\\d+)*|stable)\\b.*");

    private PinnedActions() {
    }

    /** Each {@code uses:} line of {@code text} that is not pinned, with its line number and what is wrong. */
    static List<String> violations(String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher uses = USES.matcher(lines[i]);
            if (!uses.matches()) {
                continue;
            }
            String ref = uses.group(1);
            String comment = uses.group(2) == null ? "" : uses.group(2).trim();
            String problem = problem(ref, comment);
            if (problem != null) {
                found.add("line " + (i + 1) + ": " + ref + ": " + problem);
            }
        }
        return found;
    }

    private static String problem(String ref, String comment) {
        if (ref.startsWith("./") || OWN_RELEASE.matcher(ref).matches() || DIGEST.matcher(ref).matches()) {
            return null;
        }
        if (ref.startsWith("docker://")) {
            return "a container must be pinned by its digest (@sha256:...)";
        }
        if (!COMMIT.matcher(ref).matches()) {
            return "must be pinned to a full 40-character commit SHA, not a tag or branch";
        }
        if (!VERSION_COMMENT.matcher(comment).matches()) {
            return "the commit needs its version in a comment, e.g. # v4.3.1";
        }
        return null;
    }
}
