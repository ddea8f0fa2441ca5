package io.yingji.platform.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.yingji.shared.PlainText;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * What the JSON reader refuses, for every endpoint at once, so no validation class has to remember it:
 * <ul>
 * <li>a key twice in one object ({@code {"name":"a","name":"b"}} — which one did the client mean?);</li>
 * <li>{@code null} as an element of a list or set ({@code "chemicals":[null]}): code may rely on list
 *     elements being there; a field that may be missing is a nullable field, never a null element;</li>
 * <li>text with control characters, bidirectional overrides or unpaired surrogates
 *     ({@link PlainText}), in every string value however deep;</li>
 * <li>a number that is no finite double ({@code 1e999} would become Infinity, {@code "NaN"} NaN).</li>
 * </ul>
 * Each refusal is a {@link Refused} with the JSON path of the value, which the problem handler turns into
 * a 400 field problem. Maps keep their null values: the platform reads its own GeoJSON and audit details
 * into maps, and no request body is a map.
 */
final class JsonInput implements JsonMapperBuilderCustomizer {

    /** A value the reader refuses: the message key of the problem; the handler adds the value's path. */
    static final class Refused extends MismatchedInputException {

        private final String messageKey;
        private final transient Object[] args;

        Refused(JsonParser parser, String messageKey, Object... args) {
            super(parser, messageKey);
            this.messageKey = messageKey;
            this.args = args;
        }

        String messageKey() {
            return messageKey;
        }

        Object[] args() {
            return args.clone();
        }
    }

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        for (Class<?> type : List.of(Collection.class, List.class, Set.class, SortedSet.class)) {
            builder.withConfigOverride(type, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
        }
        SimpleModule module = new SimpleModule("yingji-json-input");
        module.addDeserializer(String.class, new PlainString());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(Double.TYPE, 0.0));
        builder.addModule(module);
    }

    /** Strings as Jackson reads them, refused when {@link PlainText} refuses them. */
    static final class PlainString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                int at = PlainText.forbiddenAt(value);
                if (at >= 0) {
                    throw new Refused(p, "text.forbidden-character", PlainText.describe(value, at), at + 1);
                }
            }
            return value;
        }
    }

    /** Doubles as Jackson reads them, refused when the number overflows to infinity. */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, @Nullable Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                throw new Refused(p, "problem.json.not-finite");
            }
            return value;
        }
    }
}
