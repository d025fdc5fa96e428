package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;

/**
 * The edit script go-cmp computes to line up two lists before it reports their differences: a
 * greedy search from both ends towards the middle (not a minimal diff). go-cmp picks the starting
 * end at random so that nobody relies on its output; this always starts from the front, which is
 * go-cmp's deterministic mode.
 */
final class EditScript {

    enum Edit {
        IDENTITY, UNIQUE_X, UNIQUE_Y, MODIFIED
    }

    /** How two elements compare: counts of equal and differing leaves below them. */
    record Result(int numSame, int numDiff) {
        static Result of(boolean equal) {
            return equal ? new Result(1, 0) : new Result(0, 2);
        }

        boolean equal() {
            return numDiff == 0;
        }

        boolean similar() {
            return numSame + 1 >= numDiff;
        }
    }

    interface Comparison {
        Result compare(int ix, int iy);
    }

    private EditScript() {
    }

    static List<Edit> difference(int nx, int ny, Comparison f) {
        Path fwd = new Path(1, 0, 0);
        Path rev = new Path(-1, nx, ny);
        int[] fwdFrontier = {0, 0};
        int[] revFrontier = {nx, ny};
        int budget = 4 * (nx + ny);
        boolean forward = true;
        while (true) {
            if (fwdFrontier[0] >= revFrontier[0] || fwdFrontier[1] >= revFrontier[1] || budget == 0) {
                break;
            }
            if (forward) {
                boolean stop1 = false;
                boolean stop2 = false;
                for (int i = 0; !(stop1 && stop2) && budget > 0; i++) {
                    int z = zigzag(i);
                    int px = fwdFrontier[0] + z;
                    int py = fwdFrontier[1] - z;
                    if (px >= rev.x || py < fwd.y) {
                        stop1 = true;
                    } else if (py >= rev.y || px < fwd.x) {
                        stop2 = true;
                    } else if (f.compare(px, py).equal()) {
                        fwd.connect(px, py, f);
                        fwd.append(Edit.IDENTITY);
                        while (fwd.x < rev.x && fwd.y < rev.y && f.compare(fwd.x, fwd.y).equal()) {
                            fwd.append(Edit.IDENTITY);
                        }
                        fwdFrontier[0] = fwd.x;
                        fwdFrontier[1] = fwd.y;
                        stop1 = true;
                        stop2 = true;
                    } else {
                        budget--;
                    }
                }
                if (rev.x - fwdFrontier[0] >= rev.y - fwdFrontier[1]) {
                    fwdFrontier[0]++;
                } else {
                    fwdFrontier[1]++;
                }
            } else {
                boolean stop1 = false;
                boolean stop2 = false;
                for (int i = 0; !(stop1 && stop2) && budget > 0; i++) {
                    int z = zigzag(i);
                    int px = revFrontier[0] - z;
                    int py = revFrontier[1] + z;
                    if (fwd.x >= px || rev.y < py) {
                        stop1 = true;
                    } else if (fwd.y >= py || rev.x < px) {
                        stop2 = true;
                    } else if (f.compare(px - 1, py - 1).equal()) {
                        rev.connect(px, py, f);
                        rev.append(Edit.IDENTITY);
                        while (fwd.x < rev.x && fwd.y < rev.y && f.compare(rev.x - 1, rev.y - 1).equal()) {
                            rev.append(Edit.IDENTITY);
                        }
                        revFrontier[0] = rev.x;
                        revFrontier[1] = rev.y;
                        stop1 = true;
                        stop2 = true;
                    } else {
                        budget--;
                    }
                }
                if (revFrontier[0] - fwd.x >= revFrontier[1] - fwd.y) {
                    revFrontier[0]--;
                } else {
                    revFrontier[1]--;
                }
            }
            forward = !forward;
        }
        fwd.connect(rev.x, rev.y, f);
        for (int i = rev.edits.size() - 1; i >= 0; i--) {
            fwd.append(rev.edits.get(i));
        }
        return fwd.edits;
    }

    /** 0, -1, +1, -2, +2, ... */
    private static int zigzag(int x) {
        if ((x & 1) != 0) {
            x = ~x;
        }
        return x >> 1;
    }

    private static final class Path {
        final int dir;
        int x;
        int y;
        final List<Edit> edits = new ArrayList<>();

        Path(int dir, int x, int y) {
            this.dir = dir;
            this.x = x;
            this.y = y;
        }

        void connect(int dx, int dy, Comparison f) {
            if (dir > 0) {
                while (dx > x && dy > y) {
                    Result r = f.compare(x, y);
                    if (r.equal()) {
                        append(Edit.IDENTITY);
                    } else if (r.similar()) {
                        append(Edit.MODIFIED);
                    } else if (dx - x >= dy - y) {
                        append(Edit.UNIQUE_X);
                    } else {
                        append(Edit.UNIQUE_Y);
                    }
                }
                while (dx > x) {
                    append(Edit.UNIQUE_X);
                }
                while (dy > y) {
                    append(Edit.UNIQUE_Y);
                }
            } else {
                while (x > dx && y > dy) {
                    Result r = f.compare(x - 1, y - 1);
                    if (r.equal()) {
                        append(Edit.IDENTITY);
                    } else if (r.similar()) {
                        append(Edit.MODIFIED);
                    } else if (y - dy >= x - dx) {
                        append(Edit.UNIQUE_Y);
                    } else {
                        append(Edit.UNIQUE_X);
                    }
                }
                while (x > dx) {
                    append(Edit.UNIQUE_X);
                }
                while (y > dy) {
                    append(Edit.UNIQUE_Y);
                }
            }
        }

        void append(Edit e) {
            edits.add(e);
            switch (e) {
                case IDENTITY, MODIFIED -> {
                    x += dir;
                    y += dir;
                }
                case UNIQUE_X -> x += dir;
                case UNIQUE_Y -> y += dir;
            }
        }
    }
}
