"""A read and a write by Debian's python3-kubernetes on the kubeconfig KUBECONFIG names, unmodified (HTTPS, the
cluster CA, a client certificate). Usage: https.py <namespace> <configmap>. Prints what it read back."""
import sys

from kubernetes import client, config

namespace, name = sys.argv[1], sys.argv[2]
config.load_kube_config()
core = client.CoreV1Api()
print("namespace " + core.read_namespace(namespace).status.phase)
core.create_namespaced_config_map(namespace, client.V1ConfigMap(
    metadata=client.V1ObjectMeta(name=name), data={"client": "python"}))
print("configmap " + core.read_namespaced_config_map(name, namespace).data["client"])
