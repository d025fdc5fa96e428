package io.kubeling.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * A connection taken over after its {@code Upgrade: SPDY/3.1} answer: the client's bytes are read
 * as they arrive, without holding a thread, and handed to the session; its frames are written
 * through an {@link UpgradedOutput}. Public with a constructor of no arguments, as the servlet
 * container builds it.
 */
public final class SpdyUpgrade implements HttpUpgradeHandler {

    private Function<FrameSink, SpdySession> opener;
    private long outputLimit;
    private volatile SpdySession session;
    private volatile UpgradedOutput output;

    public SpdyUpgrade() {
    }

    /** What the connection will speak, set before the container hands it over. */
    void serve(Function<FrameSink, SpdySession> opener, long outputLimit) {
        this.opener = opener;
        this.outputLimit = outputLimit;
    }

    @Override
    public void init(WebConnection connection) {
        try {
            UpgradedOutput out = new UpgradedOutput(connection, outputLimit);
            output = out;
            SpdySession s = opener.apply(out);
            session = s;
            connection.getOutputStream().setWriteListener(out);
            ServletInputStream in = connection.getInputStream();
            in.setReadListener(new ReadListener() {
                private final byte[] buffer = new byte[16 << 10];

                @Override
                public void onDataAvailable() throws IOException {
                    while (in.isReady()) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            return;
                        }
                        if (n > 0) {
                            s.received(ByteBuffer.wrap(buffer, 0, n));
                        }
                    }
                }

                @Override
                public void onAllDataRead() {
                    s.gone();
                }

                @Override
                public void onError(Throwable cause) {
                    s.gone();
                }
            });
        } catch (IOException e) {
            destroy();
        }
    }

    @Override
    public void destroy() {
        SpdySession s = session;
        if (s != null) {
            s.gone();
        }
        UpgradedOutput o = output;
        if (o != null) {
            o.abandon();
        }
    }
}
