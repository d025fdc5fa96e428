package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.GoType.BOOL;
import static io.kubeling.resources.pods.GoType.INT;
import static io.kubeling.resources.pods.GoType.INT32;
import static io.kubeling.resources.pods.GoType.QUANTITY;
import static io.kubeling.resources.pods.GoType.STRING;
import static io.kubeling.resources.pods.GoType.map;
import static io.kubeling.resources.pods.GoType.ptr;
import static io.kubeling.resources.pods.GoType.slice;
import static io.kubeling.resources.pods.GoType.struct;

/**
 * The field layout of kube's internal {@code core.PodSpec} and the types under it (v1.35), in Go
 * declaration order, because go-cmp prints struct fields in that order and counts the ones it
 * leaves out. Each field carries its v1 JSON name so a fabric8 object can be read into it. Types not
 * described here are read generically (see {@link InternalPodSpec}).
 */
final class InternalPodTypes {

    private InternalPodTypes() {
    }

    static final GoType RESOURCE_NAME = GoType.namedString("core.ResourceName", true);
    static final GoType RESOURCE_LIST = GoType.namedMap("core.ResourceList", RESOURCE_NAME, QUANTITY);
    static final GoType STRING_MAP = map(STRING, STRING);
    static final GoType STRINGS = slice(STRING);

    static final GoType INT_OR_STRING = struct("intstr.IntOrString")
            .field("Type", null, GoType.namedInt("intstr.Type"))
            .field("IntVal", null, INT32)
            .field("StrVal", null, STRING);

    static final GoType LABEL_SELECTOR_REQUIREMENT = struct("v1.LabelSelectorRequirement")
            .field("Key", "key", STRING)
            .field("Operator", "operator", STRING)
            .field("Values", "values", STRINGS);
    static final GoType LABEL_SELECTOR = struct("v1.LabelSelector")
            .field("MatchLabels", "matchLabels", STRING_MAP)
            .field("MatchExpressions", "matchExpressions", slice(LABEL_SELECTOR_REQUIREMENT));

    static final GoType LOCAL_OBJECT_REFERENCE = struct("core.LocalObjectReference").field("Name", "name", STRING);

    static final GoType KEY_TO_PATH = struct("core.KeyToPath")
            .field("Key", "key", STRING)
            .field("Path", "path", STRING)
            .field("Mode", "mode", ptr(INT32));

    static final GoType OBJECT_FIELD_SELECTOR = struct("core.ObjectFieldSelector")
            .field("APIVersion", "apiVersion", STRING)
            .field("FieldPath", "fieldPath", STRING);
    static final GoType RESOURCE_FIELD_SELECTOR = struct("core.ResourceFieldSelector")
            .field("ContainerName", "containerName", STRING)
            .field("Resource", "resource", STRING)
            .field("Divisor", "divisor", QUANTITY);

