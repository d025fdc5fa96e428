package io.kubeling.api;

import java.nio.ByteBuffer;

/** A kubelet protocol spoken in SPDY frames, whichever connection carries them. */
interface SpdySession {

    /** The client's bytes, as they arrive. */
    void received(ByteBuffer bytes);

    /** The client went away: everything the session holds is let go. */
    void gone();
}
