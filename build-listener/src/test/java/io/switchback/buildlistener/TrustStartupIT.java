package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A missing or short secret stops start-up with the setting's name, never its value, and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class TrustStartupIT {

    private static final String SHORT = "short-secret-value";

    @Test
    void aShortSecretStopsStartUpNamingTheSettingNotTheValue(CapturedOutput output) {
        assertThatThrownBy(() -> start("--switchback.build-listener.operators[0].identity=alice",
                "--switchback.build-listener.operators[0].secrets[0]=" + SHORT)).isNotNull();

        assertThat(output).contains("switchback.build-listener.operators[0].secrets[0] is shorter than 32 characters")
                .doesNotContain(SHORT).doesNotContain("\tat io.switchback");
    }

    @Test
    void nothingTrustedStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start()).isNotNull();

        assertThat(output).contains("switchback.build-listener.senders nothing is trusted");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--switchback.kafka.bootstrap-servers=127.0.0.1:9";
        System.arraycopy(args, 0, all, 2, args.length);
        new SpringApplicationBuilder(BuildListenerApplication.class).properties(BuildListenerApplication.CONFIG_NAME)
                .run(all).close();
    }
}
