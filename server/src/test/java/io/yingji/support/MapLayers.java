package io.yingji.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The map layer endpoints answer by column ({@code {"count": n, "id": [...], "name": [...], …}}); tests
 * read them back as one object per point, after checking every column has {@code count} entries.
 */
public final class MapLayers {

    private MapLayers() {
    }

    public static List<JsonNode> rows(JsonNode layer) {
        int count = layer.path("count").asInt(-1);
        assertThat(count).as("a map layer has a count: %s", layer).isNotNegative();
        List<Map.Entry<String, JsonNode>> columns = layer.properties().stream().filter(e -> e.getValue().isArray()).toList();
        assertThat(columns).as("a map layer has columns").isNotEmpty();
        columns.forEach(column -> assertThat(column.getValue().size()).as("column %s", column.getKey()).isEqualTo(count));
        List<JsonNode> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> column : columns) {
                row.set(column.getKey(), column.getValue().get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
