package io.kubeling.api;

import static io.kubeling.support.WatchClient.name;
import static io.kubeling.support.WatchClient.revision;
import static io.kubeling.support.WatchClient.seconds;
import static io.kubeling.support.WatchClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/** The watch protocol over plain HTTP, as kube-apiserver serves it. */
@KubelingTest
@AloneOnTheServer
class WatchTest {

    @LocalServerPort
    int port;

    @Autowired
    KeyValueStore kv;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("w-");
    }

    private String cms() {
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private long create(String name, String app) {
        Reply r = api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"" + app + "\"}},\"data\":{\"k\":\"v\"}}");
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        return Long.parseLong(r.json().at("/metadata/resourceVersion").asString());
    }

    private long relabel(String name, String app) {
        Reply r = api.patch(cms() + "/" + name, "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"" + app + "\"}}}");
        assertThat(r.code()).as(r.text()).isEqualTo(200);
        return Long.parseLong(r.json().at("/metadata/resourceVersion").asString());
    }

    private long setData(String name, String value) {
        Reply r = api.patch(cms() + "/" + name, "application/merge-patch+json", "{\"data\":{\"k\":\"" + value + "\"}}");
        assertThat(r.code()).as(r.text()).isEqualTo(200);
        return Long.parseLong(r.json().at("/metadata/resourceVersion").asString());
    }

    @Test
    void watchFromNowSeesEveryChangeInOrderWithTheDeletingRevision() {
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&resourceVersion="
                + api.get(cms()).json().at("/metadata/resourceVersion").asString())) {
            assertThat(w.status()).isEqualTo(200);
            long created = create("a", "web");
            long modified = setData("a", "w");
            Reply deleted = api.delete(cms() + "/a");
            assertThat(deleted.code()).isEqualTo(200);
            long listedAfter = Long.parseLong(api.get(cms()).json().at("/metadata/resourceVersion").asString());
            List<JsonNode> events = w.changes(3, seconds(5));
            assertThat(events).extracting(WatchClient::type).containsExactly("ADDED", "MODIFIED", "DELETED");
            assertThat(events.subList(0, 2)).extracting(WatchClient::revision).containsExactly(created, modified);
            // the deleting revision is a new one; the simulation's own writes may come between it and the update
            assertThat(revision(events.get(2))).isGreaterThan(modified).isLessThanOrEqualTo(listedAfter);
            assertThat(events.get(2).at("/object/data/k").asString()).isEqualTo("w");
            assertThat(events.get(0).at("/object/kind").asString()).isEqualTo("ConfigMap");
        }
    }

    @Test
    void watchWithoutAResourceVersionStartsWithTheCurrentState() {
        create("one", "x");
        create("two", "x");
        try (WatchClient w = new WatchClient(port, cms() + "?watch=True")) {
            List<JsonNode> initial = w.changes(2, seconds(5));
            assertThat(initial).extracting(WatchClient::type).containsOnly("ADDED");
            assertThat(initial).extracting(WatchClient::name).containsExactlyInAnyOrder("one", "two");
            create("three", "x");
            JsonNode live = w.nextChange(seconds(5));
            assertThat(type(live)).isEqualTo("ADDED");
            assertThat(name(live)).isEqualTo("three");
        }
    }

    @Test
    void resumeFromARevisionSendsExactlyWhatCameAfterIt() {
        long first = create("r", "x");
        long second = setData("r", "2");
        long third = setData("r", "3");
        try (WatchClient w = new WatchClient(port, cms() + "?watch=1&resourceVersion=" + first)) {
            List<JsonNode> events = w.changes(2, seconds(5));
            assertThat(events).extracting(WatchClient::revision).containsExactly(second, third);
            assertThat(events).extracting(WatchClient::type).containsExactly("MODIFIED", "MODIFIED");
            assertThat(w.nextChange(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aSingleObjectIsWatchedThroughTheNameFieldSelectorAndTheLegacyPath() {
        long rv = create("solo", "x");
        create("other", "x");
        try (WatchClient bySelector = new WatchClient(port, cms() + "?watch=1&fieldSelector=metadata.name%3Dsolo"
                + "&resourceVersion=" + rv);
                WatchClient byPath = new WatchClient(port, "/api/v1/watch/namespaces/" + ns + "/configmaps/solo"
                        + "?resourceVersion=" + rv)) {
            setData("other", "x");
            long changed = setData("solo", "y");
            assertThat(revision(bySelector.nextChange(seconds(5)))).isEqualTo(changed);
            assertThat(revision(byPath.nextChange(seconds(5)))).isEqualTo(changed);
        }
    }

    @Test
    void selectorTransitionsArriveAsAddedAndDeleted() {
        long start = Long.parseLong(api.get(cms()).json().at("/metadata/resourceVersion").asString());
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&labelSelector=app%3Dweb&resourceVersion=" + start)) {
            create("t", "web");
            long away = relabel("t", "api");
            setData("t", "unseen");
            long back = relabel("t", "web");
            api.delete(cms() + "/t");
            List<JsonNode> events = w.changes(4, seconds(5));
            assertThat(events).extracting(WatchClient::type).containsExactly("ADDED", "DELETED", "ADDED", "DELETED");
            // The object leaving the selection is its previous state at the new revision.
            assertThat(revision(events.get(1))).isEqualTo(away);
            assertThat(events.get(1).at("/object/metadata/labels/app").asString()).isEqualTo("web");
            assertThat(revision(events.get(2))).isEqualTo(back);
            assertThat(events.get(2).at("/object/data/k").asString()).isEqualTo("unseen");
        }
    }

    @Test
    void aCompactedRevisionEndsTheStreamWithAnExpiredError() {
        long old = create("gone", "x");
        setData("gone", "1");
        kv.compact(kv.currentRevision());
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&resourceVersion=" + (old - 1))) {
            assertThat(w.status()).isEqualTo(200);
            JsonNode error = w.next(seconds(5));
            assertThat(type(error)).isEqualTo("ERROR");
            assertThat(error.get("object")).isEqualTo(ResourceContract.JSON.readTree("""
                    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                     "message":"too old resource version: %d (%d)","reason":"Expired","code":410}"""
                    .formatted(old - 1, kv.compactedRevision())));
            assertThat(w.awaitEnd(seconds(5))).isTrue();
        }
    }

    @Test
    void garbageAndFutureRevisionsAreRefusedBeforeTheStream() {
        Reply garbage = api.get(cms() + "?watch=true&resourceVersion=abc");
        assertThat(garbage.code()).isEqualTo(400);
        assertThat(garbage.json().get("reason").asString()).isEqualTo("BadRequest");

        long future = kv.currentRevision() + 1000;
        long before = System.nanoTime();
        Reply tooLarge = api.get(cms() + "?watch=true&resourceVersion=" + future);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(tooLarge.code()).isEqualTo(504);
        assertThat(tooLarge.json().get("reason").asString()).isEqualTo("Timeout");
        assertThat(tooLarge.json().get("message").asString()).startsWith("Too large resource version: " + future);

        Reply badMatch = api.get(cms() + "?watch=true&resourceVersionMatch=Exact");
        assertThat(badMatch.code()).isEqualTo(422);
        assertThat(badMatch.json().get("message").asString()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "[resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents "
                + "is provided, resourceVersionMatch: Unsupported value: \"Exact\": supported values: \"NotOlderThan\"]");
    }

    @Test
    void aFutureRevisionReachedWithinTheWaitIsServed() throws Exception {
        long next = kv.currentRevision() + 1;
        try (WatchClient w = WatchClient.unawaited(port, cms() + "?watch=true&resourceVersion=" + next)) {
            Thread.sleep(500);
            create("late", "x");
            long after = setData("late", "2");
            assertThat(w.status()).isEqualTo(200);
            // controllers write in the background too, so "late" may be created after the awaited revision
            JsonNode event = w.nextChange(seconds(5));
            assertThat(revision(event)).isGreaterThan(next);
            if (revision(event) != after) {
                assertThat(type(event)).isEqualTo("ADDED");
                event = w.nextChange(seconds(5));
            }
            assertThat(revision(event)).isEqualTo(after);
        }
    }

    @Test
    void bookmarksCarryTheProgressAndCloseATimedOutStream() {
        long start = create("b", "x");
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=2"
                + "&resourceVersion=" + start)) {
            JsonNode bookmark = w.next(seconds(5));
            assertThat(type(bookmark)).isEqualTo("BOOKMARK");
            assertThat(bookmark.get("object")).isEqualTo(ResourceContract.JSON.readTree(
                    "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"%d\"}}"
                            .formatted(revision(bookmark))));
            assertThat(revision(bookmark)).isGreaterThanOrEqualTo(start);
            assertThat(w.awaitEnd(seconds(5))).isTrue();
            List<JsonNode> rest = w.drain();
            assertThat(rest).isNotEmpty();
            assertThat(type(rest.get(rest.size() - 1))).isEqualTo("BOOKMARK");
        }
    }

    @Test
    void timeoutSecondsEndsTheStreamCleanly() {
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&timeoutSeconds=1")) {
            assertThat(w.status()).isEqualTo(200);
            long started = System.nanoTime();
            assertThat(w.awaitEnd(seconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(w.drain()).noneMatch(e -> type(e).equals("ERROR"));
        }
    }

    @Test
    void initialEventsEndWithAnAnnotatedBookmarkThenLiveEventsFollow() {
        create("i1", "x");
        long last = create("i2", "x");
        try (WatchClient w = new WatchClient(port, cms() + "?watch=true&sendInitialEvents=true"
                + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
            List<JsonNode> initial = List.of(w.next(seconds(5)), w.next(seconds(5)), w.next(seconds(5)));
            assertThat(initial).extracting(WatchClient::type).containsExactly("ADDED", "ADDED", "BOOKMARK");
            JsonNode end = initial.get(2);
            assertThat(end.at("/object/metadata/annotations/k8s.io~1initial-events-end").asString()).isEqualTo("true");
            assertThat(revision(end)).isGreaterThanOrEqualTo(last);
            long live = setData("i1", "z");
            JsonNode next = w.nextChange(seconds(5));
            assertThat(type(next)).isEqualTo("MODIFIED");
            assertThat(revision(next)).isEqualTo(live);
        }
        Reply withoutBookmarks = api.get(cms() + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan");
        assertThat(withoutBookmarks.code()).isEqualTo(422);
        assertThat(withoutBookmarks.json().at("/details/causes/0/field").asString()).isEqualTo("allowWatchBookmarks");
    }

    @Test
    void clusterWideWatchSeesEveryNamespace() {
        long start = kv.currentRevision();
        try (WatchClient w = new WatchClient(port, "/api/v1/configmaps?watch=true&resourceVersion=" + start
                + "&labelSelector=app%3D" + ns)) {
            create("cw", ns);
            JsonNode added = w.nextChange(seconds(5));
            assertThat(type(added)).isEqualTo("ADDED");
            assertThat(added.at("/object/metadata/namespace").asString()).isEqualTo(ns);
        }
    }
}