    static final GoType HOST_PATH = struct("core.HostPathVolumeSource")
            .field("Path", "path", STRING)
            .field("Type", "type", ptr(STRING));
    static final GoType EMPTY_DIR = struct("core.EmptyDirVolumeSource")
            .field("Medium", "medium", STRING)
            .field("SizeLimit", "sizeLimit", ptr(QUANTITY));
    static final GoType SECRET_VOLUME = struct("core.SecretVolumeSource")
            .field("SecretName", "secretName", STRING)
            .field("Items", "items", slice(KEY_TO_PATH))
            .field("DefaultMode", "defaultMode", ptr(INT32))
            .field("Optional", "optional", ptr(BOOL));
    static final GoType CONFIG_MAP_VOLUME = struct("core.ConfigMapVolumeSource")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Items", "items", slice(KEY_TO_PATH))
            .field("DefaultMode", "defaultMode", ptr(INT32))
            .field("Optional", "optional", ptr(BOOL));
    static final GoType PVC_VOLUME = struct("core.PersistentVolumeClaimVolumeSource")
            .field("ClaimName", "claimName", STRING)
            .field("ReadOnly", "readOnly", BOOL);
    static final GoType DOWNWARD_API_FILE = struct("core.DownwardAPIVolumeFile")
            .field("Path", "path", STRING)
            .field("FieldRef", "fieldRef", ptr(OBJECT_FIELD_SELECTOR))
            .field("ResourceFieldRef", "resourceFieldRef", ptr(RESOURCE_FIELD_SELECTOR))
            .field("Mode", "mode", ptr(INT32));
    static final GoType DOWNWARD_API_VOLUME = struct("core.DownwardAPIVolumeSource")
            .field("Items", "items", slice(DOWNWARD_API_FILE))
            .field("DefaultMode", "defaultMode", ptr(INT32));
    static final GoType SECRET_PROJECTION = struct("core.SecretProjection")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Items", "items", slice(KEY_TO_PATH))
            .field("Optional", "optional", ptr(BOOL));
    static final GoType CONFIG_MAP_PROJECTION = struct("core.ConfigMapProjection")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Items", "items", slice(KEY_TO_PATH))
            .field("Optional", "optional", ptr(BOOL));
    static final GoType DOWNWARD_API_PROJECTION = struct("core.DownwardAPIProjection")
            .field("Items", "items", slice(DOWNWARD_API_FILE));
    static final GoType SA_TOKEN_PROJECTION = struct("core.ServiceAccountTokenProjection")
            .field("Audience", "audience", STRING)
            .field("ExpirationSeconds", "expirationSeconds", INT)
            .field("Path", "path", STRING);
    static final GoType VOLUME_PROJECTION = struct("core.VolumeProjection")
            .field("Secret", "secret", ptr(SECRET_PROJECTION))
            .field("DownwardAPI", "downwardAPI", ptr(DOWNWARD_API_PROJECTION))
            .field("ConfigMap", "configMap", ptr(CONFIG_MAP_PROJECTION))
            .field("ServiceAccountToken", "serviceAccountToken", ptr(SA_TOKEN_PROJECTION))
            .field("ClusterTrustBundle", "clusterTrustBundle", ptr(struct("core.ClusterTrustBundleProjection")))
            .field("PodCertificate", "podCertificate", ptr(struct("core.PodCertificateProjection")));
    static final GoType PROJECTED_VOLUME = struct("core.ProjectedVolumeSource")
            .field("Sources", "sources", slice(VOLUME_PROJECTION))
            .field("DefaultMode", "defaultMode", ptr(INT32));
    static final GoType CSI_VOLUME = struct("core.CSIVolumeSource")
            .field("Driver", "driver", STRING)
            .field("ReadOnly", "readOnly", ptr(BOOL))
            .field("FSType", "fsType", ptr(STRING))
            .field("VolumeAttributes", "volumeAttributes", STRING_MAP)
            .field("NodePublishSecretRef", "nodePublishSecretRef", ptr(LOCAL_OBJECT_REFERENCE));
    static final GoType IMAGE_VOLUME = struct("core.ImageVolumeSource")
            .field("Reference", "reference", STRING)
            .field("PullPolicy", "pullPolicy", STRING);

    static final GoType VOLUME_SOURCE = struct("core.VolumeSource")
            .field("HostPath", "hostPath", ptr(HOST_PATH))
            .field("EmptyDir", "emptyDir", ptr(EMPTY_DIR))
            .field("GCEPersistentDisk", "gcePersistentDisk", ptr(struct("core.GCEPersistentDiskVolumeSource")))
            .field("AWSElasticBlockStore", "awsElasticBlockStore",
                    ptr(struct("core.AWSElasticBlockStoreVolumeSource")))
            .field("GitRepo", "gitRepo", ptr(struct("core.GitRepoVolumeSource")))
            .field("Secret", "secret", ptr(SECRET_VOLUME))
            .field("NFS", "nfs", ptr(struct("core.NFSVolumeSource")))
            .field("ISCSI", "iscsi", ptr(struct("core.ISCSIVolumeSource")))
            .field("Glusterfs", "glusterfs", ptr(struct("core.GlusterfsVolumeSource")))
            .field("PersistentVolumeClaim", "persistentVolumeClaim", ptr(PVC_VOLUME))
            .field("RBD", "rbd", ptr(struct("core.RBDVolumeSource")))
            .field("Quobyte", "quobyte", ptr(struct("core.QuobyteVolumeSource")))
            .field("FlexVolume", "flexVolume", ptr(struct("core.FlexVolumeSource")))
            .field("Cinder", "cinder", ptr(struct("core.CinderVolumeSource")))
            .field("CephFS", "cephfs", ptr(struct("core.CephFSVolumeSource")))
            .field("Flocker", "flocker", ptr(struct("core.FlockerVolumeSource")))
            .field("DownwardAPI", "downwardAPI", ptr(DOWNWARD_API_VOLUME))
            .field("FC", "fc", ptr(struct("core.FCVolumeSource")))
            .field("AzureFile", "azureFile", ptr(struct("core.AzureFileVolumeSource")))
            .field("ConfigMap", "configMap", ptr(CONFIG_MAP_VOLUME))
            .field("VsphereVolume", "vsphereVolume", ptr(struct("core.VsphereVirtualDiskVolumeSource")))
            .field("AzureDisk", "azureDisk", ptr(struct("core.AzureDiskVolumeSource")))
            .field("PhotonPersistentDisk", "photonPersistentDisk",
                    ptr(struct("core.PhotonPersistentDiskVolumeSource")))
            .field("Projected", "projected", ptr(PROJECTED_VOLUME))
            .field("PortworxVolume", "portworxVolume", ptr(struct("core.PortworxVolumeSource")))
            .field("ScaleIO", "scaleIO", ptr(struct("core.ScaleIOVolumeSource")))
            .field("StorageOS", "storageos", ptr(struct("core.StorageOSVolumeSource")))
            .field("CSI", "csi", ptr(CSI_VOLUME))
            .field("Ephemeral", "ephemeral", ptr(struct("core.EphemeralVolumeSource")))
            .field("Image", "image", ptr(IMAGE_VOLUME));
    static final GoType VOLUME = struct("core.Volume")
            .field("Name", "name", STRING)
            .embed(VOLUME_SOURCE);

