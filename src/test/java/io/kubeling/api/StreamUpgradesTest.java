package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.RawHttp;

/** What the streaming subresources answer before any stream: kube's checks, then the upgrade or its refusal. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class StreamUpgradesTest {

    @LocalServerPort
    int port;

    @Test
    void requestsAreCheckedBeforeAnUpgradeIsAskedFor() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("upgrade");
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        // scheduled nowhere: a node selector no node has
        api.post(pods, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":"
                + "{\"nodeSelector\":{\"none\":\"x\"},\"containers\":[{\"name\":\"a\",\"image\":\"busybox\"},"
                + "{\"name\":\"b\",\"image\":\"busybox\"}]}}");
        assertMessage(api.get(pods + "/missing/exec?command=ls&stdout=true"), 404, "pods \"missing\" not found");
        assertMessage(api.get(pods + "/p/exec?command=ls&stdout=true"), 400,
                "a container name must be specified for pod p, choose one of: [a b]");
        assertMessage(api.get(pods + "/p/exec?command=ls&stdout=true&container=c"), 400,
                "container c is not valid for pod p");
        assertMessage(api.get(pods + "/p/exec?command=ls&stdout=true&container=a"), 400,
                "pod p does not have a host assigned");
        assertMessage(api.get(pods + "/p/portforward?ports=80"), 400, "pod p does not have a host assigned");
        assertMessage(api.get(pods + "/p/portforward?ports=0"), 400, "port 0 must be > 0 and < 65536");
    }

    @Test
    void aRequestWithoutAnUpgradeIsRefusedAsKubeRefusesIt() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("upgrade");
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        api.post(pods, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":"
                + "{\"nodeName\":\"kubeling-node-1\",\"containers\":[{\"name\":\"a\",\"image\":\"busybox\"}]}}");
        assertMessage(api.get(pods + "/p/exec?command=ls&stdout=true"), 400, "Upgrade request required");
        assertMessage(api.get(pods + "/p/attach"), 400, "you must specify at least 1 of stdin, stdout, stderr");
        assertMessage(api.post(pods + "/p/attach?stdout=true", "{}"), 400, "Upgrade request required");
        assertThat(api.delete(pods + "/p/exec").code()).isEqualTo(405);
    }

    @Test
    void spdyIsNegotiatedAsTheKubeletNegotiatesIt() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("upgrade");
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        api.post(pods, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":"
                + "{\"nodeName\":\"kubeling-node-1\",\"containers\":[{\"name\":\"a\",\"image\":\"busybox\"}]}}");
        String spdy = "\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1";
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response none = raw.send("POST " + pods + "/p/exec?command=ls&stdout=true HTTP/1.1" + spdy, "");
            assertThat(none.code()).isEqualTo(400);
            assertThat(none.body()).isEqualTo("unable to upgrade: X-Stream-Protocol-Version is required\n");
        }
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response unknown = raw.send("POST " + pods + "/p/exec?command=ls&stdout=true HTTP/1.1" + spdy
                    + "\r\nX-Stream-Protocol-Version: v9.channel.k8s.io", "");
            assertThat(unknown.code()).isEqualTo(403);
            assertThat(unknown.headers("X-Accept-Protocol-Version")).containsExactly("v4.channel.k8s.io",
                    "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io");
            assertThat(unknown.body()).isEqualTo("unable to upgrade: unable to negotiate protocol: client supports "
                    + "[v9.channel.k8s.io], server accepts [v4.channel.k8s.io v3.channel.k8s.io v2.channel.k8s.io "
                    + "channel.k8s.io]\n");
        }
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response forward = raw.send("POST " + pods + "/p/portforward HTTP/1.1" + spdy
                    + "\r\nX-Stream-Protocol-Version: v4.channel.k8s.io", "");
            assertThat(forward.code()).isEqualTo(403);
            assertThat(forward.headers("X-Accept-Protocol-Version")).containsExactly("portforward.k8s.io");
        }
    }

    private static void assertMessage(Reply reply, int code, String message) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(code);
        assertThat(reply.json().path("message").asString()).isEqualTo(message);
    }
}
