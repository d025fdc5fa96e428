package io.kubeling.api;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A Jetty session that records what is sent; sends complete at once unless held. */
final class FakeSession {

    final List<Object> sent = new ArrayList<>();
    final List<Callback> held = new ArrayList<>();
    Integer closedWith;
    boolean disconnected;
    boolean hold;

    Session session() {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendBinary" -> {
                            ByteBuffer buffer = (ByteBuffer) args[0];
                            byte[] bytes = new byte[buffer.remaining()];
                            buffer.get(bytes);
                            record(bytes, (Callback) args[1]);
                        }
                        case "sendText" -> record(args[0], (Callback) args[1]);
                        case "close" -> {
                            if (args != null && args.length == 3) {
                                synchronized (this) {
                                    closedWith = (Integer) args[0];
                                }
                            }
                        }
                        case "disconnect" -> disconnected = true;
                        case "isOpen" -> {
                            return closedWith == null;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "toString" -> {
                            return "FakeSession";
                        }
                        default -> {
                        }
                    }
                    return null;
                });
    }

    private void record(Object message, Callback callback) {
        synchronized (this) {
            sent.add(message);
            if (hold) {
                held.add(callback);
                return;
            }
        }
        callback.succeed();
    }

    synchronized List<Object> sent() {
        return List.copyOf(sent);
    }

    synchronized Integer closedWith() {
        return closedWith;
    }
}