    static final GoType CONTAINER_PORT = struct("core.ContainerPort")
            .field("Name", "name", STRING)
            .field("HostPort", "hostPort", INT32)
            .field("ContainerPort", "containerPort", INT32)
            .field("Protocol", "protocol", STRING)
            .field("HostIP", "hostIP", STRING);

    static final GoType CONFIG_MAP_KEY_SELECTOR = struct("core.ConfigMapKeySelector")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Key", "key", STRING)
            .field("Optional", "optional", ptr(BOOL));
    static final GoType SECRET_KEY_SELECTOR = struct("core.SecretKeySelector")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Key", "key", STRING)
            .field("Optional", "optional", ptr(BOOL));
    static final GoType ENV_VAR_SOURCE = struct("core.EnvVarSource")
            .field("FieldRef", "fieldRef", ptr(OBJECT_FIELD_SELECTOR))
            .field("ResourceFieldRef", "resourceFieldRef", ptr(RESOURCE_FIELD_SELECTOR))
            .field("ConfigMapKeyRef", "configMapKeyRef", ptr(CONFIG_MAP_KEY_SELECTOR))
            .field("SecretKeyRef", "secretKeyRef", ptr(SECRET_KEY_SELECTOR))
            .field("FileKeyRef", "fileKeyRef", ptr(struct("core.FileKeySelector")));
    static final GoType ENV_VAR = struct("core.EnvVar")
            .field("Name", "name", STRING)
            .field("Value", "value", STRING)
            .field("ValueFrom", "valueFrom", ptr(ENV_VAR_SOURCE));
    static final GoType CONFIG_MAP_ENV_SOURCE = struct("core.ConfigMapEnvSource")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Optional", "optional", ptr(BOOL));
    static final GoType SECRET_ENV_SOURCE = struct("core.SecretEnvSource")
            .embed(LOCAL_OBJECT_REFERENCE)
            .field("Optional", "optional", ptr(BOOL));
    static final GoType ENV_FROM_SOURCE = struct("core.EnvFromSource")
            .field("Prefix", "prefix", STRING)
            .field("ConfigMapRef", "configMapRef", ptr(CONFIG_MAP_ENV_SOURCE))
            .field("SecretRef", "secretRef", ptr(SECRET_ENV_SOURCE));

    static final GoType RESOURCE_CLAIM = struct("core.ResourceClaim")
            .field("Name", "name", STRING)
            .field("Request", "request", STRING);
    static final GoType RESOURCE_REQUIREMENTS = struct("core.ResourceRequirements")
            .field("Limits", "limits", RESOURCE_LIST)
            .field("Requests", "requests", RESOURCE_LIST)
            .field("Claims", "claims", slice(RESOURCE_CLAIM));
    static final GoType RESIZE_POLICY = struct("core.ContainerResizePolicy")
            .field("ResourceName", "resourceName", RESOURCE_NAME)
            .field("RestartPolicy", "restartPolicy", STRING);

