package io.kubeling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.kubeling.registry.UserInfo;

class AuditEventTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UserInfo ALICE = new UserInfo("alice", "u-1", List.of("dev"), Map.of());
    private static final Instant RECEIVED = Instant.parse("2026-12-07T01:02:03.123456789Z");
    private static final Instant DONE = Instant.parse("2026-12-07T01:02:03.200Z");
    private static final JsonNode POD = JSON.readTree("""
            {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"ns",
             "managedFields":[{"manager":"kubectl"}]},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
    private static final JsonNode SECRET = JSON.readTree("""
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","namespace":"ns"},
             "data":{"password":"aHVudGVyMg=="}}""");

    @Test
    void metadataLevelHasTheRequestButNoBodies() {
        AuditEvent event = event(AuditLevel.Metadata, false, "pods", "");
        event.requestObject(POD);
        event.responseObject(POD);
        event.responseStatus(201, null);
        event.annotate("authorization.k8s.io/decision", "allow");
        event.annotate("authorization.k8s.io/reason", "");
        JsonNode e = event.at(AuditStage.ResponseComplete, DONE);
        assertThat(e.toString()).isEqualTo("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\","
                + "\"level\":\"Metadata\",\"auditID\":\"id-1\",\"stage\":\"ResponseComplete\","
                + "\"requestURI\":\"/api/v1/namespaces/ns/pods?fieldManager=kubectl\",\"verb\":\"create\","
                + "\"user\":{\"username\":\"alice\",\"uid\":\"u-1\",\"groups\":[\"dev\"]},"
                + "\"sourceIPs\":[\"127.0.0.1\"],\"userAgent\":\"kubectl/v1.32.4\","
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"ns\",\"name\":\"p\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"code\":201},"
                + "\"requestReceivedTimestamp\":\"2026-12-07T01:02:03.123456Z\","
                + "\"stageTimestamp\":\"2026-12-07T01:02:03.200000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"\"}}");
    }

    @Test
    void requestLevelHasTheRequestBodyOnly() {
        AuditEvent event = event(AuditLevel.Request, false, "pods", "");
        event.requestObject(POD);
        event.responseObject(POD);
        JsonNode e = event.at(AuditStage.ResponseComplete, DONE);
        assertThat(e.path("requestObject").path("spec").path("containers").get(0).path("image").asString())
                .isEqualTo("nginx");
        assertThat(e.has("responseObject")).isFalse();
        assertThat(event.at(AuditStage.RequestReceived, DONE).has("requestObject")).isFalse();
    }

    @Test
    void requestResponseLevelHasBothBodiesAndMayLeaveManagedFieldsOut() {
        AuditEvent kept = event(AuditLevel.RequestResponse, false, "pods", "");
        kept.requestObject(POD);
        kept.responseObject(POD);
        JsonNode e = kept.at(AuditStage.ResponseComplete, DONE);
        assertThat(e.path("responseObject").path("metadata").has("managedFields")).isTrue();
        assertThat(e.path("requestObject").path("metadata").path("name").asString()).isEqualTo("p");

        AuditEvent omitted = event(AuditLevel.RequestResponse, true, "pods", "");
        omitted.responseObject(POD);
        JsonNode o = omitted.at(AuditStage.ResponseComplete, DONE);
        assertThat(o.path("responseObject").path("metadata").has("managedFields")).isFalse();
        assertThat(POD.path("metadata").has("managedFields")).isTrue();
    }

    @Test
    void aFailureCarriesItsStatusReasonAndMessage() {
        AuditEvent event = event(AuditLevel.Metadata, false, "pods", "");
        event.responseStatus(404, JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"pods \\"p\\" not found","reason":"NotFound","details":{"name":"p","kind":"pods"},
                 "code":404}"""));
        JsonNode status = event.at(AuditStage.ResponseComplete, DONE).path("responseStatus");
        assertThat(status.toString()).isEqualTo("{\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pods \\\"p\\\" not found\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"p\",\"kind\":\"pods\"},\"code\":404}");
    }

    @Test
    void secretsAndTokensAreLoggedAtMetadataWhateverThePolicySays() {
        for (String[] resource : new String[][] {{"", "secrets", ""}, {"", "serviceaccounts", "token"},
                {"authentication.k8s.io", "tokenreviews", ""}}) {
            AuditPolicy.Attributes attributes = new AuditPolicy.Attributes(ALICE, "create", true, "/api",
                    resource[0], "ns", resource[1], resource[2], "s");
            AuditEvent event = new AuditEvent("id", new AuditPolicy.Config(AuditLevel.RequestResponse,
                    EnumSet.noneOf(AuditStage.class), false), "/x", attributes, "v1", List.of(), "", RECEIVED);
            event.requestObject(SECRET);
            event.responseObject(SECRET);
            JsonNode e = event.at(AuditStage.ResponseComplete, DONE);
            assertThat(e.path("level").asString()).isEqualTo("Metadata");
            assertThat(e.toString()).doesNotContain("aHVudGVyMg").doesNotContain("requestObject");
        }
    }

    @Test
    void aSecretsBodyIsNeverCopiedEvenWhereThePathIsNotASecrets() {
        AuditEvent event = event(AuditLevel.RequestResponse, false, "configmaps", "");
        event.requestObject(SECRET);
        event.responseObject(JSON.readTree("{\"kind\":\"TokenRequest\",\"status\":{\"token\":\"eyJhbGciOi\"}}"));
        String line = event.at(AuditStage.ResponseComplete, DONE).toString();
        assertThat(line).doesNotContain("aHVudGVyMg").doesNotContain("eyJhbGciOi");
        assertThat(event.level()).isEqualTo(AuditLevel.RequestResponse);
    }

    @Test
    void theLogWritesLinesOffTheCallersThread() {
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, 16);
        log.write("{\"a\":1}");
        log.write("{\"b\":2}");
        log.close();
        assertThat(out.toString()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
    }

    @Test
    void aFullLogDropsLinesRatherThanHoldTheRequest() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        StringWriter sink = new StringWriter();
        java.io.Writer slow = new java.io.FilterWriter(sink) {
            @Override
            public void write(String s, int off, int len) throws java.io.IOException {
                try {
                    stuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(s, off, len);
            }
        };
        AuditLog log = AuditLog.to(slow, 2);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            log.write("{\"n\":" + i + "}");
        }
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
        // the writer holds what it took before it stuck (one line and a drained queue) and the queue fills again
        assertThat(log.dropped()).isGreaterThanOrEqualTo(100 - 1 - 2 - 2);
        stuck.countDown();
        log.close();
        Awaitility.await().until(() -> sink.toString().startsWith("{\"n\":0}"));
    }

    private static AuditEvent event(AuditLevel level, boolean omitManagedFields, String resource, String sub) {
        AuditPolicy.Attributes attributes = new AuditPolicy.Attributes(ALICE, "create", true,
                "/api/v1/namespaces/ns/pods", "", "ns", resource, sub, "p");
        return new AuditEvent("id-1", new AuditPolicy.Config(level, EnumSet.noneOf(AuditStage.class),
                omitManagedFields), "/api/v1/namespaces/ns/pods?fieldManager=kubectl", attributes, "v1",
                List.of("127.0.0.1"), "kubectl/v1.32.4", RECEIVED);
    }
}
