package io.kubeling.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ListPageReaderTest {

    private static final String ITEM = "{\"metadata\":{\"name\":\"a \\\"quoted\\\" ] } name\",\"labels\":{\"items\":\"[\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"args\":[\"{\",\"\\\\\",\"]\"]}],\"priority\":0,\"x\":null}}";

    private static String list(int items, String metadata, boolean metadataFirst) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            array.append(i == 0 ? "" : ",").append(ITEM);
        }
        array.append(']');
        String meta = "\"metadata\":" + metadata;
        String itemsField = "\"items\":" + array;
        return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\"," + (metadataFirst ? meta + "," + itemsField
                : itemsField + "," + meta) + "}\n";
    }

    /** Scans {@code body} cut at {@code cut} and at {@code cut2}, as a client may receive it. */
    private static ListPageReader.Page read(String body, int cut, int cut2) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ListPageReader reader = new ListPageReader();
        reader.scan(ByteBuffer.wrap(bytes, 0, cut));
        reader.scan(ByteBuffer.wrap(bytes, cut, cut2 - cut));
        ByteBuffer rest = ByteBuffer.allocateDirect(bytes.length - cut2);
        rest.put(bytes, cut2, bytes.length - cut2).flip();
        reader.scan(rest);
        return reader.finish();
    }

    @Test
    void countsTheItemsAndKeepsTheContinueTokenWhereverTheBodyIsCut() throws IOException {
        String body = list(3, "{\"resourceVersion\":\"12\",\"continue\":\"eyJydiI6MTJ9\",\"remainingItemCount\":7}",
                true);
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        for (int cut = 0; cut <= length; cut++) {
            int cut2 = Math.min(length, cut + 7);
            assertThat(read(body, cut, cut2)).as("cut at %d", cut).isEqualTo(new ListPageReader.Page(3,
                    "eyJydiI6MTJ9"));
        }
    }

    @Test
    void readsTheMetadataAfterTheItemsAndALastPageWithoutToken() throws IOException {
        String body = list(2, "{\"resourceVersion\":\"12\",\"continue\":\"tok\"}", false);
        assertThat(read(body, 5, 40)).isEqualTo(new ListPageReader.Page(2, "tok"));
        String last = list(4, "{\"resourceVersion\":\"12\"}", true);
        assertThat(read(last, 1, 2)).isEqualTo(new ListPageReader.Page(4, ""));
    }

    @Test
    void anEmptyListHasNoItems() throws IOException {
        String body = "{\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"3\"},\"items\":[ ]}";
        assertThat(read(body, 10, 20)).isEqualTo(new ListPageReader.Page(0, ""));
    }

    @Test
    void aBodyCutShortOrGoingOnIsRefused() {
        String body = list(2, "{\"continue\":\"tok\"}", true);
        assertThatThrownBy(() -> read(body.substring(0, body.length() - 3), 5, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(body + "{}", 5, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[" + body + "]", 5, 10)).isInstanceOf(IOException.class);
    }
}