    static final GoType VOLUME_MOUNT = struct("core.VolumeMount")
            .field("Name", "name", STRING)
            .field("ReadOnly", "readOnly", BOOL)
            .field("RecursiveReadOnly", "recursiveReadOnly", ptr(STRING))
            .field("MountPath", "mountPath", STRING)
            .field("SubPath", "subPath", STRING)
            .field("MountPropagation", "mountPropagation", ptr(STRING))
            .field("SubPathExpr", "subPathExpr", STRING);
    static final GoType VOLUME_DEVICE = struct("core.VolumeDevice")
            .field("Name", "name", STRING)
            .field("DevicePath", "devicePath", STRING);

    static final GoType EXEC_ACTION = struct("core.ExecAction").field("Command", "command", STRINGS);
    static final GoType HTTP_HEADER = struct("core.HTTPHeader")
            .field("Name", "name", STRING)
            .field("Value", "value", STRING);
    static final GoType HTTP_GET_ACTION = struct("core.HTTPGetAction")
            .field("Path", "path", STRING)
            .field("Port", "port", INT_OR_STRING)
            .field("Host", "host", STRING)
            .field("Scheme", "scheme", STRING)
            .field("HTTPHeaders", "httpHeaders", slice(HTTP_HEADER));
    static final GoType TCP_SOCKET_ACTION = struct("core.TCPSocketAction")
            .field("Port", "port", INT_OR_STRING)
            .field("Host", "host", STRING);
    static final GoType GRPC_ACTION = struct("core.GRPCAction")
            .field("Port", "port", INT32)
            .field("Service", "service", ptr(STRING));
    static final GoType SLEEP_ACTION = struct("core.SleepAction").field("Seconds", "seconds", INT);
    static final GoType PROBE_HANDLER = struct("core.ProbeHandler")
            .field("Exec", "exec", ptr(EXEC_ACTION))
            .field("HTTPGet", "httpGet", ptr(HTTP_GET_ACTION))
            .field("TCPSocket", "tcpSocket", ptr(TCP_SOCKET_ACTION))
            .field("GRPC", "grpc", ptr(GRPC_ACTION));
    static final GoType PROBE = struct("core.Probe")
            .embed(PROBE_HANDLER)
            .field("InitialDelaySeconds", "initialDelaySeconds", INT32)
            .field("TimeoutSeconds", "timeoutSeconds", INT32)
            .field("PeriodSeconds", "periodSeconds", INT32)
            .field("SuccessThreshold", "successThreshold", INT32)
            .field("FailureThreshold", "failureThreshold", INT32)
            .field("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", ptr(INT));
    static final GoType LIFECYCLE_HANDLER = struct("core.LifecycleHandler")
            .field("Exec", "exec", ptr(EXEC_ACTION))
            .field("HTTPGet", "httpGet", ptr(HTTP_GET_ACTION))
            .field("TCPSocket", "tcpSocket", ptr(TCP_SOCKET_ACTION))
            .field("Sleep", "sleep", ptr(SLEEP_ACTION));
    static final GoType LIFECYCLE = struct("core.Lifecycle")
            .field("PostStart", "postStart", ptr(LIFECYCLE_HANDLER))
            .field("PreStop", "preStop", ptr(LIFECYCLE_HANDLER))
            .field("StopSignal", "stopSignal", ptr(STRING));

    static final GoType SE_LINUX_OPTIONS = struct("core.SELinuxOptions")
            .field("User", "user", STRING)
            .field("Role", "role", STRING)
            .field("Type", "type", STRING)
            .field("Level", "level", STRING);
    static final GoType WINDOWS_OPTIONS = struct("core.WindowsSecurityContextOptions")
            .field("GMSACredentialSpecName", "gmsaCredentialSpecName", ptr(STRING))
            .field("GMSACredentialSpec", "gmsaCredentialSpec", ptr(STRING))
            .field("RunAsUserName", "runAsUserName", ptr(STRING))
            .field("HostProcess", "hostProcess", ptr(BOOL));
    static final GoType SECCOMP_PROFILE = struct("core.SeccompProfile")
            .field("Type", "type", STRING)
            .field("LocalhostProfile", "localhostProfile", ptr(STRING));
    static final GoType APP_ARMOR_PROFILE = struct("core.AppArmorProfile")
            .field("Type", "type", STRING)
            .field("LocalhostProfile", "localhostProfile", ptr(STRING));
    static final GoType CAPABILITIES = struct("core.Capabilities")
            .field("Add", "add", STRINGS)
            .field("Drop", "drop", STRINGS);
    static final GoType SECURITY_CONTEXT = struct("core.SecurityContext")
            .field("Capabilities", "capabilities", ptr(CAPABILITIES))
            .field("Privileged", "privileged", ptr(BOOL))
            .field("SELinuxOptions", "seLinuxOptions", ptr(SE_LINUX_OPTIONS))
            .field("WindowsOptions", "windowsOptions", ptr(WINDOWS_OPTIONS))
            .field("RunAsUser", "runAsUser", ptr(INT))
            .field("RunAsGroup", "runAsGroup", ptr(INT))
            .field("RunAsNonRoot", "runAsNonRoot", ptr(BOOL))
            .field("ReadOnlyRootFilesystem", "readOnlyRootFilesystem", ptr(BOOL))
            .field("AllowPrivilegeEscalation", "allowPrivilegeEscalation", ptr(BOOL))
            .field("ProcMount", "procMount", ptr(STRING))
            .field("SeccompProfile", "seccompProfile", ptr(SECCOMP_PROFILE))
            .field("AppArmorProfile", "appArmorProfile", ptr(APP_ARMOR_PROFILE));

