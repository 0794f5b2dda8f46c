package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsValuesAndSkipsCommentsBlankLinesAndTimestamps() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                # HELP http_server_requests_seconds Duration of HTTP server request handling
                # TYPE http_server_requests_seconds histogram

                http_server_requests_seconds_bucket{method="GET",outcome="SUCCESS",status="200",uri="/",le="0.005"} 3
                http_server_requests_seconds_count{method="GET",status="500",} 1.0E2 1700000000000
                process_uptime_seconds 12.5
                jvm_info{ version = "17" , vendor="x"} +Inf
                """);

        assertThat(samples).containsExactly(
                new PrometheusText.Sample("http_server_requests_seconds_bucket",
                        Map.of("method", "GET", "outcome", "SUCCESS", "status", "200", "uri", "/", "le", "0.005"), 3),
                new PrometheusText.Sample("http_server_requests_seconds_count", Map.of("method", "GET", "status", "500"), 100),
                new PrometheusText.Sample("process_uptime_seconds", Map.of(), 12.5),
                new PrometheusText.Sample("jvm_info", Map.of("version", "17", "vendor", "x"), Double.POSITIVE_INFINITY));
        assertThat(samples.get(0).label("le")).isEqualTo("0.005");
        assertThat(samples.get(0).label("absent")).isNull();
    }

    @Test
    void unescapesLabelValues() {
        PrometheusText.Sample sample = PrometheusText.parse("m{path=\"a\\\"b\\\\c\\nd,}\"} 1").get(0);

        assertThat(sample.label("path")).isEqualTo("a\"b\\c\nd,}");
    }

    @Test
    void readsTheSpecialValuesAsPrometheusWritesThem() {
        assertThat(PrometheusText.parseValue("+Inf")).isInfinite().isPositive();
        assertThat(PrometheusText.parseValue("Inf")).isInfinite().isPositive();
        assertThat(PrometheusText.parseValue("-Inf")).isInfinite().isNegative();
        assertThat(PrometheusText.parseValue("NaN")).isNaN();
        assertThat(PrometheusText.parseValue("-1.5e-3")).isEqualTo(-0.0015);
        assertThatThrownBy(() -> PrometheusText.parseValue("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipsLinesItCannotReadAndKeepsTheOthers() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(String.join("\n",
                "good 1",
                "no_value",
                "no_value_after_labels{a=\"b\"}",
                "{a=\"b\"} 1",
                "bad_value x",
                "unterminated{a=\"b",
                "unclosed{a=\"b\"",
                "no_equals{a \"b\"} 1",
                "no_quote{a=b} 1",
                "no_comma{a=\"b\" c=\"d\"} 1",
                "empty_labels{} 2",
                "job:requests:rate5m 4",
                "process_CPU_seconds 6",
                "bad^name 5",
                "  indented 3  "));

        assertThat(samples).extracting(PrometheusText.Sample::name).containsExactly("good", "empty_labels", "job:requests:rate5m", "process_CPU_seconds",
                "indented");
        assertThat(samples).extracting(PrometheusText.Sample::value).containsExactly(1.0, 2.0, 4.0, 6.0, 3.0);
    }

    @Test
    void readsWindowsLineEndings() {
        assertThat(PrometheusText.parse("a 1\r\nb 2\r\n")).extracting(PrometheusText.Sample::value).containsExactly(1.0, 2.0);
    }
}
