package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import io.kubeling.support.KubelingTest;

/** The resource API's requests reach the handler method Spring MVC's search finds, without the search. */
@KubelingTest
class ResourceRoutesTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    @Autowired
    ResourceRoutes routes;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping search;

    @Autowired
    ResourceHandlerAdapter adapter;

    @Test
    void resourcePathsGoToTheHandlerMethodTheSearchFinds() throws Exception {
        for (String path : List.of("/api/v1/pods", "/api/v1/namespaces", "/api/v1/namespaces/default",
                "/api/v1/namespaces/default/pods", "/api/v1/namespaces/default/pods/web-1",
                "/api/v1/namespaces/default/pods/web-1/status", "/api/v1/namespaces/default/pods/web-1/exec",
                "/api/v1/watch/namespaces/default/pods", "/api/v1/namespaces/default/pods/", "/api/v1/nodes/n.1",
                "/apis/apps/v1/deployments", "/apis/apps/v1/namespaces/a/deployments/d/scale",
                "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:x", "/api/v1/a/b/c/d/e/f",
                "/apis/stable.example.com/v1beta1/namespaces/x/crontabs/c~1_x")) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
                HandlerMethod routed = routes.route(method, path);
                assertThat(routed).as(method + " " + path).isNotNull();
                assertThat(routed.getMethod()).as(method + " " + path).isEqualTo(searched(method, path).getMethod());
                assertThat(routed.getBean()).isInstanceOf(ResourceController.class);
                assertThat(adapter.supports(routed)).as(method + " " + path).isTrue();
                assertThat(adapter.supports(searched(method, path).createWithResolvedBean())).isTrue();
            }
        }
    }

    @Test
    void everyOtherRequestIsLeftToTheSearch() {
        for (String path : List.of("/api", "/api/", "/api/v1", "/api/v1/", "/apis", "/apis/", "/apis/apps",
                "/apis/apps/", "/apis/apps/v1", "/apis/apps/v1/", "/api/v2/pods", "/version", "/openapi/v3/api/v1",
                "/api/v1//pods", "/api/v1/namespaces/%64efault/pods", "/api/v1/namespaces/default/pods;x=y",
                "/api/v1/./pods", "/api/v1/namespaces/../pods", "/api/v1/..", "/apis//v1/deployments",
                "/api/v1/pods?watch=true", "/api/v1/pods#x", "/api/v1/pods name")) {
            for (String method : METHODS) {
                assertThat(routes.route(method, path)).as(method + " " + path).isNull();
            }
        }
        for (String method : List.of("OPTIONS", "TRACE", "CONNECT", "get", "PROPFIND")) {
            assertThat(routes.route(method, "/api/v1/pods")).as(method).isNull();
        }
    }

    @Test
    void theAdapterCallsTheResourceControllerOnly() throws Exception {
        HandlerMethod discovery = searched("GET", "/api/v1");
        assertThat(adapter.supports(discovery.createWithResolvedBean())).isFalse();
        assertThat(adapter.supports(new Object())).isFalse();
    }

    @Test
    void dotsWithinNamesAreNoDotSegments() {
        assertThat(routes.route("GET", "/api/v1/nodes/.x")).isNotNull();
        assertThat(routes.route("GET", "/api/v1/nodes/..x")).isNotNull();
        assertThat(routes.route("GET", "/api/v1/nodes/x.")).isNotNull();
        assertThat(routes.route("GET", "/api/v1/nodes/.")).isNull();
        assertThat(routes.route("GET", "/api/v1/nodes/../x")).isNull();
    }

    private HandlerMethod searched(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = search.getHandler(request);
        assertThat(chain).as(method + " " + path).isNotNull();
        return (HandlerMethod) chain.getHandler();
    }
}
