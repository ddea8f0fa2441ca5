package io.yingji.shared;

import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.jspecify.annotations.Nullable;

/**
 * A failure to show the caller as an RFC 9457 problem: an HTTP status, a message key resolved in the
 * caller's language, and field errors where input was wrong. Modules throw these; the web layer renders.
 */
public class Problem extends RuntimeException {

    /**
     * One wrong field: its path in the request, a message key and the key's arguments; {@code line}
     * is the line of an imported file the field came from, null for a request body, and {@code column}
     * the column within that line where the file format has one (an XML document), else null.
     */
    public record FieldProblem(@Nullable Integer line, @Nullable Integer column, String field, String messageKey, Object... args) {

        public FieldProblem {
            args = plain(args);
        }

        public FieldProblem(@Nullable Integer line, String field, String messageKey, Object... args) {
            this(line, null, field, messageKey, args);
        }

        public FieldProblem(String field, String messageKey, Object... args) {
            this(null, null, field, messageKey, args);
        }
    }

    /**
     * A region code that names no region: "请选择所属行政区划" when none was given (never "代码“null”不存在"),
     * otherwise that the code is unknown.
     */
    public static FieldProblem unknownRegion(@Nullable Integer line, String field, @Nullable String code) {
        return code == null || code.isBlank() ? new FieldProblem(line, field, "enterprise.region.required")
                : new FieldProblem(line, field, "enterprise.region.unknown", code);
    }

    private final int status;
    private final String messageKey;
    private final transient Object[] args;
    private final transient List<FieldProblem> fieldProblems;

    public Problem(int status, String messageKey, Object... args) {
        this(status, messageKey, List.of(), args);
    }

    public Problem(int status, String messageKey, List<FieldProblem> fieldProblems, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = plain(args);
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    /**
     * Whole numbers as plain text: MessageFormat would group their digits ("86,400 秒", an id "12,345"),
     * which reads wrong in a limit or an identifier.
     */
    static Object[] plain(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Integer || out[i] instanceof Long || out[i] instanceof Short) {
                out[i] = String.valueOf(out[i]);
            }
        }
        return out;
    }

    /** 404: the record does not exist, or the caller may not know it exists. */
    public static Problem notFound(String what, Object id) {
        return new Problem(404, "problem.not-found", new DefaultMessageSourceResolvable(new String[] {"entity." + what}, what), String.valueOf(id));
    }

    /** 403: the caller may see the record but not act on it this way. */
    public static Problem forbidden() {
        return new Problem(403, "problem.forbidden");
    }

    /**
     * The answer to acting on a record the caller cannot see, or naming it in a create: 404, exactly as
     * for an id that does not exist (same status, same text), so that no answer tells a caller which
     * ids exist outside its scope. 403 is only for a record the caller may see but not act on this way.
     */
    public static Problem outOfScope(String what, Object id) {
        return notFound(what, id);
    }

    /** 400 with field errors. */
    public static Problem invalid(List<FieldProblem> fieldProblems) {
        return new Problem(400, "problem.invalid", fieldProblems);
    }

    public static Problem invalid(String field, String messageKey, Object... args) {
        return invalid(List.of(new FieldProblem(field, messageKey, args)));
    }

    /** 409: the request conflicts with the record's current state. */
    public static Problem conflict(String messageKey, Object... args) {
        return new Problem(409, messageKey, args);
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
