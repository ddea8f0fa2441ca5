package io.yingji.shared;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sort keys a list allows and the SQL column behind each. A caller's {@code sort} parameter
 * ({@code name}, {@code name,asc}, {@code name,desc}) only ever picks one of these columns, so no
 * text from a request reaches the SQL; an unknown key is a 400 on the field {@code sort}.
 * A tie-breaker always follows, so that paging through equal values neither repeats nor skips rows.
 */
public final class SortOrder {

    private final Map<String, String> columns;
    private final String tieBreaker;

    private SortOrder(Map<String, String> columns, String tieBreaker) {
        this.columns = columns;
        this.tieBreaker = tieBreaker;
    }

    /**
     * @param columns    sort key as the API names it → SQL expression (written by the module, never from a request)
     * @param tieBreaker the default order and the last key of every order, e.g. {@code e.id desc}
     */
    public static SortOrder of(Map<String, String> columns, String tieBreaker) {
        return new SortOrder(new LinkedHashMap<>(columns), tieBreaker);
    }

    /** The {@code order by} clause for the caller's {@code sort} (blank means the default order). */
    public String orderBy(@Nullable String sort) {
        if (sort == null || sort.isBlank()) {
            return " order by " + tieBreaker;
        }
        String[] parts = sort.trim().split(",", -1);
        String key = parts[0].trim();
        String column = columns.get(key);
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (column == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw Problem.invalid("sort", "problem.sort.unknown", sort, String.join(", ", columns.keySet()));
        }
        return " order by " + column + " " + direction + " nulls last, " + tieBreaker;
    }

    /** The keys a caller may sort by, in the order the module lists them. */
    public Iterable<String> keys() {
        return columns.keySet();
    }
}
