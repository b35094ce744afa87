package org.lmlab.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;

/**
 * The one Jackson mapper configs go through. Strictness lives here (unknown properties, nulls for primitives,
 * floats silently truncated to ints are all errors) and so do the spelling rules: snake_case keys and
 * {@link EnumNames kebab-case enums}. It is thread-safe once built, so one shared instance serves everything.
 */
final class ConfigMapper {
    private ConfigMapper() {}

    static final YAMLMapper YAML = build();

    private static YAMLMapper build() {
        SimpleModule enums = new SimpleModule("lmlab-config-enums");
        enums.addSerializer(new EnumSerializer());
        enums.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(
                    DeserializationConfig config, JavaType type, BeanDescription desc, JsonDeserializer<?> deser) {
                return new EnumDeserializer(type.getRawClass());
            }
        });
        YAMLFactory factory = YAMLFactory.builder()
                .stringQuotingChecker(new RoundTripQuoting())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        return YAMLMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                // 4.5 for an int is a mistake to report, not a value to round.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .addModule(enums)
                .build();
    }

    /**
     * Quotes a string whenever reading it back unquoted would not give the same string: Jackson's own checker
     * misses forms its parser still reads as numbers or booleans ({@code 1e3}, {@code 0x10}, {@code on}), which
     * would break the toYaml → fromYaml round trip a run's config.yaml relies on.
     */
    private static final class RoundTripQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final YAMLMapper PLAIN = new YAMLMapper();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !readsBackAsItself(value);
        }

        private static boolean readsBackAsItself(String value) {
            try {
                JsonNode node = PLAIN.readTree(value);
                return node != null && node.isTextual() && node.asText().equals(value);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Writes every enum as its canonical kebab-case spelling. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class EnumSerializer extends StdScalarSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        EnumSerializer() {
            super(Enum.class, false);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(EnumNames.canonical(value));
        }
    }

    /**
     * Reads enums leniently (any case, '-' or '_'); a miss is reported as an InvalidFormatException so the
     * binding-error translation can name the allowed values in the canonical spelling.
     */
    private static final class EnumDeserializer extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;
        private final Class<?> enumType;

        EnumDeserializer(Class<?> enumType) {
            super(enumType);
            this.enumType = enumType;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == null || !token.isScalarValue()) {
                return ctxt.handleUnexpectedToken(enumType, p);
            }
            String text = p.getText();
            Object value = EnumNames.parse(enumType, text);
            if (value == null) {
                throw InvalidFormatException.from(p, "not one of " + EnumNames.allowed(enumType), text, enumType);
            }
            return value;
        }
    }
}
