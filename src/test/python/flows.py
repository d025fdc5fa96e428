"""The common flows of Debian's python3-kubernetes against the server the KUBECONFIG names, unmodified.

Run with Debian's /usr/bin/python3. Prints "PASS <step>" or "FAIL <step>: <why>" per step and exits 1
if any step failed. The client has no informer, so that flow is not here.
"""
import json
import sys
import uuid

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

config.load_kube_config()
core = client.CoreV1Api()
ns = "py-" + uuid.uuid4().hex[:8]
failed = 0


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def step(name):
    def run(fn):
        global failed
        try:
            fn()
            print("PASS " + name, flush=True)
        except ApiException as e:
            failed += 1
            print("FAIL %s: HTTP %s %s" % (name, e.status, (e.body or "").strip()), flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported, then the next step runs
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e), flush=True)
    return run


def config_map(name, data):
    return client.V1ConfigMap(api_version="v1", kind="ConfigMap", data=data,
                              metadata=client.V1ObjectMeta(name=name, labels={"flow": "e2e"}))


def patch_as(content_type, call, **kwargs):
    """The generated client sends a dict as a strategic merge patch; another patch type is a default header."""
    core.api_client.set_default_header("Content-Type", content_type)
    try:
        return call(**kwargs)
    finally:
        del core.api_client.default_headers["Content-Type"]


def watch_events(resource_version, count):
    """The first count events of one watch of the namespace's configmaps from resource_version."""
    events = []
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, namespace=ns, resource_version=resource_version,
                          allow_watch_bookmarks=True, timeout_seconds=10):
        if event["type"] == "BOOKMARK":
            continue
        obj = event["object"]
        events.append((event["type"], obj.metadata.name, obj.metadata.resource_version))
        if len(events) == count:
            break
    return events


@step("create namespace without kind")
def _():
    created = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    check(created.metadata.name == ns and created.kind == "Namespace", "created %s" % created)


try:
    core.read_namespace(ns)
except ApiException:
    core.create_namespace(client.V1Namespace(api_version="v1", kind="Namespace",
                                             metadata=client.V1ObjectMeta(name=ns)))


@step("create without kind")
def _():
    created = core.create_namespaced_config_map(ns, client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name="no-kind"), data={"a": "1"}))
    check(created.kind == "ConfigMap" and created.api_version == "v1" and created.metadata.uid,
          "created %s" % created)


@step("create")
def _():
    created = core.create_namespaced_config_map(ns, config_map("settings", {"mode": "a"}))
    check(created.metadata.resource_version and created.data == {"mode": "a"}, "created %s" % created)


listed = None


@step("list")
def _():
    global listed
    listed = core.list_namespaced_config_map(ns, label_selector="flow=e2e")
    check([c.metadata.name for c in listed.items] == ["settings"], "listed %s" % listed.items)
    check(listed.metadata.resource_version, "the list has no resourceVersion")


@step("get")
def _():
    got = core.read_namespaced_config_map("settings", ns)
    check(got.data == {"mode": "a"} and got.kind == "ConfigMap", "got %s" % got)


@step("replace from a list item")
def _():
    item = listed.items[0]
    item.data["mode"] = "b"
    replaced = core.replace_namespaced_config_map("settings", ns, item)
    check(replaced.data["mode"] == "b" and replaced.metadata.resource_version != item.metadata.resource_version,
          "replaced %s" % replaced)


@step("merge patch")
def _():
    patched = patch_as("application/merge-patch+json", core.patch_namespaced_config_map,
                       name="settings", namespace=ns, body={"data": {"merged": "yes"}})
    check(patched.data.get("merged") == "yes" and "mode" in patched.data, "patched %s" % patched.data)


@step("strategic merge patch")
def _():
    core.create_namespaced_pod(ns, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
                                    "spec": {"schedulerName": "kubeling-test-unscheduled", "containers": [
                                        {"name": "web", "image": "nginx:1.27"},
                                        {"name": "sidecar", "image": "busybox:1.36"}]}})
    patched = core.patch_namespaced_pod("web", ns, {"spec": {"containers": [{"name": "web", "image": "nginx:1.28"}]}})
    images = [(c.name, c.image) for c in patched.spec.containers]
    check(images == [("web", "nginx:1.28"), ("sidecar", "busybox:1.36")], "containers %s" % images)


@step("server-side apply")
def _():
    body = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "applied"},
                       "data": {"owner": "python"}})
    applied = patch_as("application/apply-patch+yaml", core.patch_namespaced_config_map, name="applied",
                       namespace=ns, body=body, field_manager="e2e-python", force=True)
    managers = [(f.manager, f.operation) for f in applied.metadata.managed_fields]
    check(applied.data == {"owner": "python"} and managers == [("e2e-python", "Apply")],
          "applied, managed by %s" % managers)


@step("watch with resume")
def _():
    start = core.list_namespaced_config_map(ns).metadata.resource_version
    core.create_namespaced_config_map(ns, config_map("watched-1", {"n": "1"}))
    first = watch_events(start, 1)
    check([(t, n) for t, n, _ in first] == [("ADDED", "watched-1")], "the first watch saw %s" % first)
    core.create_namespaced_config_map(ns, config_map("watched-2", {"n": "2"}))
    core.delete_namespaced_config_map("watched-1", ns)
    resumed = watch_events(first[0][2], 2)
    check([(t, n) for t, n, _ in resumed] == [("ADDED", "watched-2"), ("DELETED", "watched-1")],
          "the resumed watch saw %s" % resumed)


@step("delete")
def _():
    core.delete_namespaced_config_map("settings", ns)
    try:
        core.read_namespaced_config_map("settings", ns)
        raise AssertionError("the deleted configmap is still there")
    except ApiException as e:
        check(e.status == 404, "reading the deleted configmap answered %s" % e.status)


try:
    core.delete_namespace(ns)
except ApiException:
    pass
sys.exit(1 if failed else 0)
