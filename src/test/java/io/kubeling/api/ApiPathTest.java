package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.StatusException;

class ApiPathTest {

    @Test
    void pathsReadAsKubesRequestInfoReadsThem() {
        assertThat(ApiPath.parse("/api/v1/namespaces/default/pods/web-1/status"))
                .isEqualTo(new ApiPath("", "v1", "default", "pods", "web-1", "status", false));
        assertThat(ApiPath.parse("/apis/apps/v1/watch/namespaces/a/deployments"))
                .isEqualTo(new ApiPath("apps", "v1", "a", "deployments", null, null, true));
        assertThat(ApiPath.parse("/api/v1/namespaces/a/status"))
                .isEqualTo(new ApiPath("", "v1", null, "namespaces", "a", "status", false));
        assertThat(ApiPath.parse("/api/v1/nodes")).isEqualTo(new ApiPath("", "v1", null, "nodes", null, null, false));
    }

    @Test
    void emptySegmentsAreSkippedAndEscapesAndPlusesDecoded() {
        assertThat(ApiPath.parse("//api//v1/nodes/n1/"))
                .isEqualTo(new ApiPath("", "v1", null, "nodes", "n1", null, false));
        assertThat(ApiPath.parse("/api/v1/namespaces/a%2Fb/configmaps/x+y%20z"))
                .isEqualTo(new ApiPath("", "v1", "a/b", "configmaps", "x y z", null, false));
        assertThatThrownBy(() -> ApiPath.parse("/api/v1/nodes/%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsNamingNoResourceAreNotFound() {
        for (String path : new String[] {"/api/v1", "/api/v1/", "/apis/apps/v1", "/api", "/version", "",
                "/api/v1/watch", "/api/v1/namespaces/a/pods/b/c/d"}) {
            assertThatThrownBy(() -> ApiPath.parse(path)).as(path).isInstanceOf(StatusException.class);
        }
    }
}
