package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.delivery.Command.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/release/tag-release.sh}, which release.yml runs: a clone and its origin, both real git
 * repositories in a temporary folder.
 */
class TagReleaseScriptIT {

    @TempDir
    Path dir;
    private Path clone;

    @BeforeEach
    void repositories() throws Exception {
        Path origin = dir.resolve("origin.git");
        clone = dir.resolve("clone");
        git(dir, "init", "--quiet", "--bare", origin.toString());
        git(dir, "clone", "--quiet", origin.toString(), clone.toString());
        commit("first");
    }

    @Test
    void tagsTheVersionAndMovesItsMajorTagOnOrigin() throws Exception {
        assertThat(release("1.0.0").exitCode()).isZero();
        String first = head();
        commit("second");
        Result second = release("1.1.0");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.stdout()).contains("v1.1.0 and v1 on", "(v1 was at v1.0.0)");
        assertThat(originTag("v1.0.0")).isEqualTo(first);
        assertThat(originTag("v1.1.0")).isEqualTo(head());
        assertThat(originTag("v1")).isEqualTo(head());
    }

    @Test
    void aNewMajorLeavesTheOldMajorTagWhereItIs() throws Exception {
        release("1.2.0");
        String one = head();
        commit("breaking");

        assertThat(release("2.0.0").exitCode()).isZero();

        assertThat(originTag("v1")).isEqualTo(one);
        assertThat(originTag("v2")).isEqualTo(head());
    }

    @Test
    void refusesABadAnExistingAndAnOlderVersionAndPushesNothing() throws Exception {
        release("1.3.0");
        String released = head();
        commit("later");

        Result bad = release("1.4");
        Result again = release("1.3.0");
        Result older = release("1.2.9");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("must be X.Y.Z");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("v1.3.0 exists already");
        assertThat(older.exitCode()).isEqualTo(1);
        assertThat(older.stderr()).contains("v1.2.9 is not newer than v1.3.0");
        assertThat(originTag("v1")).isEqualTo(released);
        assertThat(git(clone, "ls-remote", "--tags", "origin").stdout()).doesNotContain("v1.2.9", "v1.4");
    }

    private Result release(String version) throws Exception {
        return Command.run(List.of("bash", RepositoryFiles.resolve("scripts/release/tag-release.sh").toString(),
                version), "", Map.of("GIT_DIR", clone.resolve(".git").toString(), "GIT_WORK_TREE", clone.toString(),
                "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com"));
    }

    private void commit(String message) throws Exception {
        Files.writeString(clone.resolve("file.txt"), message);
        git(clone, "add", "file.txt");
        git(clone, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", message);
        git(clone, "push", "--quiet", "origin", "HEAD");
    }

    private String head() throws Exception {
        return git(clone, "rev-parse", "HEAD").stdout().trim();
    }

    /** The commit an annotated tag names on origin. */
    private String originTag(String tag) throws Exception {
        return git(clone, "ls-remote", "--tags", "origin").stdout().lines()
                .filter(line -> line.endsWith("\trefs/tags/" + tag + "^{}")).map(line -> line.split("\t")[0])
                .findFirst().orElse("no tag " + tag);
    }

    private static Result git(Path in, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", in.toString()));
        command.addAll(List.of(args));
        Result result = Command.run(command, "", Map.of("GIT_CONFIG_GLOBAL", "/dev/null",
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com"));
        assertThat(result.exitCode()).as("git %s: %s", String.join(" ", args), result.output()).isZero();
        return result;
    }
}
