package io.switchback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    @Test
    void findsAnExecutableOnThePath(@TempDir Path dir) throws IOException {
        Path tool = Files.createFile(dir.resolve("fake-tool"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(dir.resolve("not-executable"));

        assertThat(RequiredTool.require("fake-tool", Map.of("PATH", "/nonexistent:" + dir))).isEqualTo(tool);
        assertThat(RequiredTool.find("not-executable", dir.toString())).isEmpty();
    }

    @Test
    void aMissingToolSkipsLocally() {
        assertThatThrownBy(() -> RequiredTool.require("no-such-tool-here", Map.of("PATH", "/nonexistent")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no-such-tool-here is not installed")
                .hasMessageContaining("skipped locally");
    }

    @Test
    void aMissingToolFailsUnderCi() {
        assertThatThrownBy(() -> RequiredTool.require("no-such-tool-here", Map.of("PATH", "", "CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("under CI=true a missing tool fails");
    }
}
