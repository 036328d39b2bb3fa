package dev.spindle.examples;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types the examples' flags share, as picocli converters: a bad value fails parsing with
 * picocli's "Invalid value for option '--port': ..." and the usage, exit code 2.
 */
public final class FlagTypes {
    private FlagTypes() {
    }

    /** A TCP port, 0 to 65535 (0: any free one, where the flag says so). */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
        }
    }

    /** A cluster member's {@code host:port}, e.g. {@code 127.0.0.1:5801}. */
    public static final class Member implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String member = value.strip();
            int colon = member.lastIndexOf(':');
            if (colon > 0) {
                new Port().convert(member.substring(colon + 1));
                return member;
            }
            throw new TypeConversionException("'" + value + "' is not HOST:PORT");
        }
    }

    /**
     * Returns the port of a {@link Member} address.
     *
     * @param member {@code host:port}, as {@link Member} checked it
     * @return the port
     */
    public static int portOf(String member) {
        return Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
    }
}
