package io.kubeling.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.kubeling.registry.WatchEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes watch events as kube does: one {@code {"type":...,"object":...}} JSON document per
 * line. An object shared by many watchers is serialized once.
 */
@Component
class WatchEncoder {

    private static final int CACHE = 4096;

    private final JsonMapper json;
    private final Map<String, byte[]> objects = new LinkedHashMap<>(CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHE;
        }
    };

    WatchEncoder(Codecs codecs) {
        this.json = codecs.json();
    }

    byte[] encode(WatchEvent<?> event) {
        byte[] object = object(event);
        byte[] head = ("{\"type\":\"" + event.type().name() + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + object.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(object, 0, line, head.length, object.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }

    private byte[] object(WatchEvent<?> event) {
        String key = event.objectKey();
        if (key == null) {
            return json.writeValueAsBytes(event.object());
        }
        String cacheKey = event.object().getClass().getName() + key;
        synchronized (objects) {
            byte[] cached = objects.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] bytes = json.writeValueAsBytes(event.object());
        synchronized (objects) {
            objects.put(cacheKey, bytes);
        }
        return bytes;
    }
}
