package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void aMalformedPairIsDroppedAndTheOthersKept() {
        Map<String, String[]> params = QueryParameters.parse("%zz=1&limit=2&a=%zz&b=x%20y+z&b=2&c&bad;pair=1");
        assertThat(params.keySet()).containsExactly("limit", "b", "c");
        assertThat(params.get("limit")).containsExactly("2");
        assertThat(params.get("b")).containsExactly("x y z", "2");
        assertThat(params.get("c")).containsExactly("");
    }

    @Test
    void noQueryHasNoParameters() {
        assertThat(QueryParameters.parse(null)).isEmpty();
        assertThat(QueryParameters.parse("")).isEmpty();
    }
}
