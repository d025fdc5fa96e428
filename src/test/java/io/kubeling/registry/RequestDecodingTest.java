package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import tools.jackson.databind.JsonNode;

/** Objects from clients are read as kube's Go decoder reads them: no conversions, nulls as Go leaves them. */
class RequestDecodingTest {

    private final ObjectCodec codec = new ObjectCodec();

    private JsonNode json(String text) {
        return codec.mapper().readTree(text);
    }

    private String refusal(String text, Class<?> type) {
        try {
            codec.decodeRequest(json(text), type);
        } catch (DecodingException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded: " + text);
    }

    private static String pod(String container) {
        return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":["
                + container + "]}}";
    }

    @Test
    void aNumberIsNoString() {
        assertThat(refusal(pod("{\"name\":\"c\",\"env\":[{\"name\":\"a\",\"value\":123}]}"), Pod.class)).isEqualTo(
                "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string");
    }

    @Test
    void aStringIsNoNumber() {
        assertThat(refusal(pod("{\"name\":\"c\",\"ports\":[{\"containerPort\":\"80\"}]}"), Pod.class)).isEqualTo(
                "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort "
                        + "of type int32");
        assertThat(refusal(pod("{\"name\":\"c\",\"ports\":[{\"containerPort\":80.5}]}"), Pod.class)).isEqualTo(
                "json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports"
                        + ".containerPort of type int32");
        assertThat(refusal(pod("{\"name\":\"c\",\"stdin\":\"true\"}"), Pod.class)).isEqualTo(
                "json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool");
    }

    @Test
    void wrongShapesNameTheirGoTypes() {
        assertThat(refusal("{\"spec\":{\"containers\":\"c\"}}", Pod.class)).isEqualTo(
                "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container");
        assertThat(refusal("{\"metadata\":{\"labels\":{\"a\":1}}}", Pod.class)).isEqualTo(
                "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
        assertThat(refusal("{\"metadata\":[]}", Pod.class)).isEqualTo(
                "json: cannot unmarshal array into Go struct field Pod.metadata of type v1.ObjectMeta");
    }

    @Test
    void intOrStringAndQuantityTakeBoth() {
        Service service = codec.decodeRequest(json("{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":\"http\"},"
                + "{\"port\":81,\"targetPort\":8081}]}}"), Service.class);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(service.getSpec().getPorts().get(1).getTargetPort().getIntVal()).isEqualTo(8081);
        Pod pod = codec.decodeRequest(json(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"100m\","
                + "\"memory\":1024}}}")), Pod.class);
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits().get("cpu").toString())
                .isEqualTo("100m");
        assertThat(refusal("{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":true}]}}", Service.class)).isEqualTo(
                "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32");
    }

    @Test
    void malformedQuantitiesAreRefused() {
        assertThat(refusal(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"10m\\u0000\"}}}"), Pod.class))
                .isEqualTo("quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        assertThat(refusal(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":1e999999999}}}"), Pod.class))
                .startsWith("quantities must match");
        assertThat(refusal(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"1e999999999\"}}}"), Pod.class))
                .isEqualTo("unable to parse numeric part of quantity");
        assertThat(refusal(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"1Qi\"}}}"), Pod.class))
                .startsWith("quantities must match");
        assertThat(refusal(pod("{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"1mk\"}}}"), Pod.class))
                .isEqualTo("unable to parse quantity's suffix");
    }

    @Test
    void nullsBecomeWhatGoLeaves() {
        Pod pod = codec.decodeRequest(json("{\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":null}},\"spec\":"
                + "{\"containers\":[null,{\"name\":\"c\",\"env\":[null],\"ports\":[null],\"args\":[null],"
                + "\"image\":null}],\"tolerations\":[null]}}"), Pod.class);
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "");
        assertThat(pod.getSpec().getContainers()).hasSize(2);
        assertThat(pod.getSpec().getContainers().get(0).getName()).isNull();
        assertThat(pod.getSpec().getContainers().get(1).getEnv().get(0)).isNotNull();
        assertThat(pod.getSpec().getContainers().get(1).getPorts().get(0).getContainerPort()).isNull();
        assertThat(pod.getSpec().getContainers().get(1).getArgs()).containsExactly("");
        assertThat(pod.getSpec().getTolerations().get(0)).isNotNull();

        Deployment deployment = codec.decodeRequest(json("{\"spec\":{\"selector\":{\"matchExpressions\":[{\"key\":"
                + "\"a\",\"operator\":\"Bogus\",\"values\":[null]}]}}}"), Deployment.class);
        assertThat(deployment.getSpec().getSelector().getMatchExpressions().get(0).getValues()).containsExactly("");
        assertThat(codec.decodeRequest(json("{\"metadata\":null}"), Pod.class).getMetadata()).isNull();
    }

    @Test
    void scaleReplicasMustBeAnInt32() {
        assertThat(refusal("{\"spec\":{\"replicas\":\"x\"}}", Scale.class)).isEqualTo(
                "json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32");
        assertThat(refusal("{\"spec\":{\"replicas\":2147483648}}", Scale.class)).isEqualTo(
                "json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec.spec.replicas of type int32");
        assertThatThrownBy(() -> codec.decodeBody(json("{\"spec\":{\"replicas\":\"x\"}}"), Scale.class, "Scale", "v1"))
                .isInstanceOf(StatusException.class)
                .hasMessage("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal string into "
                        + "Go struct field ScaleSpec.spec.replicas of type int32");
    }

    @Test
    void int64FieldsTakeLargeNumbers() {
        Pod pod = codec.decodeRequest(json("{\"spec\":{\"activeDeadlineSeconds\":4294967296}}"), Pod.class);
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(4294967296L);
        assertThat(refusal("{\"spec\":{\"activeDeadlineSeconds\":1e40}}", Pod.class))
                .startsWith("json: cannot unmarshal number ").endsWith(
                        " into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64");
    }
}
