// The common flows of @kubernetes/client-node against the server the KUBECONFIG names, unmodified.
// Usage: node flows.mjs <package> (client-node-1 or client-node-2, see package.json).
// Prints "PASS <step>" or "FAIL <step>: <why>" per step and exits 1 if any step failed.
const k8s = await import(process.argv[2]);

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
const ns = 'node-' + Math.random().toString(36).slice(2, 10);
let failed = 0;

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

function why(e) {
    const body = e.body ? ' ' + (typeof e.body === 'string' ? e.body : JSON.stringify(e.body)).trim() : '';
    const code = e.code ?? e.statusCode;
    const cause = e.cause ? ' (' + (e.cause.code ?? '') + ' ' + e.cause.message + ')' : '';
    return (code ? 'HTTP ' + code + ' ' : '') + e.message.split('\n')[0] + cause + body;
}

async function step(name, fn) {
    try {
        await fn();
        console.log('PASS ' + name);
    } catch (e) {
        failed++;
        console.log('FAIL ' + name + ': ' + why(e));
    }
}

function withTimeout(promise, ms, what) {
    return Promise.race([promise, new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms).unref())]);
}

const configMap = (name, data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { flow: 'e2e' } }, data });
const header = (strategy) => k8s.setHeaderOptions('Content-Type', strategy);

/** The events of one watch from resourceVersion, until count events of the configmaps arrived. */
async function watchEvents(resourceVersion, count) {
    const events = [];
    let controller;
    let finished;
    const done = new Promise((resolve, reject) => { finished = { resolve, reject }; });
    controller = await new k8s.Watch(kc).watch(`/api/v1/namespaces/${ns}/configmaps`,
        { resourceVersion, allowWatchBookmarks: true },
        (type, obj) => {
            if (type !== 'BOOKMARK') {
                events.push(type + ' ' + obj.metadata.name + ' ' + obj.metadata.resourceVersion);
                if (events.length === count) {
                    finished.resolve();
                }
            }
        },
        (err) => {
            if (err && err.name !== 'AbortError') {
                err.message = 'the watch from ' + resourceVersion + ' ended after [' + events + '] with ' + err.message;
                finished.reject(err);
            } else {
                finished.resolve();
            }
        });
    try {
        await withTimeout(done, 10000, count + ' watch events');
    } finally {
        controller.abort();
    }
    return events;
}

await step('create namespace without kind', async () => {
    const created = await core.createNamespace({ body: { metadata: { name: ns } } });
    check(created.metadata.name === ns && created.kind === 'Namespace', 'created ' + JSON.stringify(created));
});
await core.readNamespace({ name: ns }).catch(async () =>
    core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } }));

await step('create without kind', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: ns,
        body: { metadata: { name: 'no-kind' }, data: { a: '1' } } });
    check(created.kind === 'ConfigMap' && created.apiVersion === 'v1' && created.metadata.uid,
        'created ' + JSON.stringify(created));
});

let listed;
await step('create', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: ns, body: configMap('settings', { mode: 'a' }) });
    check(created.metadata.resourceVersion && created.data.mode === 'a', 'created ' + JSON.stringify(created));
});

await step('list', async () => {
    listed = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'flow=e2e' });
    check(listed.items.map(c => c.metadata.name).join() === 'settings', 'listed ' + listed.items.map(c => c.metadata.name));
    check(listed.metadata.resourceVersion, 'the list has no resourceVersion');
});

await step('get', async () => {
    const got = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
    check(got.data.mode === 'a' && got.kind === 'ConfigMap', 'got ' + JSON.stringify(got));
});

await step('replace from a list item', async () => {
    const item = listed.items[0];
    item.data.mode = 'b';
    const replaced = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: ns, body: item });
    check(replaced.data.mode === 'b' && replaced.metadata.resourceVersion !== item.metadata.resourceVersion,
        'replaced ' + JSON.stringify(replaced));
});

await step('merge patch', async () => {
    const patched = await core.patchNamespacedConfigMap({ name: 'settings', namespace: ns,
        body: { data: { merged: 'yes' } } }, header(k8s.PatchStrategy.MergePatch));
    check(patched.data.merged === 'yes' && patched.data.mode, 'patched ' + JSON.stringify(patched.data));
});