    static final GoType CONTAINER = containerFields(struct("core.Container"));
    static final GoType EPHEMERAL_CONTAINER = struct("core.EphemeralContainer")
            .embed(containerFields(struct("core.EphemeralContainerCommon")))
            .field("TargetContainerName", "targetContainerName", STRING);

    private static GoType containerFields(GoType type) {
        return type
                .field("Name", "name", STRING)
                .field("Image", "image", STRING)
                .field("Command", "command", STRINGS)
                .field("Args", "args", STRINGS)
                .field("WorkingDir", "workingDir", STRING)
                .field("Ports", "ports", slice(CONTAINER_PORT))
                .field("EnvFrom", "envFrom", slice(ENV_FROM_SOURCE))
                .field("Env", "env", slice(ENV_VAR))
                .field("Resources", "resources", RESOURCE_REQUIREMENTS)
                .field("ResizePolicy", "resizePolicy", slice(RESIZE_POLICY))
                .field("RestartPolicy", "restartPolicy", ptr(STRING))
                .field("RestartPolicyRules", "restartPolicyRules", slice(struct("core.ContainerRestartRule")))
                .field("VolumeMounts", "volumeMounts", slice(VOLUME_MOUNT))
                .field("VolumeDevices", "volumeDevices", slice(VOLUME_DEVICE))
                .field("LivenessProbe", "livenessProbe", ptr(PROBE))
                .field("ReadinessProbe", "readinessProbe", ptr(PROBE))
                .field("StartupProbe", "startupProbe", ptr(PROBE))
                .field("Lifecycle", "lifecycle", ptr(LIFECYCLE))
                .field("TerminationMessagePath", "terminationMessagePath", STRING)
                .field("TerminationMessagePolicy", "terminationMessagePolicy", STRING)
                .field("ImagePullPolicy", "imagePullPolicy", STRING)
                .field("SecurityContext", "securityContext", ptr(SECURITY_CONTEXT))
                .field("Stdin", "stdin", BOOL)
                .field("StdinOnce", "stdinOnce", BOOL)
                .field("TTY", "tty", BOOL);
    }

    static final GoType SYSCTL = struct("core.Sysctl")
            .field("Name", "name", STRING)
            .field("Value", "value", STRING);
    /** The host namespace fields live here in the internal API and on the PodSpec in v1. */
    static final GoType POD_SECURITY_CONTEXT = struct("core.PodSecurityContext")
            .field("HostNetwork", "hostNetwork", BOOL)
            .field("HostPID", "hostPID", BOOL)
            .field("HostIPC", "hostIPC", BOOL)
            .field("ShareProcessNamespace", "shareProcessNamespace", ptr(BOOL))
            .field("HostUsers", "hostUsers", ptr(BOOL))
            .field("SELinuxOptions", "seLinuxOptions", ptr(SE_LINUX_OPTIONS))
            .field("WindowsOptions", "windowsOptions", ptr(WINDOWS_OPTIONS))
            .field("RunAsUser", "runAsUser", ptr(INT))
            .field("RunAsGroup", "runAsGroup", ptr(INT))
            .field("RunAsNonRoot", "runAsNonRoot", ptr(BOOL))
            .field("SupplementalGroups", "supplementalGroups", slice(INT))
            .field("SupplementalGroupsPolicy", "supplementalGroupsPolicy", ptr(STRING))
            .field("FSGroup", "fsGroup", ptr(INT))
            .field("FSGroupChangePolicy", "fsGroupChangePolicy", ptr(STRING))
            .field("Sysctls", "sysctls", slice(SYSCTL))
            .field("SeccompProfile", "seccompProfile", ptr(SECCOMP_PROFILE))
            .field("AppArmorProfile", "appArmorProfile", ptr(APP_ARMOR_PROFILE))
            .field("SELinuxChangePolicy", "seLinuxChangePolicy", ptr(STRING));

