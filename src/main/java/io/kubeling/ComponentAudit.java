package io.kubeling;

import java.util.List;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.audit.AuditBackend;
import io.kubeling.audit.AuditEvent;
import io.kubeling.audit.AuditLevel;
import io.kubeling.audit.AuditPolicy;
import io.kubeling.audit.AuditStage;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteAudit;

/**
 * The simulated components' writes in the audit log, each as the request its kube component would have sent: the
 * component's user, verb, path and object, the user agent its client sends, the policy's level and stages, and the
 * authorizer's decision, so that the log tells who did what as a kubeadm cluster's does.
 */
final class ComponentAudit implements WriteAudit {

    /** The components reach the API over the control plane's loopback. */
    private static final List<String> SOURCE_IPS = List.of("127.0.0.1");

    private final AuditBackend backend;
    private final ObjectCodec codec;
    private final String version;

    ComponentAudit(AuditBackend backend, ObjectCodec codec, String kubernetesVersion) {
        this.backend = backend;
        this.codec = codec;
        this.version = kubernetesVersion.startsWith("v") ? kubernetesVersion : "v" + kubernetesVersion;
    }

    @Override
    public Entry begin(Request request) {
        AuditPolicy.Attributes attributes = new AuditPolicy.Attributes(request.user(), request.verb(), true,
                request.path(), request.group(), request.namespace(), request.resource(), request.subresource(),
                request.creates() ? "" : request.name());
        AuditPolicy.Config config = backend.policy().evaluate(attributes);
        if (config.level() == AuditLevel.None) {
            return null;
        }
        AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), config, request.path(), attributes,
                request.version(), SOURCE_IPS, userAgent(request), backend.clock().instant());
        if (request.creates()) {
            event.requestObjectMeta(request.name(), "", "");
        }
        backend.write(event, config, AuditStage.RequestReceived);
        return new Entry() {
            @Override
            public void annotate(String key, String value) {
                event.annotate(key, value);
            }

            @Override
            public void succeeded(int code, HasMetadata object) {
                event.responseStatus(code, null);
                if (object != null && event.level().atLeast(AuditLevel.Request)) {
                    var tree = codec.mapper().valueToTree(object);
                    if (!request.verb().startsWith("delete")) {
                        event.requestObject(tree);
                    }
                    event.responseObject(tree);
                }
                backend.write(event, config, AuditStage.ResponseComplete);
            }

            @Override
            public void failed(StatusException refused) {
                event.responseStatus(refused.code(), codec.mapper().valueToTree(refused.status()));
                backend.write(event, config, AuditStage.ResponseComplete);
            }
        };
    }

    /** rest.DefaultKubernetesUserAgent with the name each component adds (AddUserAgent), by the user it acts as. */
    String userAgent(Request request) {
        String base = " (linux/amd64) kubernetes/0000000";
        UserInfo user = request.user();
        String name = user.name();
        boolean lease = request.resource().equals("leases");
        if (name.startsWith("system:node:")) {
            return "kubelet/" + version + base;
        }
        if (name.equals("system:kube-scheduler")) {
            return "kube-scheduler/" + version + base + (lease ? "/leader-election" : "/scheduler");
        }
        if (name.startsWith("system:serviceaccount:kube-system:")) {
            return "kube-controller-manager/" + version + base + "/" + name;
        }
        if (name.equals("system:kube-controller-manager")) {
            return "kube-controller-manager/" + version + base + (lease ? "/leader-election"
                    : "/kube-controller-manager");
        }
        return "kube-apiserver/" + version + base;
    }
}