await step('strategic merge patch', async () => {
    await core.createNamespacedPod({ namespace: ns, body: { apiVersion: 'v1', kind: 'Pod',
        metadata: { name: 'web' },
        spec: { schedulerName: 'kubeling-test-unscheduled', containers: [
            { name: 'web', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox:1.36' }] } } });
    const patched = await core.patchNamespacedPod({ name: 'web', namespace: ns,
        body: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } },
        header(k8s.PatchStrategy.StrategicMergePatch));
    const images = patched.spec.containers.map(c => c.name + '=' + c.image).join();
    check(images === 'web=nginx:1.28,sidecar=busybox:1.36', 'containers ' + images);
});

await step('server-side apply', async () => {
    const applied = await core.patchNamespacedConfigMap({ name: 'applied', namespace: ns, fieldManager: 'e2e-node',
        force: true, body: configMap('applied', { owner: 'node' }) }, header(k8s.PatchStrategy.ServerSideApply));
    const managers = applied.metadata.managedFields.map(f => f.manager + ':' + f.operation).join();
    check(applied.data.owner === 'node' && managers === 'e2e-node:Apply', 'applied, managed by ' + managers);
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const again = await objects.patch({ ...configMap('applied', { owner: 'node', more: 'x' }),
        metadata: { name: 'applied', namespace: ns } }, undefined, undefined, 'e2e-node', true,
        k8s.PatchStrategy.ServerSideApply);
    check(again.data.more === 'x', 'applied again ' + JSON.stringify(again.data));
});

await step('watch with resume', async () => {
    const start = (await core.listNamespacedConfigMap({ namespace: ns })).metadata.resourceVersion;
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap('watched-1', { n: '1' }) });
    const first = await watchEvents(start, 1);
    check(first.length === 1 && first[0].startsWith('ADDED watched-1 '), 'first watch saw ' + first);
    const resumeFrom = first[0].split(' ')[2];
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap('watched-2', { n: '2' }) });
    await core.deleteNamespacedConfigMap({ name: 'watched-1', namespace: ns });
    const resumed = await watchEvents(resumeFrom, 2);
    check(resumed[0].startsWith('ADDED watched-2 ') && resumed[1].startsWith('DELETED watched-1 '),
        'the resumed watch saw ' + resumed);
});

await step('informer', async () => {
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`,
        () => core.listNamespacedConfigMap({ namespace: ns }));
    const seen = [];
    let wake = () => {};
    const record = (type) => (obj) => { seen.push(type + ' ' + obj.metadata.name); wake(); };
    informer.on('add', record('add'));
    informer.on('update', record('update'));
    informer.on('delete', record('delete'));
    const until = (entry) => withTimeout(new Promise((resolve) => {
        wake = () => seen.includes(entry) && resolve();
        wake();
    }), 10000, entry + ' (saw ' + seen + ')');
    await informer.start();
    try {
        await until('add settings');
        await core.createNamespacedConfigMap({ namespace: ns, body: configMap('informed', { n: '1' }) });
        await until('add informed');
        await core.patchNamespacedConfigMap({ name: 'informed', namespace: ns, body: { data: { n: '2' } } },
            header(k8s.PatchStrategy.MergePatch));
        await until('update informed');
        await core.deleteNamespacedConfigMap({ name: 'informed', namespace: ns });
        await until('delete informed');
        check(informer.get('informed', ns) === undefined, 'the cache still holds the deleted configmap');
        const current = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
        check(informer.get('settings', ns)?.metadata.resourceVersion === current.metadata.resourceVersion,
            'the cache is behind the server on configmap settings');
    } finally {
        await informer.stop();
    }
});

await step('delete', async () => {
    await core.deleteNamespacedConfigMap({ name: 'settings', namespace: ns });
    const gone = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns }).then(() => 0, e => e.code);
    check(gone === 404, 'reading the deleted configmap answered ' + gone);
});

await core.deleteNamespace({ name: ns }).catch(() => {});
process.exit(failed ? 1 : 0);
