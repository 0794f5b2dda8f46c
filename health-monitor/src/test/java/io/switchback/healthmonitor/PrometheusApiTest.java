package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusApiTest {

    @Test
    void readsAnInstantVector() {
        var series = PrometheusApi.vector("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"pod":"a","le":"+Inf"},"value":[1764151500.25,"42"]},
                  {"metric":{},"value":[1764151500.25,"NaN"]}]}}
                """);

        assertThat(series).hasSize(2);
        assertThat(series.get(0)).isEqualTo(new PrometheusApi.Series(Map.of("pod", "a", "le", "+Inf"), 42, 1764151500.25));
        assertThat(series.get(1).value()).isNaN();
    }

    @Test
    void anErrorOrSomethingElseThanAVectorIsAFailedQueryNeverAnEmptyOne() {
        assertThatThrownBy(() -> PrometheusApi.vector("""
                {"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}
                """)).isInstanceOf(PrometheusApi.QueryFailedException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> PrometheusApi.vector("""
                {"status":"success","data":{"resultType":"matrix","result":[]}}
                """)).isInstanceOf(PrometheusApi.QueryFailedException.class);
        assertThatThrownBy(() -> PrometheusApi.vector("<html>502 Bad Gateway</html>"))
                .isInstanceOf(PrometheusApi.QueryFailedException.class);
    }
}
