package io.kubeling.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import io.kubeling.api.fuzz.FuzzTarget.Subresource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A valid object of every resource Kubeling serves, and of every subresource it writes, to mutate. */
final class FuzzCorpus {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FuzzCorpus() {
    }

    /** Every target; secrets carry {@code secretValue} as plain and as base64 data. */
    static List<FuzzTarget> targets(String secretValue) {
        String encoded = Base64.getEncoder().encodeToString(secretValue.getBytes(StandardCharsets.UTF_8));
        return List.of(
                quiet("configmaps", "/api/v1/namespaces/{ns}/configmaps", template("""
                        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"NAME","labels":{"app":"fuzz"},
                         "annotations":{"a":"b"}},"data":{"k":"v"},"binaryData":{"b":"AAE="}}""")),
                quiet("secrets", "/api/v1/namespaces/{ns}/secrets", template("""
                        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"NAME"},"type":"Opaque",
                         "stringData":{"password":"SECRET"},"data":{"token":"ENCODED"}}"""
                        .replace("SECRET", secretValue).replace("ENCODED", encoded))),
                quiet("serviceaccounts", "/api/v1/namespaces/{ns}/serviceaccounts", template("""
                        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"NAME"},
                         "automountServiceAccountToken":false,"imagePullSecrets":[{"name":"reg"}]}""")),
                quiet("endpoints", "/api/v1/namespaces/{ns}/endpoints", template("""
                        {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"NAME"},
                         "subsets":[{"addresses":[{"ip":"10.1.2.3"}],"ports":[{"name":"http","port":80}]}]}""")),
                quiet("events", "/api/v1/namespaces/{ns}/events", template("""
                        {"apiVersion":"v1","kind":"Event","metadata":{"name":"NAME"},
                         "involvedObject":{"kind":"Pod","name":"web","namespace":"NS","apiVersion":"v1"},
                         "reason":"Scheduled","message":"Successfully assigned","type":"Normal","count":1,
                         "source":{"component":"default-scheduler"}}""")),
                quiet("leases", "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", template("""
                        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"NAME"},
                         "spec":{"holderIdentity":"me","leaseDurationSeconds":15,
                          "renewTime":"2026-01-01T00:00:00.000000Z"}}""")),
                quiet("endpointslices", "/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices", template("""
                        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"NAME"},
                         "addressType":"IPv4","endpoints":[{"addresses":["10.1.2.3"],"conditions":{"ready":true}}],
                         "ports":[{"name":"http","port":80,"protocol":"TCP"}]}""")),
                new FuzzTarget("pods", "/api/v1/namespaces/{ns}/pods", template(POD), false, true, false, List.of(
                        new Subresource("status", "PUT", template(POD)),
                        new Subresource("binding", "POST", template("""
                                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"NAME"},
                                 "target":{"apiVersion":"v1","kind":"Node","name":"node-1"}}""")),
                        new Subresource("eviction", "POST", template("""
                                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"NAME","namespace":"NS"},
                                 "deleteOptions":{"gracePeriodSeconds":0}}""")))),
                new FuzzTarget("services", "/api/v1/namespaces/{ns}/services", template("""
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME"},
                         "spec":{"selector":{"app":"fuzz"},"type":"ClusterIP","sessionAffinity":"None",
                          "ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"}]}}"""),
                        false, true, true, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME"},
                                 "status":{"loadBalancer":{"ingress":[{"ip":"10.9.9.9","ports":[{"port":80,
                                  "protocol":"TCP"}]}]}}}""")))),
                new FuzzTarget("namespaces", "/api/v1/namespaces", template("""
                        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NAME","labels":{"team":"fuzz"}}}"""),
                        false, true, false, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NAME"},
                                 "status":{"phase":"Active"}}""")))),
                new FuzzTarget("deployments", "/apis/apps/v1/namespaces/{ns}/deployments", template(DEPLOYMENT),
                        true, true, true, List.of(
                                new Subresource("scale", "PUT", template(SCALE)),
                                new Subresource("status", "PUT", template(DEPLOYMENT)))),
                new FuzzTarget("replicasets", "/apis/apps/v1/namespaces/{ns}/replicasets",
                        template(REPLICASET),
                        true, true, true, List.of(
                                new Subresource("scale", "PUT", template(SCALE)),
                                new Subresource("status", "PUT", template("""
                                        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"NAME"},
                                         "status":{"replicas":0,"observedGeneration":1}}""")))),
                new FuzzTarget("jobs", "/apis/batch/v1/namespaces/{ns}/jobs", template("""
                        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"NAME"},
                         "spec":{"suspend":true,"parallelism":1,"completions":1,"backoffLimit":2,
                          "template":{"spec":{"restartPolicy":"Never",
                           "containers":[{"name":"c","image":"busybox","command":["sh","-c","exit 0"]}]}}}}"""),
                        true, true, true, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"NAME"},
                                 "status":{"active":0,"startTime":"2026-01-01T00:00:00Z"}}""")))),
                new FuzzTarget("cronjobs", "/apis/batch/v1/namespaces/{ns}/cronjobs", template("""
                        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"NAME"},
                         "spec":{"schedule":"0 0 1 1 *","timeZone":"Europe/Paris","concurrencyPolicy":"Forbid",
                          "startingDeadlineSeconds":60,"suspend":true,"jobTemplate":{"spec":{"template":{"spec":{
                           "restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}}"""),
                        true, true, false, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"NAME"},
                                 "status":{"lastScheduleTime":"2026-01-01T00:00:00Z"}}""")))),
                new FuzzTarget("poddisruptionbudgets", "/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets",
                        template("""
                        {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"NAME"},
                         "spec":{"maxUnavailable":"25%","selector":{"matchLabels":{"app":"fuzz"}},
                          "unhealthyPodEvictionPolicy":"AlwaysAllow"}}"""),
                        false, true, true, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"NAME"},
                                 "status":{"currentHealthy":1,"desiredHealthy":1,"disruptionsAllowed":0,
                                  "expectedPods":1}}""")))),
                new FuzzTarget("statefulsets", "/apis/apps/v1/namespaces/{ns}/statefulsets", template(STATEFULSET),
                        true, true, true, List.of(
                                new Subresource("scale", "PUT", template(SCALE)),
                                new Subresource("status", "PUT", template("""
                                        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"NAME"},
                                         "status":{"replicas":0,"availableReplicas":0,"observedGeneration":1,
                                          "collisionCount":0}}""")))),
                new FuzzTarget("daemonsets", "/apis/apps/v1/namespaces/{ns}/daemonsets", template(DAEMONSET),
                        true, true, true, List.of(new Subresource("status", "PUT", template("""
                                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"NAME"},
                                 "status":{"currentNumberScheduled":0,"numberMisscheduled":0,"desiredNumberScheduled":0,
                                  "numberReady":0,"observedGeneration":1}}""")))),
                quiet("controllerrevisions", "/apis/apps/v1/namespaces/{ns}/controllerrevisions", template("""
                        {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"NAME"},"revision":1,
                         "data":{"spec":{"template":{"$patch":"replace","spec":{"containers":[{"name":"c",
                          "image":"nginx"}]}}}}}""")),
                quiet("persistentvolumeclaims", "/api/v1/namespaces/{ns}/persistentvolumeclaims", template("""
                        {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"NAME"},
                         "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"fuzz-none",
                          "resources":{"requests":{"storage":"1Gi"}},
                          "selector":{"matchLabels":{"tier":"fuzz"}}}}""")),
                new FuzzTarget("persistentvolumes", "/api/v1/persistentvolumes", template("""
                        {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"NAME"},
                         "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],
                          "storageClassName":"fuzz-none","persistentVolumeReclaimPolicy":"Retain",
                          "hostPath":{"path":"/data/NAME"}}}"""), true, false, true, List.of()),
                new FuzzTarget("resourcequotas", "/api/v1/namespaces/{ns}/resourcequotas", template("""
                        {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"NAME"},
                         "spec":{"hard":{"count/widgets.example.com":"1000"}}}"""), false, true, true, List.of()),
                quiet("limitranges", "/api/v1/namespaces/{ns}/limitranges", template("""
                        {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"NAME"},
                         "spec":{"limits":[{"type":"PersistentVolumeClaim","max":{"storage":"100Ti"}}]}}""")),
                quiet("podtemplates", "/api/v1/namespaces/{ns}/podtemplates", template("""
                        {"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"NAME"},
                         "template":{"metadata":{"labels":{"app":"fuzz"}},
                          "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}""")),
                new FuzzTarget("replicationcontrollers", "/api/v1/namespaces/{ns}/replicationcontrollers",
                        template("""
                        {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"NAME"},
                         "spec":{"replicas":0,"selector":{"app":"fuzz-rc"},
                          "template":{"metadata":{"labels":{"app":"fuzz-rc"}},
                           "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}"""),
                        true, true, true, List.of(new Subresource("scale", "PUT", template(SCALE)))),
                quiet("events.k8s.io", "/apis/events.k8s.io/v1/namespaces/{ns}/events", template("""
                        {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"NAME"},
                         "regarding":{"kind":"Pod","name":"web","namespace":"NS","apiVersion":"v1"},
                         "eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"example.com/fuzz",
                         "reportingInstance":"fuzz-1","action":"Pull","reason":"Pulled","note":"pulled",
                         "type":"Normal"}""")),
                new FuzzTarget("nodes", "/api/v1/nodes", template("""
                        {"apiVersion":"v1","kind":"Node","metadata":{"name":"NAME","labels":{"kubernetes.io/os":"linux"}},
                         "spec":{"unschedulable":true,"podCIDR":"10.244.99.0/24",
                          "taints":[{"key":"fuzz","value":"yes","effect":"NoSchedule"}]},
                         "status":{"capacity":{"cpu":"2","memory":"4Gi","pods":"110"},
                          "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}]}}"""),
                        true, false, true, List.of()));
    }

    // labels no workload selects: the stored ReplicaSet and Deployment, at zero replicas, would adopt and delete it
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","labels":{"app":"fuzz-pod"},"annotations":{"a":"b"}},
             "spec":{"schedulerName":"kubeling-test-unscheduled","restartPolicy":"Always",
              "terminationGracePeriodSeconds":0,"nodeSelector":{"disk":"ssd"},
              "tolerations":[{"key":"k","operator":"Equal","value":"v","effect":"NoSchedule","tolerationSeconds":null}],
              "volumes":[{"name":"data","emptyDir":{"sizeLimit":"1Gi"}},{"name":"cfg","configMap":{"name":"c"}}],
              "securityContext":{"runAsUser":1000,"fsGroup":2000},
              "containers":[{"name":"web","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
               "command":["nginx"],"args":["-g","daemon off;"],
               "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
               "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "resources":{"requests":{"cpu":"10m","memory":"16Mi"},"limits":{"cpu":"100m","memory":"64Mi"}},
               "volumeMounts":[{"name":"data","mountPath":"/data"}],
               "readinessProbe":{"httpGet":{"path":"/","port":80},"periodSeconds":5},
               "lifecycle":{"preStop":{"exec":{"command":["sleep","1"]}}}}]}}""";

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","labels":{"app":"fuzz"}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"fuzz"},
               "matchExpressions":[{"key":"tier","operator":"In","values":["web"]}]},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},
              "template":{"metadata":{"labels":{"app":"fuzz","tier":"web"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}""";

    private static final String REPLICASET = """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"NAME","labels":{"app":"fuzz"}},
             "spec":{"replicas":0,"minReadySeconds":0,"selector":{"matchLabels":{"app":"fuzz"}},
              "template":{"metadata":{"labels":{"app":"fuzz"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}""";

    private static final String STATEFULSET = """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"NAME","labels":{"app":"fuzz"}},
             "spec":{"replicas":0,"serviceName":"fuzz","podManagementPolicy":"Parallel",
              "selector":{"matchLabels":{"app":"fuzz-sts"}},
              "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0,"maxUnavailable":"50%"}},
              "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"},
              "template":{"metadata":{"labels":{"app":"fuzz-sts"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}},
              "volumeClaimTemplates":[{"metadata":{"name":"www"},
               "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}""";

    private static final String DAEMONSET = """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"NAME","labels":{"app":"fuzz"}},
             "spec":{"selector":{"matchLabels":{"app":"fuzz-ds"}},"minReadySeconds":0,
              "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"10%"}},
              "template":{"metadata":{"labels":{"app":"fuzz-ds"}},
               "spec":{"schedulerName":"kubeling-test-unscheduled","nodeSelector":{"kubeling.io/fuzz":"none"},
                "containers":[{"name":"agent","image":"nginx:1.27"}]}}}}""";

    private static final String SCALE = """
            {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"NAME","namespace":"NS"},
             "spec":{"replicas":0}}""";

    private static FuzzTarget quiet(String resource, String collection, BiFunction<String, String, ObjectNode> sample) {
        return new FuzzTarget(resource, collection, sample, false, true, false, List.of());
    }

    /** Fills NAME and NS into a JSON template. */
    private static BiFunction<String, String, ObjectNode> template(String json) {
        return (name, namespace) -> (ObjectNode) JSON.readTree(json.replace("NAME", name).replace("\"NS\"",
                "\"" + namespace + "\""));
    }
}