    static final GoType NODE_SELECTOR_REQUIREMENT = struct("core.NodeSelectorRequirement")
            .field("Key", "key", STRING)
            .field("Operator", "operator", STRING)
            .field("Values", "values", STRINGS);
    static final GoType NODE_SELECTOR_TERM = struct("core.NodeSelectorTerm")
            .field("MatchExpressions", "matchExpressions", slice(NODE_SELECTOR_REQUIREMENT))
            .field("MatchFields", "matchFields", slice(NODE_SELECTOR_REQUIREMENT));
    static final GoType NODE_SELECTOR = struct("core.NodeSelector")
            .field("NodeSelectorTerms", "nodeSelectorTerms", slice(NODE_SELECTOR_TERM));
    static final GoType PREFERRED_SCHEDULING_TERM = struct("core.PreferredSchedulingTerm")
            .field("Weight", "weight", INT32)
            .field("Preference", "preference", NODE_SELECTOR_TERM);
    static final GoType NODE_AFFINITY = struct("core.NodeAffinity")
            .field("RequiredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution",
                    ptr(NODE_SELECTOR))
            .field("PreferredDuringSchedulingIgnoredDuringExecution",
                    "preferredDuringSchedulingIgnoredDuringExecution", slice(PREFERRED_SCHEDULING_TERM));
    static final GoType POD_AFFINITY_TERM = struct("core.PodAffinityTerm")
            .field("LabelSelector", "labelSelector", ptr(LABEL_SELECTOR))
            .field("Namespaces", "namespaces", STRINGS)
            .field("TopologyKey", "topologyKey", STRING)
            .field("NamespaceSelector", "namespaceSelector", ptr(LABEL_SELECTOR))
            .field("MatchLabelKeys", "matchLabelKeys", STRINGS)
            .field("MismatchLabelKeys", "mismatchLabelKeys", STRINGS);
    static final GoType WEIGHTED_POD_AFFINITY_TERM = struct("core.WeightedPodAffinityTerm")
            .field("Weight", "weight", INT32)
            .field("PodAffinityTerm", "podAffinityTerm", POD_AFFINITY_TERM);
    static final GoType POD_AFFINITY = struct("core.PodAffinity")
            .field("RequiredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution",
                    slice(POD_AFFINITY_TERM))
            .field("PreferredDuringSchedulingIgnoredDuringExecution",
                    "preferredDuringSchedulingIgnoredDuringExecution", slice(WEIGHTED_POD_AFFINITY_TERM));
    static final GoType POD_ANTI_AFFINITY = struct("core.PodAntiAffinity")
            .field("RequiredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution",
                    slice(POD_AFFINITY_TERM))
            .field("PreferredDuringSchedulingIgnoredDuringExecution",
                    "preferredDuringSchedulingIgnoredDuringExecution", slice(WEIGHTED_POD_AFFINITY_TERM));
    static final GoType AFFINITY = struct("core.Affinity")
            .field("NodeAffinity", "nodeAffinity", ptr(NODE_AFFINITY))
            .field("PodAffinity", "podAffinity", ptr(POD_AFFINITY))
            .field("PodAntiAffinity", "podAntiAffinity", ptr(POD_ANTI_AFFINITY));

