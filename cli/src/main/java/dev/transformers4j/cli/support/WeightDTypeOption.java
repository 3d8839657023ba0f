package dev.transformers4j.cli.support;

import dev.transformers4j.core.WeightDType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --dtype float32|int8|bf16}: the form the model's linear weights are multiplied in (int8: dynamic
 * quantisation, symmetric per output channel; bf16: rounded to bfloat16). One spelling for every command that
 * runs a model; an unknown value is refused with the allowed ones.
 */
public final class WeightDTypeOption {

    @Option(names = "--dtype", paramLabel = "DTYPE", defaultValue = "float32", converter = Parse.class,
            description = "Weights of the linear layers as float32, int8 (quantised per output channel) or bf16."
                    + " Default: ${DEFAULT-VALUE}.")
    public WeightDType dtype;

    /** {@link WeightDType#parse}, its message as picocli's. */
    static final class Parse implements ITypeConverter<WeightDType> {
        @Override
        public WeightDType convert(String value) {
            try {
                return WeightDType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
