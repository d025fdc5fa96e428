package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.UserInfo;

/** kube's RequestInfoFactory cases, and the 403 message each request gets when refused. */
class RequestInfoTest {

    private static RequestInfo get(String path) {
        return RequestInfo.parse("GET", path, null, null);
    }

    @Test
    void resourceRequestsNameTheirVerbGroupResourceNamespaceAndName() {
        assertThat(get("/api/v1/namespaces/dev/pods")).isEqualTo(new RequestInfo(true, "/api/v1/namespaces/dev/pods",
                "list", "", "v1", "dev", "pods", "", ""));
        assertThat(get("/api/v1/namespaces/dev/pods/web/log")).isEqualTo(new RequestInfo(true,
                "/api/v1/namespaces/dev/pods/web/log", "get", "", "v1", "dev", "pods", "log", "web"));
        assertThat(RequestInfo.parse("GET", "/apis/apps/v1/deployments", "true", null))
                .extracting(RequestInfo::verb, RequestInfo::apiGroup, RequestInfo::resource, RequestInfo::namespace)
                .containsExactly("watch", "apps", "deployments", "");
        assertThat(get("/apis/apps/v1/watch/namespaces/dev/deployments/web"))
                .extracting(RequestInfo::verb, RequestInfo::namespace, RequestInfo::name)
                .containsExactly("watch", "dev", "web");
        assertThat(RequestInfo.parse("GET", "/api/v1/pods", "true", "spec.nodeName=n1").fieldSelector())
                .isEqualTo("spec.nodeName=n1");
        assertThat(RequestInfo.parse("DELETE", "/api/v1/namespaces/dev/configmaps", null, null).verb())
                .isEqualTo("deletecollection");
        assertThat(RequestInfo.parse("DELETE", "/api/v1/namespaces/dev/configmaps/c", null, null).verb())
                .isEqualTo("delete");
        assertThat(RequestInfo.parse("POST", "/api/v1/namespaces/dev/pods/web/eviction", null, null))
                .extracting(RequestInfo::verb, RequestInfo::subresource).containsExactly("create", "eviction");
        assertThat(RequestInfo.parse("PATCH", "/apis/apps/v1/namespaces/dev/deployments/web/scale", null, null))
                .extracting(RequestInfo::verb, RequestInfo::subresource).containsExactly("patch", "scale");
        assertThat(RequestInfo.parse("PUT", "/api/v1/nodes/n1/status", null, null))
                .extracting(RequestInfo::verb, RequestInfo::resource, RequestInfo::subresource, RequestInfo::name)
                .containsExactly("update", "nodes", "status", "n1");
    }

    @Test
    void namespacesAndTheirSubresourcesAreTheNamespaceResource() {
        assertThat(get("/api/v1/namespaces/dev")).extracting(RequestInfo::resource, RequestInfo::name,
                RequestInfo::namespace).containsExactly("namespaces", "dev", "dev");
        assertThat(RequestInfo.parse("PUT", "/api/v1/namespaces/dev/finalize", null, null))
                .extracting(RequestInfo::resource, RequestInfo::subresource, RequestInfo::name)
                .containsExactly("namespaces", "finalize", "dev");
        assertThat(get("/api/v1/namespaces")).extracting(RequestInfo::verb, RequestInfo::resource)
                .containsExactly("list", "namespaces");
    }

    @Test
    void aListNarrowedToOneNameByFieldSelectorIsAuthorizedForThatName() {
        assertThat(RequestInfo.parse("GET", "/api/v1/namespaces/dev/pods", "1", "metadata.name=web"))
                .extracting(RequestInfo::verb, RequestInfo::name).containsExactly("watch", "web");
        assertThat(RequestInfo.parse("GET", "/api/v1/namespaces/dev/pods", null, "status.phase=Running"))
                .extracting(RequestInfo::verb, RequestInfo::name).containsExactly("list", "");
    }

    @Test
    void pathsAreTrimmedAndDecodedAndMalformedEscapesLeftAsSent() {
        assertThat(get("/api/v1/namespaces/dev/configmaps/a%2Bb+c/")).extracting(RequestInfo::name)
                .isEqualTo("a+b+c");
        assertThat(get("/api/v1/namespaces/dev/configmaps/bad%zz")).extracting(RequestInfo::name)
                .isEqualTo("bad%zz");
    }

    @Test
    void proxyIsAVerbWithoutSubresource() {
        assertThat(get("/api/v1/proxy/namespaces/dev/services/web/some/path"))
                .extracting(RequestInfo::verb, RequestInfo::resource, RequestInfo::name, RequestInfo::subresource)
                .containsExactly("proxy", "services", "web", "");
    }

    @Test
    void otherPathsAreNonResourceRequestsWithTheMethodAsVerb() {
        for (String path : List.of("/healthz", "/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/version",
                "/openapi/v2", "/")) {
            RequestInfo info = get(path);
            assertThat(info.resourceRequest()).as(path).isFalse();
            assertThat(info.verb()).isEqualTo("get");
            assertThat(info.path()).isEqualTo(path);
        }
        assertThat(RequestInfo.parse("POST", "/kubeling/v1/time", null, null).verb()).isEqualTo("post");
    }

    @Test
    void aRefusalReadsAsKubesForbiddenMessage() {
        UserInfo jane = new UserInfo("jane", "", List.of(UserInfo.AUTHENTICATED), Map.of());
        assertThat(AuthorizationFilter.forbidden(get("/api/v1/namespaces/dev/pods"), jane, "").status().getMessage())
                .isEqualTo("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the "
                        + "namespace \"dev\"");
        assertThat(AuthorizationFilter.forbidden(get("/apis/apps/v1/namespaces/dev/deployments/web/scale"), jane, "")
                .status().getMessage()).isEqualTo("deployments.apps \"web\" is forbidden: User \"jane\" cannot get "
                        + "resource \"deployments/scale\" in API group \"apps\" in the namespace \"dev\"");
        assertThat(AuthorizationFilter.forbidden(get("/api/v1/nodes"), jane,
                "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found").status().getMessage())
                .isEqualTo("nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" at the "
                        + "cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
        var nonResource = AuthorizationFilter.forbidden(get("/foo"), jane, "").status();
        assertThat(nonResource.getMessage()).isEqualTo("forbidden: User \"jane\" cannot get path \"/foo\"");
        assertThat(nonResource.getCode()).isEqualTo(403);
        assertThat(nonResource.getReason()).isEqualTo("Forbidden");
    }
}