    static final GoType TOLERATION = struct("core.Toleration")
            .field("Key", "key", STRING)
            .field("Operator", "operator", STRING)
            .field("Value", "value", STRING)
            .field("Effect", "effect", STRING)
            .field("TolerationSeconds", "tolerationSeconds", ptr(INT));
    static final GoType HOST_ALIAS = struct("core.HostAlias")
            .field("IP", "ip", STRING)
            .field("Hostnames", "hostnames", STRINGS);
    static final GoType DNS_CONFIG_OPTION = struct("core.PodDNSConfigOption")
            .field("Name", "name", STRING)
            .field("Value", "value", ptr(STRING));
    static final GoType DNS_CONFIG = struct("core.PodDNSConfig")
            .field("Nameservers", "nameservers", STRINGS)
            .field("Searches", "searches", STRINGS)
            .field("Options", "options", slice(DNS_CONFIG_OPTION));
    static final GoType READINESS_GATE = struct("core.PodReadinessGate")
            .field("ConditionType", "conditionType", STRING);
    static final GoType TOPOLOGY_SPREAD_CONSTRAINT = struct("core.TopologySpreadConstraint")
            .field("MaxSkew", "maxSkew", INT32)
            .field("TopologyKey", "topologyKey", STRING)
            .field("WhenUnsatisfiable", "whenUnsatisfiable", STRING)
            .field("LabelSelector", "labelSelector", ptr(LABEL_SELECTOR))
            .field("MinDomains", "minDomains", ptr(INT32))
            .field("NodeAffinityPolicy", "nodeAffinityPolicy", ptr(STRING))
            .field("NodeTaintsPolicy", "nodeTaintsPolicy", ptr(STRING))
            .field("MatchLabelKeys", "matchLabelKeys", STRINGS);
    static final GoType POD_OS = struct("core.PodOS").field("Name", "name", STRING);
    static final GoType SCHEDULING_GATE = struct("core.PodSchedulingGate").field("Name", "name", STRING);
    static final GoType POD_RESOURCE_CLAIM = struct("core.PodResourceClaim")
            .field("Name", "name", STRING)
            .field("ResourceClaimName", "resourceClaimName", ptr(STRING))
            .field("ResourceClaimTemplateName", "resourceClaimTemplateName", ptr(STRING));

    static final GoType POD_SPEC = struct("core.PodSpec")
            .field("Volumes", "volumes", slice(VOLUME))
            .field("InitContainers", "initContainers", slice(CONTAINER))
            .field("Containers", "containers", slice(CONTAINER))
            .field("EphemeralContainers", "ephemeralContainers", slice(EPHEMERAL_CONTAINER))
            .field("RestartPolicy", "restartPolicy", STRING)
            .field("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", ptr(INT))
            .field("ActiveDeadlineSeconds", "activeDeadlineSeconds", ptr(INT))
            .field("DNSPolicy", "dnsPolicy", STRING)
            .field("NodeSelector", "nodeSelector", STRING_MAP)
            .field("ServiceAccountName", "serviceAccountName", STRING)
            .field("AutomountServiceAccountToken", "automountServiceAccountToken", ptr(BOOL))
            .field("NodeName", "nodeName", STRING)
            .field("SecurityContext", "securityContext", ptr(POD_SECURITY_CONTEXT))
            .field("ImagePullSecrets", "imagePullSecrets", slice(LOCAL_OBJECT_REFERENCE))
            .field("Hostname", "hostname", STRING)
            .field("Subdomain", "subdomain", STRING)
            .field("SetHostnameAsFQDN", "setHostnameAsFQDN", ptr(BOOL))
            .field("Affinity", "affinity", ptr(AFFINITY))
            .field("SchedulerName", "schedulerName", STRING)
            .field("Tolerations", "tolerations", slice(TOLERATION))
            .field("HostAliases", "hostAliases", slice(HOST_ALIAS))
            .field("PriorityClassName", "priorityClassName", STRING)
            .field("Priority", "priority", ptr(INT32))
            .field("PreemptionPolicy", "preemptionPolicy", ptr(STRING))
            .field("DNSConfig", "dnsConfig", ptr(DNS_CONFIG))
            .field("ReadinessGates", "readinessGates", slice(READINESS_GATE))
            .field("RuntimeClassName", "runtimeClassName", ptr(STRING))
            .field("Overhead", "overhead", RESOURCE_LIST)
            .field("EnableServiceLinks", "enableServiceLinks", ptr(BOOL))
            .field("TopologySpreadConstraints", "topologySpreadConstraints", slice(TOPOLOGY_SPREAD_CONSTRAINT))
            .field("OS", "os", ptr(POD_OS))
            .field("SchedulingGates", "schedulingGates", slice(SCHEDULING_GATE))
            .field("ResourceClaims", "resourceClaims", slice(POD_RESOURCE_CLAIM))
            .field("Resources", "resources", ptr(RESOURCE_REQUIREMENTS))
            .field("HostnameOverride", "hostnameOverride", ptr(STRING));
}
