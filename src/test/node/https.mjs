// A read and a write by @kubernetes/client-node on the kubeconfig KUBECONFIG names, unmodified (HTTPS, the cluster
// CA, a client certificate). Usage: node https.mjs <package> <namespace> <configmap>. Prints what it read back.
const k8s = await import(process.argv[2]);
const [namespace, name] = process.argv.slice(3);

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
console.log('namespace ' + (await core.readNamespace({ name: namespace })).status.phase);
await core.createNamespacedConfigMap({ namespace,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { client: process.argv[2] } } });
console.log('configmap ' + (await core.readNamespacedConfigMap({ name, namespace })).data.client);
